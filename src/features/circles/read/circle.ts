// A circle as every page and command starts from it: its public facts (what the poster on the
// school door shows), and the asking person's relation to it for the policy. Also its season
// of meetings, which the public page, the members and the runners all read.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { CircleAudience, CircleKind } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { CircleRecord, JoinRecord } from '../policy.ts'
import { activeFacilitator, activePlace } from '../standing.ts'

export interface Circle {
  id: string
  schoolId: string | null
  municipalityId: string | null
  hostName: string
  kind: CircleKind
  kindLabel: string | null
  audience: CircleAudience
  name: string
  place: string
  capacity: number
  languages: string[]
  agreements: string[]
  autonomous: boolean
  convenerId: string | null
  status: 'open' | 'closed'
  schoolIds: string[]
  /** The grades (groep 1..8) a children's circle is for; null: every group. */
  grades: number[] | null
}

export interface LoadedCircle {
  circle: Circle
  record: CircleRecord
}

export function circleQuery(db: Db) {
  return db
    .selectFrom('circles as c')
    .leftJoin('schools as s', 's.id', 'c.school_id')
    .leftJoin('municipalities as m', 'm.id', 'c.municipality_id')
    .select([
      'c.id',
      'c.school_id as schoolId',
      'c.municipality_id as municipalityId',
      sql<string>`coalesce(s.name, m.name)`.as('hostName'),
      'c.kind',
      'c.kind_label as kindLabel',
      'c.audience',
      'c.name',
      'c.place',
      'c.capacity',
      'c.languages',
      'c.agreements',
      'c.autonomous',
      'c.convener_id as convenerId',
      'c.status',
      'c.grades',
      sql<string[]>`case when c.school_id is not null then array[c.school_id]
        else coalesce((select array_agg(cs.school_id) from circle_schools cs
          where cs.circle_id = c.id), '{}') end`.as('schoolIds'),
    ])
}

/** The circle, or null: public facts only (what the join page and poster show). */
export async function getCircle(db: Db, circleId: string): Promise<Circle | null> {
  return (await circleQuery(db).where('c.id', '=', circleId).executeTakeFirst()) ?? null
}

/**
 * The children a person is a guardian of (or the one asked for), with what the join rule
 * decides on: the child's school, grade (its class's) and every guardian.
 */
export async function guardedChildren(db: Db, personId: string, childId?: string) {
  let q = db
    .selectFrom('guardianships as g')
    .innerJoin('children as ch', 'ch.id', 'g.child_id')
    .innerJoin('groups as gr', 'gr.id', 'ch.group_id')
    .select((eb) => [
      'ch.id',
      'ch.first_name as firstName',
      'ch.school_id as schoolId',
      'gr.grade',
      eb
        .selectFrom('guardianships as o')
        .select(sql<string[]>`array_agg(o.person_id)`.as('ids'))
        .whereRef('o.child_id', '=', 'ch.id')
        .as('guardianIds'),
    ])
    .where('g.person_id', '=', personId)
  if (childId) q = q.where('ch.id', '=', childId)
  const rows = await q.orderBy('ch.first_name').orderBy('ch.id').execute()
  return rows.map((r) => ({ ...r, guardianIds: r.guardianIds ?? [] }))
}

export type ChildFacts = Awaited<ReturnType<typeof guardedChildren>>[number]

/** The circle as the join rule sees it; with a child, for that child's place. */
export const joinRecord = (
  circle: Pick<Circle, 'kind' | 'audience' | 'schoolIds' | 'grades'>,
  child?: ChildFacts,
): JoinRecord => ({
  kind: circle.kind,
  audience: circle.audience,
  schoolIds: circle.schoolIds,
  grades: circle.grades,
  ...(child
    ? { child: { schoolId: child.schoolId, grade: child.grade, guardianIds: child.guardianIds } }
    : {}),
})

/** The circle with the asking person's relation to it, for the policy. */
export async function loadCircle(
  db: Db,
  circleId: string,
  personId: string,
): Promise<LoadedCircle> {
  const row = await circleQuery(db)
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('circle_facilitators as f')
            .whereRef('f.circle_id', '=', 'c.id')
            .where('f.person_id', '=', personId)
            .where(activeFacilitator('f', 'c')),
        )
        .as('facilitator'),
      eb
        .exists(
          eb
            .selectFrom('circle_members as cm')
            .whereRef('cm.circle_id', '=', 'c.id')
            .where('cm.person_id', '=', personId)
            .where('cm.status', '=', 'confirmed')
            .where(activePlace('cm')),
        )
        .as('member'),
      // The convener must still hold an adult place of their own.
      eb
        .exists(
          eb
            .selectFrom('circle_members as cv')
            .whereRef('cv.circle_id', '=', 'c.id')
            .whereRef('cv.person_id', '=', 'c.convener_id')
            .where('cv.person_id', '=', personId)
            .where('cv.child_id', 'is', null)
            .where('cv.status', '=', 'confirmed'),
        )
        .as('convening'),
    ])
    .where('c.id', '=', circleId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  const { facilitator, member, convening, ...circle } = row
  return {
    circle,
    record: {
      schoolId: circle.schoolId,
      municipalityId: circle.municipalityId,
      schoolIds: circle.schoolIds,
      facilitator: Boolean(facilitator),
      member: Boolean(member),
      convener: circle.autonomous && Boolean(convening),
      audience: circle.audience,
    },
  }
}

/** The municipality of the school a person works in now. */
export async function municipalityOf(db: Db, schoolId: string): Promise<string | null> {
  const row = await db
    .selectFrom('schools')
    .select('municipality_id')
    .where('id', '=', schoolId)
    .executeTakeFirst()
  return row?.municipality_id ?? null
}

/** The season: every meeting with its count of topics and of people present. */
export async function meetingsOf(db: Db, circleId: string) {
  return db
    .selectFrom('circle_meetings as mt')
    .select((eb) => [
      'mt.id',
      'mt.starts_at',
      'mt.ends_at',
      'mt.status',
      eb
        .selectFrom('circle_topics as tp')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('tp.meeting_id', '=', 'mt.id')
        .as('topics'),
      eb
        .selectFrom('circle_attendance as a')
        .select(sql<string>`count(*) filter (where a.present)`.as('n'))
        .whereRef('a.meeting_id', '=', 'mt.id')
        .as('present'),
    ])
    .where('mt.circle_id', '=', circleId)
    .orderBy('mt.starts_at')
    .execute()
}

export type Meeting = Awaited<ReturnType<typeof meetingsOf>>[number]

/** The planned meetings still to come (the public page and the poster show these). */
export async function upcomingMeetings(db: Db, circleId: string, now = new Date()) {
  return (await meetingsOf(db, circleId)).filter((m) => m.status === 'planned' && m.starts_at > now)
}

export async function getMeeting(db: Db, circleId: string, meetingId: string) {
  const m = await db
    .selectFrom('circle_meetings')
    .selectAll()
    .where('id', '=', meetingId)
    .where('circle_id', '=', circleId)
    .executeTakeFirst()
  if (!m) throw new NotFound()
  return m
}

/** The next meeting still to come, if any (where members propose topics). */
export async function nextMeeting(db: Db, circleId: string, now = new Date()) {
  return db
    .selectFrom('circle_meetings')
    .select(['id', 'starts_at', 'status'])
    .where('circle_id', '=', circleId)
    .where('status', 'in', ['planned', 'open'])
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .limit(1)
    .executeTakeFirst()
}
