// Who an address belongs to, for sign-in only: the answer never reaches a page (the sign-in
// page says the same whether or not an address is known).
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'

export async function findPersonByEmail(db: Db, email: string) {
  return db
    .selectFrom('people')
    .select(['id', 'language', 'email', 'first_name'])
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
}
