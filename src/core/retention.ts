// What core keeps only for a while, and the job that forgets it (docs/retention.md has the rule
// for every table). Run by the server's upkeep timer beside the features' own clean-up.
import type { Db } from './db/index.ts'

export const RETENTION = {
  /** Sign-in links and codes live 15 minutes; a day later nothing needs them any more. */
  signinTokenDays: 1,
  /** The longest rate-limit window is an hour: a day of events is more than any limit reads. */
  rateEventHours: 24,
  /** The outbox (no mail server): mail an admin passes on by hand, for three months. */
  outboxDays: 90,
} as const

export interface Forgotten {
  sessions: number
  signinTokens: number
  rateEvents: number
  outbox: number
}

/** Deletes what has passed its time: ended sessions, old sign-in tokens, rate events, outbox. */
export async function forgetExpired(db: Db, now = new Date()): Promise<Forgotten> {
  const at = (ms: number) => new Date(now.getTime() - ms)
  const count = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows)
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst()
  const signinTokens = await db
    .deleteFrom('signin_tokens')
    .where('expires_at', '<', at(RETENTION.signinTokenDays * 86_400_000))
    .executeTakeFirst()
  const rateEvents = await db
    .deleteFrom('rate_events')
    .where('at', '<', at(RETENTION.rateEventHours * 3_600_000))
    .executeTakeFirst()
  const outbox = await db
    .deleteFrom('outbox')
    .where('created_at', '<', at(RETENTION.outboxDays * 86_400_000))
    .executeTakeFirst()
  return {
    sessions: count(sessions),
    signinTokens: count(signinTokens),
    rateEvents: count(rateEvents),
    outbox: count(outbox),
  }
}
