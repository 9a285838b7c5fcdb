// One message as the policy and the views see it: its content (the Dutch, the template and its
// parameters, a translation made by people in the reader's language) and the asking person's
// relation to it (a recipient? the groups they teach).
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { Language, MessageAudience } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { Principal } from '../../../core/principal.ts'
import type { MessageRecord } from '../policy.ts'

export interface Translation {
  language: Language
  subject: string
  body: string
  /** A second reader checked it. */
  reviewed: boolean
}

/** What rendering needs of a message (render.ts). */
export interface MessageContent {
  id: string
  templateKey: string | null
  subject: string
  body: string
  params: Record<string, string>
  urgent: boolean
  createdAt: Date
  /** A translation by people into the reader's language, when there is one. */
  translation: Translation | null
}

export interface LoadedMessage extends MessageContent {
  record: MessageRecord
  audience: MessageAudience
  recipients: number
  /** The names of the groups written to (audience 'groups'). */
  groups: string[]
  /** When the asking person opened it (recipients only). */
  openedAt: Date | null
}

/** The translation columns of a query joined with `message_translations as tr`. */
export const TRANSLATION_COLUMNS = [
  'tr.language as trLanguage',
  'tr.subject as trSubject',
  'tr.body as trBody',
  'tr.reviewed_by as trReviewedBy',
] as const

export function translationOf(row: {
  trLanguage: Language | null
  trSubject: string | null
  trBody: string | null
  trReviewedBy: string | null
}): Translation | null {
  return row.trLanguage && row.trSubject !== null && row.trBody !== null
    ? {
        language: row.trLanguage,
        subject: row.trSubject,
        body: row.trBody,
        reviewed: row.trReviewedBy !== null,
      }
    : null
}

/** The groups a person teaches in a school. */
export async function taughtGroups(db: Db, schoolId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('group_teachers')
    .select('group_id')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .execute()
  return rows.map((r) => r.group_id)
}

/** A message of the principal's school, or NotFound: another school's id is never told apart. */
export async function loadMessage(
  db: Db,
  p: Principal & { schoolId: string },
  id: string,
  lang: Language,
): Promise<LoadedMessage> {
  const [row, taught] = await Promise.all([
    db
      .selectFrom('messages as m')
      .leftJoin('message_recipients as r', (j) =>
        j.onRef('r.message_id', '=', 'm.id').on('r.person_id', '=', p.personId),
      )
      .leftJoin('message_translations as tr', (j) =>
        j.onRef('tr.message_id', '=', 'm.id').on('tr.language', '=', lang),
      )
      .select((eb) => [
        'm.id',
        'm.school_id',
        'm.author_id',
        'm.audience',
        'm.template_key',
        'm.subject',
        'm.body',
        'm.params',
        'm.urgent',
        'm.recipients',
        'm.created_at',
        'r.person_id as recipient',
        'r.opened_at',
        ...TRANSLATION_COLUMNS,
        eb
          .selectFrom('message_groups as mg')
          .innerJoin('groups as gr', 'gr.id', 'mg.group_id')
          .select(
            sql<
              { id: string; name: string }[]
            >`coalesce(json_agg(json_build_object('id', gr.id, 'name', gr.name) order by gr.grade, gr.name), '[]')`.as(
              'g',
            ),
          )
          .whereRef('mg.message_id', '=', 'm.id')
          .as('groups'),
      ])
      .where('m.id', '=', id)
      .where('m.school_id', '=', p.schoolId)
      .executeTakeFirst(),
    taughtGroups(db, p.schoolId, p.personId),
  ])
  if (!row) throw new NotFound()
  const groups = row.groups ?? []
  return {
    id: row.id,
    templateKey: row.template_key,
    subject: row.subject,
    body: row.body,
    params: row.params,
    urgent: row.urgent,
    createdAt: row.created_at,
    translation: translationOf(row),
    audience: row.audience,
    recipients: row.recipients,
    groups: groups.map((g) => g.name),
    openedAt: row.opened_at,
    record: {
      schoolId: row.school_id,
      authorId: row.author_id,
      audience: row.audience,
      groupIds: groups.map((g) => g.id),
      recipient: row.recipient !== null,
      taughtGroupIds: taught,
    },
  }
}
