// The outbox's two lists: mail stored instead of sent, and mail the mail server refused. An
// admin reads mail to people of their own school only, never mail marked confidential.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { composeMail } from '../../../core/mail.ts'

/**
 * The newest stored mails, each as its recipient got it: the parts of one mail (core/mail.ts)
 * put together. An admin gets only the parts they may read, so a confidential part (a buddy
 * offer, a sign-in link) stays out even of a mail whose other part they see.
 */
export async function listOutbox(db: Db, schoolId: string | null, limit = 50) {
  let newest = db
    .selectFrom('outbox as o')
    .select('o.mail_id')
    .groupBy('o.mail_id')
    .orderBy(sql`max(o.created_at)`, 'desc')
    .limit(limit)
  if (schoolId) newest = newest.where(visibleToAdmin(schoolId))
  let q = db
    .selectFrom('outbox as o')
    .select(['o.id', 'o.mail_id', 'o.to_address', 'o.subject', 'o.body_text', 'o.created_at'])
    .where('o.mail_id', 'in', newest)
  if (schoolId) q = q.where(visibleToAdmin(schoolId))
  const rows = await q.orderBy('o.created_at', 'desc').orderBy('o.part').execute()
  const mails = new Map<string, typeof rows>()
  for (const row of rows) mails.set(row.mail_id, [...(mails.get(row.mail_id) ?? []), row])
  return [...mails.values()].map((parts) => {
    const [first] = parts as [(typeof rows)[number], ...typeof rows]
    const { subject, text } = composeMail(
      parts.map((p) => ({ subject: p.subject, text: p.body_text })),
    )
    return {
      id: first.id,
      to_address: first.to_address,
      subject,
      body_text: text,
      created_at: first.created_at,
    }
  })
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
