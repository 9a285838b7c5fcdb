// The mail to a person that Kringwerk still holds, for their own download: the subject and the
// time, from the outbox and the mail queue. Delivered mail is not kept (core/mail.ts).
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const outboxPersonalData: PersonalData = {
  covers: ['outbox.person_id', 'mail_queue.person_id'],
  async read(db: Db, personId: string) {
    const stored = await db
      .selectFrom('outbox')
      .select(['subject', 'to_address as to', 'created_at as at'])
      .where('person_id', '=', personId)
      .where('part', '=', 0)
      .orderBy('created_at')
      .execute()
    const waiting = await db
      .selectFrom('mail_queue')
      .select(['subject', 'to_address as to', 'created_at as at', 'failed_at as failed'])
      .where('person_id', '=', personId)
      .where('part', '=', 0)
      .orderBy('created_at')
      .execute()
    return [
      { name: 'mailStored', rows: stored },
      { name: 'mailWaiting', rows: waiting },
    ]
  },
}
