// Mail that is only of use for a while (a sign-in link lives 15 minutes) says until when: the
// queue neither sends it later nor keeps it (core/mail.ts).
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mail_queue add column valid_until timestamptz`.execute(db)
}
