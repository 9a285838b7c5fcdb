// Sliding-window rate limits kept in the database, so they hold across restarts and across
// several app processes on one PostgreSQL. Buckets are hashed: no address is stored here.
import { sql } from 'kysely'
import { sha256 } from './crypto.ts'
import type { Db } from './db/index.ts'

export interface Limit {
  max: number
  windowSeconds: number
}

/** Records one event in `bucket` and answers whether it is within the limit. */
export async function takeToken(db: Db, bucket: string, limit: Limit): Promise<boolean> {
  const key = sha256(bucket)
  const since = sql<Date>`now() - make_interval(secs => ${limit.windowSeconds})`
  await db.deleteFrom('rate_events').where('bucket', '=', key).where('at', '<', since).execute()
  const row = await db
    .selectFrom('rate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', key)
    .executeTakeFirstOrThrow()
  if (Number(row.n) >= limit.max) return false
  await db.insertInto('rate_events').values({ bucket: key }).execute()
  return true
}

/** How many events `bucket` holds within the last `windowSeconds`. */
export async function countEvents(db: Db, bucket: string, windowSeconds: number): Promise<number> {
  const row = await db
    .selectFrom('rate_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bucket', '=', sha256(bucket))
    .where('at', '>=', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Forgets every event of `bucket`: a fresh start (a new sign-in mail, a code that worked). */
export async function clearEvents(db: Db, bucket: string): Promise<void> {
  await db.deleteFrom('rate_events').where('bucket', '=', sha256(bucket)).execute()
}
