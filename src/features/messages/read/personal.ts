// What the messages feature holds about a person, for their own download: the messages they
// were sent (when mailed, when opened) and the ones they wrote.
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const messagesPersonalData: PersonalData = {
  covers: ['message_recipients.person_id', 'messages.author_id'],
  async read(db: Db, personId: string) {
    const received = await db
      .selectFrom('message_recipients as r')
      .innerJoin('messages as m', 'm.id', 'r.message_id')
      .innerJoin('schools as s', 's.id', 'r.school_id')
      .select([
        'm.subject',
        's.name as school',
        'r.language',
        'm.created_at as sent',
        'r.mailed_at as mailed',
        'r.opened_at as opened',
      ])
      .where('r.person_id', '=', personId)
      .orderBy('m.created_at')
      .execute()
    const written = await db
      .selectFrom('messages as m')
      .innerJoin('schools as s', 's.id', 'm.school_id')
      .select([
        'm.subject',
        's.name as school',
        'm.audience',
        'm.recipients',
        'm.created_at as sent',
      ])
      .where('m.author_id', '=', personId)
      .orderBy('m.created_at')
      .execute()
    return [
      { name: 'messagesReceived', rows: received },
      { name: 'messagesWritten', rows: written },
    ]
  },
}
