// Work that must not hold up the answer: a task runs after the response is on its way, its
// failure is logged (without the task's data) instead of reaching the user, and shutdown and
// tests can wait until every task has finished.
//
// Used where the time to answer would otherwise tell something: a sign-in request for a known
// address mails a link, one for an unknown address does not, and the page must not reveal
// which by taking longer.
import type { Logger } from './log.ts'

export class Background {
  readonly #pending = new Set<Promise<void>>()

  constructor(private readonly log: Logger) {}

  /** Starts `task` on a later turn of the event loop; `event` names it in the log. */
  run(event: string, task: () => Promise<unknown>): void {
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .then(
        () => {},
        (err: unknown) => {
          this.log.error(
            { event, error: err instanceof Error ? err.name : typeof err },
            'background task failed',
          )
        },
      )
      .finally(() => this.#pending.delete(done))
    this.#pending.add(done)
  }

  /** Resolves once every task started so far, and any they started, has finished. */
  async settled(): Promise<void> {
    while (this.#pending.size) await Promise.all([...this.#pending])
  }
}
