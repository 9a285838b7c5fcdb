// What a parent (any recipient) sees at /messages: the messages addressed to them in their
// current school, newest first, each with the translation by people into their language when
// there is one. Nothing here tells who else received a message.
import type { Db } from '../../../core/db/index.ts'
import type { Language } from '../../../core/db/schema.ts'
import { type MessageContent, TRANSLATION_COLUMNS, translationOf } from './message.ts'

export interface InboxItem extends MessageContent {
  openedAt: Date | null
}

export const INBOX_SIZE = 30

export async function loadInbox(
  db: Db,
  schoolId: string,
  personId: string,
  lang: Language,
): Promise<InboxItem[]> {
  const rows = await db
    .selectFrom('message_recipients as r')
    .innerJoin('messages as m', 'm.id', 'r.message_id')
    .leftJoin('message_translations as tr', (j) =>
      j.onRef('tr.message_id', '=', 'm.id').on('tr.language', '=', lang),
    )
    .select([
      'm.id',
      'm.template_key',
      'm.subject',
      'm.body',
      'm.params',
      'm.urgent',
      'm.created_at',
      'r.opened_at',
      ...TRANSLATION_COLUMNS,
    ])
    .where('r.person_id', '=', personId)
    .where('r.school_id', '=', schoolId)
    .where('m.school_id', '=', schoolId)
    .orderBy('m.created_at', 'desc')
    .limit(INBOX_SIZE)
    .execute()
  return rows.map((row) => ({
    id: row.id,
    templateKey: row.template_key,
    subject: row.subject,
    body: row.body,
    params: row.params,
    urgent: row.urgent,
    createdAt: row.created_at,
    openedAt: row.opened_at,
    translation: translationOf(row),
  }))
}
