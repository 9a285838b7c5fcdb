// What the delivery needs to mail recipients: each person's address and current language, and
// the content of the messages it mails (with the translations into those languages).
import type { Db } from '../../../core/db/index.ts'
import type { Language, MessageAudience } from '../../../core/db/schema.ts'
import { type MessageContent, TRANSLATION_COLUMNS, translationOf } from './message.ts'

export interface Addressee {
  id: string
  email: string
  language: Language
}

export async function addressees(db: Db, personIds: readonly string[]): Promise<Addressee[]> {
  if (!personIds.length) return []
  return db
    .selectFrom('people')
    .select(['id', 'email', 'language'])
    .where('id', 'in', personIds)
    .execute()
}

export interface MailedMessage extends Omit<MessageContent, 'translation'> {
  audience: MessageAudience
  flemish: boolean
  /** The translations by people, by language. */
  translations: Map<Language, MessageContent['translation']>
}

export async function messagesToMail(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, MailedMessage>> {
  if (!ids.length) return new Map()
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('schools as s', 's.id', 'm.school_id')
    .leftJoin('message_translations as tr', 'tr.message_id', 'm.id')
    .select([
      'm.id',
      'm.template_key',
      'm.subject',
      'm.body',
      'm.params',
      'm.urgent',
      'm.created_at',
      'm.audience',
      's.holiday_region',
      ...TRANSLATION_COLUMNS,
    ])
    .where('m.id', 'in', ids)
    .execute()
  const out = new Map<string, MailedMessage>()
  for (const r of rows) {
    let m = out.get(r.id)
    if (!m) {
      m = {
        id: r.id,
        templateKey: r.template_key,
        subject: r.subject,
        body: r.body,
        params: r.params,
        urgent: r.urgent,
        createdAt: r.created_at,
        audience: r.audience,
        flemish: r.holiday_region === 'vlaanderen',
        translations: new Map(),
      }
      out.set(r.id, m)
    }
    const tr = translationOf(r)
    if (tr) m.translations.set(tr.language, tr)
  }
  return out
}
