// Features tell each other what happened through named events, wired where the app is
// composed (src/composition.ts): the people feature says "parents were invited" and never
// needs to know that buddies then offers a new groep-1 family a buddy. Handlers run after the
// emitter's transaction committed, one after another, in the order they were wired.
import type { Db } from './db/index.ts'
import type { Mailer } from './mail.ts'

/** What a command needs besides its input: the database, the one mailer, the public address. */
export interface ServiceDeps {
  db: Db
  mailer: Mailer
  baseUrl: string
  events: Events
}

/** An event's name and, as a type only, its payload. */
export interface EventType<P> {
  readonly name: string
  /** Never set: carries the payload type. */
  readonly payload?: P
}

export const defineEvent = <P>(name: string): EventType<P> => ({ name })

export type Handler<P> = (deps: ServiceDeps, payload: P) => Promise<unknown>

/** A handler wired to an event, as a feature lists it in its index.ts. */
export interface Subscription {
  event: EventType<unknown>
  handler: Handler<unknown>
}

export const on = <P>(event: EventType<P>, handler: Handler<P>): Subscription => ({
  event: event as EventType<unknown>,
  handler: handler as Handler<unknown>,
})

export class Events {
  private readonly handlers = new Map<string, Handler<unknown>[]>()

  constructor(subscriptions: readonly Subscription[] = []) {
    for (const s of subscriptions) {
      const list = this.handlers.get(s.event.name) ?? []
      list.push(s.handler)
      this.handlers.set(s.event.name, list)
    }
  }

  async emit<P>(deps: ServiceDeps, event: EventType<P>, payload: P): Promise<void> {
    for (const handler of this.handlers.get(event.name) ?? []) await handler(deps, payload)
  }
}
