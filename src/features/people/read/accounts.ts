// Who an address belongs to, with what their invitation mail needs (language, first name).
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'

export async function findAccount(db: Db, email: string) {
  return db
    .selectFrom('people')
    .select(['id', 'language', 'first_name'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}
