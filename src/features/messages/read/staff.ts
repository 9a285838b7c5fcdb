// What staff see: the messages of their school the policy lets them see, how far one reached
// (per language, and the families no mail reached or who prefer to hear it in person), the
// families that did not open it (its writer only), and what the writing form offers.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { Language, MessageAudience } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { PolicyEnv } from '../../../core/policy.ts'
import type { Principal } from '../../../core/principal.ts'
import { can } from '../../../policies.ts'
import { type AudienceScope, audienceFrom } from '../audience.ts'
import type { DraftRecord, MessageRecord } from '../policy.ts'
import { taughtGroups } from './message.ts'

type InSchool = Principal & { schoolId: string }

export interface SentItem {
  id: string
  subject: string
  audience: MessageAudience
  groups: string[]
  recipients: number
  urgent: boolean
  createdAt: Date
  mine: boolean
}

const SENT_SIZE = 30

/**
 * The school's newest messages the person may see. Messages to families are only ever their
 * writer's, so the query leaves out others' at once; the policy decides every row.
 */
export async function loadSent(db: Db, p: InSchool, env: PolicyEnv): Promise<SentItem[]> {
  const [rows, taught] = await Promise.all([
    db
      .selectFrom('messages as m')
      .select((eb) => [
        'm.id',
        'm.subject',
        'm.audience',
        'm.author_id',
        'm.recipients',
        'm.urgent',
        'm.created_at',
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
      .where('m.school_id', '=', p.schoolId)
      .where((eb) =>
        eb.or([eb('m.audience', '<>', 'families'), eb('m.author_id', '=', p.personId)]),
      )
      .orderBy('m.created_at', 'desc')
      .limit(SENT_SIZE * 3)
      .execute(),
    taughtGroups(db, p.schoolId, p.personId),
  ])
  return rows
    .filter((r) =>
      can(
        p,
        'messages.view',
        {
          schoolId: p.schoolId,
          authorId: r.author_id,
          audience: r.audience,
          groupIds: (r.groups ?? []).map((g) => g.id),
          recipient: false,
          taughtGroupIds: taught,
        },
        env,
      ),
    )
    .slice(0, SENT_SIZE)
    .map((r) => ({
      id: r.id,
      subject: r.subject,
      audience: r.audience,
      groups: (r.groups ?? []).map((g) => g.name),
      recipients: r.recipients,
      urgent: r.urgent,
      createdAt: r.created_at,
      mine: r.author_id === p.personId,
    }))
}

export interface ReachRow {
  language: Language
  families: number
  mailed: number
  waiting: number
  failed: number
  opened: number
}

export interface Unreached {
  name: string
  children: string
  reason: 'failed' | 'phone' | 'school' | 'unopened'
}

export interface Reach {
  perLanguage: ReachRow[]
  /** Families to tell at the door: their mail was refused, or they prefer to hear it in person. */
  unreached: Unreached[]
  /** Families that did not open it after two days: for the writer only (null otherwise). */
  unopened: Unreached[] | null
}

const SHORT_LIST = 30
export const UNOPENED_AFTER_DAYS = 2

/** How far a message reached. Asks the policy for each part; null when reach is not theirs. */
export async function loadReach(
  db: Db,
  p: InSchool,
  id: string,
  record: MessageRecord,
  env: PolicyEnv,
): Promise<Reach | null> {
  if (!can(p, 'messages.seeReach', record, env)) return null
  const childrenOf = sql<string>`(select string_agg(ch.first_name || ' (' || gr.name || ')', ', '
      order by ch.first_name)
    from guardianships g join children ch on ch.id = g.child_id
    join groups gr on gr.id = ch.group_id
    where g.person_id = r.person_id and g.school_id = r.school_id)`
  const people = (where: 'unreached' | 'unopened') =>
    db
      .selectFrom('message_recipients as r')
      .innerJoin('people as pe', 'pe.id', 'r.person_id')
      .select(['pe.name', 'pe.contact_channel', 'r.outcome', childrenOf.as('children')])
      .where('r.message_id', '=', id)
      .where('r.school_id', '=', p.schoolId)
      .where((eb) =>
        where === 'unreached'
          ? eb.or([eb('r.outcome', '=', 'failed'), eb('pe.contact_channel', '<>', 'email')])
          : eb.and([
              eb('r.opened_at', 'is', null),
              eb(
                'r.mailed_at',
                '<',
                sql<Date>`now() - make_interval(days => ${UNOPENED_AFTER_DAYS})`,
              ),
            ]),
      )
      .orderBy('pe.name')
      .limit(SHORT_LIST)
      .execute()
  const [perLanguage, unreached, unopened] = await Promise.all([
    db
      .selectFrom('message_recipients as r')
      .select([
        'r.language',
        sql<number>`count(*)::int`.as('families'),
        sql<number>`count(*) filter (where r.outcome in ('sent', 'stored', 'queued'))::int`.as(
          'mailed',
        ),
        sql<number>`count(*) filter (where r.mailed_at is null)::int`.as('waiting'),
        sql<number>`count(*) filter (where r.outcome = 'failed')::int`.as('failed'),
        sql<number>`count(r.opened_at)::int`.as('opened'),
      ])
      .where('r.message_id', '=', id)
      .where('r.school_id', '=', p.schoolId)
      .groupBy('r.language')
      .orderBy('families', 'desc')
      .execute(),
    people('unreached'),
    can(p, 'messages.seeUnopened', record, env) ? people('unopened') : null,
  ])
  const reason = (r: { outcome: string | null; contact_channel: string }): Unreached['reason'] =>
    r.outcome === 'failed' ? 'failed' : r.contact_channel === 'phone' ? 'phone' : 'school'
  return {
    perLanguage,
    unreached: unreached.map((r) => ({
      name: r.name,
      children: r.children ?? '',
      reason: reason(r),
    })),
    unopened:
      unopened?.map((r) => ({ name: r.name, children: r.children ?? '', reason: 'unopened' })) ??
      null,
  }
}

export interface ComposeOptions {
  groups: { id: string; name: string; taught: boolean }[]
  /** The children whose families the person may write to, by first name and group. */
  children: { id: string; label: string }[]
}

/** What the writing form offers this person: groups they may write to and families. */
export async function loadComposeOptions(
  db: Db,
  p: InSchool,
  env: PolicyEnv,
): Promise<ComposeOptions> {
  const [groups, taught] = await Promise.all([
    db
      .selectFrom('groups')
      .select(['id', 'name'])
      .where('school_id', '=', p.schoolId)
      .orderBy('grade')
      .orderBy('name')
      .execute(),
    taughtGroups(db, p.schoolId, p.personId),
  ])
  const draft = (audience: MessageAudience, ids: string[]): DraftRecord => ({
    schoolId: p.schoolId,
    audience,
    groupIds: audience === 'groups' ? ids : [],
    childGroupIds: audience === 'families' ? ids : [],
    urgent: false,
    taughtGroupIds: taught,
  })
  const writable = groups.filter((g) => can(p, 'messages.send', draft('groups', [g.id]), env))
  const familyGroups = groups
    .filter((g) => can(p, 'messages.send', draft('families', [g.id]), env))
    .map((g) => g.id)
  const children = familyGroups.length
    ? await db
        .selectFrom('children as ch')
        .innerJoin('groups as gr', 'gr.id', 'ch.group_id')
        .select(['ch.id', 'ch.first_name', 'gr.name as group'])
        .where('ch.school_id', '=', p.schoolId)
        .where('ch.group_id', 'in', familyGroups)
        .orderBy('gr.grade')
        .orderBy('gr.name')
        .orderBy('ch.first_name')
        .execute()
    : []
  return {
    groups: writable.map((g) => ({ ...g, taught: taught.includes(g.id) })),
    children: children.map((c) => ({ id: c.id, label: `${c.first_name} (${c.group})` })),
  }
}

/**
 * The draft as the policy sees it. Every group and child id must be of the principal's school:
 * an id from elsewhere is NotFound, never silently dropped.
 */
export async function loadDraft(
  db: Db,
  p: InSchool,
  d: {
    audience: MessageAudience
    groupIds: readonly string[]
    childIds: readonly string[]
    urgent: boolean
  },
): Promise<DraftRecord> {
  const groupIds = d.audience === 'groups' ? [...new Set(d.groupIds)] : []
  const childIds = d.audience === 'families' ? [...new Set(d.childIds)] : []
  const [groups, children, taught] = await Promise.all([
    groupIds.length
      ? db
          .selectFrom('groups')
          .select('id')
          .where('school_id', '=', p.schoolId)
          .where('id', 'in', groupIds)
          .execute()
      : [],
    childIds.length
      ? db
          .selectFrom('children')
          .select(['id', 'group_id'])
          .where('school_id', '=', p.schoolId)
          .where('id', 'in', childIds)
          .execute()
      : [],
    taughtGroups(db, p.schoolId, p.personId),
  ])
  if (groups.length !== groupIds.length || children.length !== childIds.length) throw new NotFound()
  return {
    schoolId: p.schoolId,
    audience: d.audience,
    groupIds,
    childGroupIds: [...new Set(children.map((c) => c.group_id))],
    urgent: d.urgent,
    taughtGroupIds: taught,
  }
}

/** How many families (guardians, each once) a message to this audience reaches. */
export async function countRecipients(db: Db, scope: AudienceScope): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(distinct g.person_id)::int as n
    ${audienceFrom(scope)}`.execute(db)
  return rows[0]?.n ?? 0
}

/** How the person wants messages' mail, and whether their school is Flemish. */
export async function readerContext(
  db: Db,
  p: InSchool,
): Promise<{ digest: boolean; flemish: boolean }> {
  const row = await db
    .selectFrom('people as pe')
    .innerJoin('schools as s', (j) => j.on('s.id', '=', p.schoolId))
    .select(['pe.message_digest', 's.holiday_region'])
    .where('pe.id', '=', p.personId)
    .executeTakeFirstOrThrow()
  return { digest: row.message_digest, flemish: row.holiday_region === 'vlaanderen' }
}
