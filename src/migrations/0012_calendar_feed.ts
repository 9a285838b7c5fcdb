// A person's calendar feed link can be replaced: the link is their id with an HMAC over the
// id and this counter, so raising the counter makes every earlier link stop working
// (features/circles/ics.ts). 0 keeps the links made before this migration valid.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table people add column calendar_feed int not null default 0`.execute(db)
}
