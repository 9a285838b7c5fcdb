// The server secret that keys CSRF tokens and code hashes. Made once per database so that
// every process on the same database agrees, on either engine.
import { sql } from 'kysely'
import { randomToken } from './crypto.ts'
import type { Db } from './db/index.ts'

export async function loadSecret(db: Db, name = 'hmac'): Promise<string> {
  await db
    .insertInto('app_secrets')
    .values({ name, value: randomToken(48) })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await db
    .selectFrom('app_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow()
  return row.value
}

export const now = sql<Date>`now()`
