// Who an address belongs to, with what a mail to them needs (address, language, first name):
// for an invitation, and for sign-in (whose page never says whether an address is known).
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'

export async function findAccount(db: Db, email: string) {
  return db
    .selectFrom('people')
    .select(['id', 'email', 'language', 'first_name'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}
