// The outbox's two lists: mail stored instead of sent, and mail the mail server refused. An
// admin reads mail to people of their own school only, never mail marked confidential.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'

export async function listOutbox(db: Db, schoolId: string | null, limit = 50) {
  let q = db
    .selectFrom('outbox as o')
    .select(['o.id', 'o.to_address', 'o.subject', 'o.body_text', 'o.created_at'])
  if (schoolId) q = q.where(visibleToAdmin(schoolId))
  return q.orderBy('o.created_at', 'desc').limit(limit).execute()
}

/** Mail the mail server would not take (core/mail.ts): address, subject and code only. */
export async function listUndelivered(db: Db, schoolId: string | null, limit = 50) {
  let q = db
    .selectFrom('mail_queue as o')
    .select(['o.id', 'o.to_address', 'o.subject', 'o.last_error', 'o.failed_at'])
    .where('o.failed_at', 'is not', null)
  if (schoolId) q = q.where(visibleToAdmin(schoolId))
  return q.orderBy('o.failed_at', 'desc').limit(limit).execute()
}

/**
 * An admin reads mail to people of their school only, and never mail marked confidential.
 * Written once for both tables, which share these columns under the alias `o`.
 */
const visibleToAdmin = (schoolId: string) =>
  sql<boolean>`o.confidential = false and exists (
    select 1 from memberships m where m.person_id = o.person_id and m.school_id = ${schoolId})`

export type StoredMail = Awaited<ReturnType<typeof listOutbox>>[number]
export type UndeliveredMail = Awaited<ReturnType<typeof listUndelivered>>[number]
