// Kringen: setting up circles, the open-door sign-up, confirming places, the season of
// meetings, attendance, topic proposals and the anonymous evaluation. What is said in a
// circle never reaches this code: topics are deleted when their meeting closes, attendance is
// a yes/no, an evaluation adds to running sums.
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Db } from '../../core/db/index.ts'
import type {
  CircleAudience,
  CircleKind,
  Database,
  MeetingStatus,
  MemberStatus,
} from '../../core/db/schema.ts'
import { DomainError, NotFound } from '../../core/errors.ts'
import { type Mailer, mailPerson } from '../../core/mail.ts'
import type { Principal } from '../../core/principal.ts'
import { addDays, formatWhen, schoolDate, schoolTime } from '../../core/time.ts'
import { circleAudit } from './audit.ts'
import { AUDIENCE, K_ANONYMITY, PILLARS } from './kinds.ts'
import type { CircleRecord } from './policy.ts'
import { meetingDates } from './schedule.ts'
import type { AutonomyInput, CircleInput, SettingsInput } from './schema.ts'

export interface CircleDeps {
  db: Db
  mailer: Mailer
  baseUrl: string
}

type Q = Kysely<Database> | Transaction<Database>

/** Who hosts: one school, or the municipality (for a bovenschoolse kring). */
export type Host = { schoolId: string } | { municipalityId: string }

const MAX_TOPICS_PER_MEETING = 30
/** Mail about a circle tells who takes part in it (see core/mail.ts). */
const CONFIDENTIAL_MAIL = { confidential: true }

/**
 * A facilitator still counts only while in the host's register and, for a school's circle,
 * still of that school: leaving the school ends the access, without anyone tidying up.
 */
const activeFacilitator = (f: string, c: string) => sql<boolean>`(
  exists (select 1 from facilitators r where r.person_id = ${sql.ref(`${f}.person_id`)}
    and (r.school_id = ${sql.ref(`${c}.school_id`)}
      or r.municipality_id = ${sql.ref(`${c}.municipality_id`)}))
  and (${sql.ref(`${c}.school_id`)} is null or exists (select 1 from memberships ms
    where ms.person_id = ${sql.ref(`${f}.person_id`)} and ms.school_id = ${sql.ref(`${c}.school_id`)})))`

/** A place still counts: an adult's own, or a child's held by a current guardian. */
const activePlace = (cm: string) => sql<boolean>`(${sql.ref(`${cm}.child_id`)} is null or exists (
  select 1 from guardianships g where g.child_id = ${sql.ref(`${cm}.child_id`)}
    and g.person_id = ${sql.ref(`${cm}.person_id`)}))`

// ------------------------------------------------------------------------------ loading

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
}

function circleQuery(q: Q) {
  return q
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
      sql<string[]>`case when c.school_id is not null then array[c.school_id]
        else coalesce((select array_agg(cs.school_id) from circle_schools cs
          where cs.circle_id = c.id), '{}') end`.as('schoolIds'),
    ])
}

/** The circle, or null: public facts only (what the join page and poster show). */
export async function getCircle(db: Q, circleId: string): Promise<Circle | null> {
  return (await circleQuery(db).where('c.id', '=', circleId).executeTakeFirst()) ?? null
}

/** The circle with the asking person's relation to it, for the policy. */
export async function loadCircle(
  db: Db,
  circleId: string,
  personId: string,
): Promise<{ circle: Circle; record: CircleRecord }> {
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

/** The circles open to the person's current school, and every circle they belong to. */
export async function circlesFor(db: Db, p: Principal) {
  const rows = await circleQuery(db)
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('circle_facilitators as f')
            .whereRef('f.circle_id', '=', 'c.id')
            .where('f.person_id', '=', p.personId)
            .where(activeFacilitator('f', 'c')),
        )
        .as('facilitator'),
      eb
        .selectFrom('circle_members as cm')
        .select(sql<MemberStatus[]>`array_agg(cm.status)`.as('s'))
        .whereRef('cm.circle_id', '=', 'c.id')
        .where('cm.person_id', '=', p.personId)
        .where('cm.status', 'in', ['asked', 'waitlist', 'confirmed'])
        .as('myStatuses'),
    ])
    .where((eb) =>
      eb.or([
        ...(p.schoolId
          ? [
              eb('c.school_id', '=', p.schoolId),
              eb.exists(
                eb
                  .selectFrom('circle_schools as cs')
                  .whereRef('cs.circle_id', '=', 'c.id')
                  .where('cs.school_id', '=', p.schoolId),
              ),
            ]
          : []),
        eb.exists(
          eb
            .selectFrom('circle_facilitators as f')
            .whereRef('f.circle_id', '=', 'c.id')
            .where('f.person_id', '=', p.personId)
            .where(activeFacilitator('f', 'c')),
        ),
        eb.exists(
          eb
            .selectFrom('circle_members as cm')
            .whereRef('cm.circle_id', '=', 'c.id')
            .where('cm.person_id', '=', p.personId)
            .where('cm.status', 'in', ['asked', 'waitlist', 'confirmed']),
        ),
      ]),
    )
    .orderBy('c.name')
    .execute()
  return rows.map((r) => ({
    ...r,
    mine: r.facilitator || (r.myStatuses?.length ?? 0) > 0 || r.convenerId === p.personId,
  }))
}

// ------------------------------------------------------------------------------ register

export async function facilitatorRegister(db: Db, host: Host) {
  return db
    .selectFrom('facilitators as f')
    .innerJoin('people as pe', 'pe.id', 'f.person_id')
    .select(['f.id', 'f.person_id as personId', 'pe.name', 'f.training', 'f.trained_on'])
    .where(hostWhere(host))
    .orderBy('pe.name')
    .execute()
}

const hostWhere =
  (host: Host) =>
  // biome-ignore lint/suspicious/noExplicitAny: shared by queries over two aliases
  (eb: any) =>
    'schoolId' in host
      ? eb('school_id', '=', host.schoolId)
      : eb('municipality_id', '=', host.municipalityId)

/** Staff who may be registered: people with a staff role in the host's school(s). */
export async function staffOf(db: Db, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return []
  return db
    .selectFrom('memberships as m')
    .innerJoin('people as pe', 'pe.id', 'm.person_id')
    .select(['pe.id', 'pe.name'])
    .distinct()
    .where('m.school_id', 'in', schoolIds)
    .where('m.role', 'in', ['teacher', 'ib', 'director', 'brugfiguur', 'facilitator', 'partner'])
    .orderBy('pe.name')
    .execute()
}

export async function registerFacilitator(
  db: Db,
  host: Host,
  staffSchoolIds: readonly string[],
  input: { personId: string; training: string; trainedOn: string },
  actorId: string,
): Promise<void> {
  if (input.personId === actorId) throw new DomainError(400, 'circles.notYourself')
  const staff = await staffOf(db, staffSchoolIds)
  if (!staff.some((s) => s.id === input.personId)) throw new NotFound()
  await db
    .insertInto('facilitators')
    .values({
      school_id: 'schoolId' in host ? host.schoolId : null,
      municipality_id: 'municipalityId' in host ? host.municipalityId : null,
      person_id: input.personId,
      training: input.training,
      trained_on: input.trainedOn,
    })
    .onConflict((oc) =>
      oc
        .columns(['school_id', 'municipality_id', 'person_id'])
        .doUpdateSet({ training: input.training, trained_on: input.trainedOn }),
    )
    .execute()
  await circleAudit.record(db, {
    schoolId: 'schoolId' in host ? host.schoolId : null,
    actorId,
    action: 'circle.facilitator',
    subjectId: input.personId,
  })
}

// ------------------------------------------------------------------------------ set-up

async function checkFacilitators(q: Q, host: Host, ids: readonly string[]) {
  if (ids.length === 0) return
  const found = await q
    .selectFrom('facilitators')
    .select('person_id')
    .where(hostWhere(host))
    .where('person_id', 'in', ids)
    .execute()
  if (found.length !== new Set(ids).size) throw new DomainError(400, 'circles.notRegistered')
}

/** Creates a circle with its season of meetings. Facilitators come from the host's register. */
export async function createCircle(
  db: Db,
  host: Host,
  allowedSchoolIds: readonly string[],
  input: CircleInput,
  createdBy: string,
): Promise<string> {
  const schools =
    'municipalityId' in host ? input.schools.filter((s) => allowedSchoolIds.includes(s)) : []
  if ('municipalityId' in host && schools.length === 0)
    throw new DomainError(400, 'circles.pickSchool')
  // Four eyes: a host cannot make themselves a facilitator (who sees the members).
  if (input.facilitators.includes(createdBy)) throw new DomainError(400, 'circles.notYourself')
  const audience: CircleAudience =
    input.kind === 'eigen' ? (input.audience ?? 'adult') : AUDIENCE[input.kind]
  return db.transaction().execute(async (trx) => {
    await checkFacilitators(trx, host, input.facilitators)
    const { id } = await trx
      .insertInto('circles')
      .values({
        school_id: 'schoolId' in host ? host.schoolId : null,
        municipality_id: 'municipalityId' in host ? host.municipalityId : null,
        kind: input.kind,
        kind_label: input.kind === 'eigen' ? (input.kindLabel ?? null) : null,
        audience,
        name: input.name,
        place: input.place,
        capacity: input.capacity,
        languages: input.languages,
        agreements: input.agreements,
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (schools.length)
      await trx
        .insertInto('circle_schools')
        .values(schools.map((s) => ({ circle_id: id, school_id: s })))
        .execute()
    if (input.facilitators.length)
      await trx
        .insertInto('circle_facilitators')
        .values([...new Set(input.facilitators)].map((f) => ({ circle_id: id, person_id: f })))
        .execute()
    const dates = meetingDates(input.firstDate, input.recurrence, input.count, input.dates)
    await insertMeetings(trx, id, dates, input.time, input.duration)
    await circleAudit.record(trx, {
      schoolId: 'schoolId' in host ? host.schoolId : null,
      actorId: createdBy,
      action: 'circle.create',
      subjectId: id,
      detail: {
        kind: input.kind,
        meetings: dates.length,
        facilitators: input.facilitators.join(','),
      },
    })
    return id
  })
}

async function insertMeetings(
  q: Q,
  circleId: string,
  dates: readonly string[],
  time: string,
  minutes: number,
) {
  if (dates.length === 0) return
  await q
    .insertInto('circle_meetings')
    .values(
      dates.map((d) => {
        const starts = schoolTime(d, time)
        return {
          circle_id: circleId,
          starts_at: starts,
          ends_at: new Date(starts.getTime() + minutes * 60_000),
        }
      }),
    )
    .onConflict((oc) => oc.columns(['circle_id', 'starts_at']).doNothing())
    .execute()
}

export async function addMeeting(
  db: Db,
  circleId: string,
  input: { date: string; time: string; duration: number },
) {
  await insertMeetings(db, circleId, [input.date], input.time, input.duration)
}

export async function updateSettings(
  db: Db,
  circle: Circle,
  input: SettingsInput,
  actorId: string,
) {
  const host: Host = circle.schoolId
    ? { schoolId: circle.schoolId }
    : { municipalityId: circle.municipalityId as string }
  await db.transaction().execute(async (trx) => {
    await checkFacilitators(trx, host, input.facilitators)
    if (!circle.autonomous && input.facilitators.length === 0)
      throw new DomainError(400, 'circles.needsFacilitator')
    const current = new Set(
      (
        await trx
          .selectFrom('circle_facilitators')
          .select('person_id')
          .where('circle_id', '=', circle.id)
          .execute()
      ).map((f) => f.person_id),
    )
    const wanted = new Set(input.facilitators)
    const added = [...wanted].filter((f) => !current.has(f))
    const removed = [...current].filter((f) => !wanted.has(f))
    // Four eyes: a host cannot make themselves a facilitator (who sees the members).
    if (added.includes(actorId)) throw new DomainError(400, 'circles.notYourself')
    await trx
      .updateTable('circles')
      .set({ capacity: input.capacity, status: input.status })
      .where('id', '=', circle.id)
      .execute()
    await trx.deleteFrom('circle_facilitators').where('circle_id', '=', circle.id).execute()
    if (input.facilitators.length)
      await trx
        .insertInto('circle_facilitators')
        .values(
          [...new Set(input.facilitators)].map((f) => ({ circle_id: circle.id, person_id: f })),
        )
        .execute()
    await circleAudit.record(trx, {
      schoolId: circle.schoolId,
      actorId,
      action: 'circle.settings',
      subjectId: circle.id,
      detail: {
        capacity: input.capacity,
        status: input.status,
        added: added.join(','),
        removed: removed.join(','),
      },
    })
  })
}

/**
 * An adult circle may become autonomous: a participant with a confirmed place convenes it,
 * and a facilitator becomes optional.
 */
export async function setAutonomy(db: Db, circle: Circle, input: AutonomyInput, actorId: string) {
  let convener: string | null = null
  if (input.autonomous) {
    if (circle.audience !== 'adult' || !input.convenerId)
      throw new DomainError(400, 'circles.needsConvener')
    const m = await db
      .selectFrom('circle_members')
      .select('person_id')
      .where('circle_id', '=', circle.id)
      .where('person_id', '=', input.convenerId)
      .where('child_id', 'is', null)
      .where('status', '=', 'confirmed')
      .executeTakeFirst()
    if (!m) throw new DomainError(400, 'circles.needsConvener')
    convener = m.person_id
  }
  await db
    .updateTable('circles')
    .set({ autonomous: input.autonomous, convener_id: convener })
    .where('id', '=', circle.id)
    .execute()
  await circleAudit.record(db, {
    schoolId: circle.schoolId,
    actorId,
    action: 'circle.autonomy',
    subjectId: circle.id,
    detail: { autonomous: input.autonomous },
  })
}

export async function facilitatorsOf(db: Db, circleId: string) {
  return db
    .selectFrom('circle_facilitators as f')
    .innerJoin('people as pe', 'pe.id', 'f.person_id')
    .select(['pe.id', 'pe.name', 'pe.first_name as firstName'])
    .where('f.circle_id', '=', circleId)
    .orderBy('pe.name')
    .execute()
}

// ------------------------------------------------------------------------------ sign-up

export type JoinOutcome = 'asked' | 'waitlist' | 'already'

/**
 * Takes a place: the person's own, or their child's (the parent's consent is recorded with
 * the place). Within capacity it waits for the facilitator; beyond it, on the waiting list.
 */
export async function join(
  db: Db,
  circleId: string,
  personId: string,
  childId: string | null,
): Promise<JoinOutcome> {
  return db.transaction().execute(async (trx) => {
    // Lock the circle so two sign-ups cannot both take the last place.
    const circle = await trx
      .selectFrom('circles')
      .select(['id', 'capacity', 'status', 'audience', 'school_id'])
      .where('id', '=', circleId)
      .forUpdate()
      .executeTakeFirst()
    if (!circle) throw new NotFound()
    if (circle.status !== 'open') throw new DomainError(409, 'circles.closedForSignup')
    if ((circle.audience === 'child') !== (childId !== null))
      throw new DomainError(400, 'error.badRequest')
    if (childId) {
      // Only the child's own parent, for a child of a school the circle is open to.
      const ok = await trx
        .selectFrom('guardianships as g')
        .select('g.child_id')
        .where('g.child_id', '=', childId)
        .where('g.person_id', '=', personId)
        .where((eb) =>
          eb.or([
            ...(circle.school_id ? [eb('g.school_id', '=', circle.school_id)] : []),
            eb.exists(
              eb
                .selectFrom('circle_schools as cs')
                .whereRef('cs.school_id', '=', 'g.school_id')
                .where('cs.circle_id', '=', circleId),
            ),
          ]),
        )
        .executeTakeFirst()
      if (!ok) throw new NotFound()
    }
    const existing = await trx
      .selectFrom('circle_members')
      .select(['id', 'status'])
      .where('circle_id', '=', circleId)
      .where('person_id', '=', personId)
      .where(childId ? sql<boolean>`child_id = ${childId}` : sql<boolean>`child_id is null`)
      // Locked, so the upkeep cannot forget an ended place this sign-up is about to reuse.
      .forUpdate()
      .executeTakeFirst()
    if (existing && ['asked', 'waitlist', 'confirmed'].includes(existing.status)) return 'already'
    if (childId) {
      // One place per child, whichever guardian asked for it first.
      const held = await trx
        .selectFrom('circle_members')
        .select('id')
        .where('circle_id', '=', circleId)
        .where('child_id', '=', childId)
        .where('status', 'in', ['asked', 'waitlist', 'confirmed'])
        .executeTakeFirst()
      if (held) return 'already'
    }
    const taken = await trx
      .selectFrom('circle_members')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('circle_id', '=', circleId)
      .where('status', 'in', ['asked', 'confirmed'])
      .executeTakeFirstOrThrow()
    const status = Number(taken.n) < circle.capacity ? 'asked' : 'waitlist'
    const consent = childId ? sql<Date>`now()` : null
    if (existing) {
      await trx
        .updateTable('circle_members')
        .set({ status, parent_consent_at: consent, decided_at: null })
        .where('id', '=', existing.id)
        .execute()
    } else {
      await trx
        .insertInto('circle_members')
        .values({
          circle_id: circleId,
          person_id: personId,
          child_id: childId,
          status,
          parent_consent_at: consent,
        })
        .execute()
    }
    return status
  })
}

/**
 * Tells the people who run a circle that someone signed up: no name in the mail, which may be
 * read on a shared screen; the circle page shows the first name.
 */
export async function notifyRunners(deps: CircleDeps, circle: Circle): Promise<void> {
  const runners = await deps.db
    .selectFrom('circle_facilitators as f')
    .innerJoin('circles as c', 'c.id', 'f.circle_id')
    .select('f.person_id')
    .where('f.circle_id', '=', circle.id)
    .where(activeFacilitator('f', 'c'))
    .execute()
  const ids = new Set(runners.map((r) => r.person_id))
  if (circle.autonomous && circle.convenerId) ids.add(circle.convenerId)
  const url = `${deps.baseUrl}/circles/${circle.id}`
  for (const id of ids)
    await mailPerson(
      deps.db,
      deps.mailer,
      id,
      (t, firstName) => ({
        subject: t('mail.circle.signup.subject', { circle: circle.name }),
        text: t('mail.circle.signup.body', { name: firstName, circle: circle.name, url }),
      }),
      CONFIDENTIAL_MAIL,
    )
}

/** For a sign-up without an account: the person to send a sign-in link to (made if new). */
export async function personForSignup(
  db: Db,
  email: string,
  firstName: string,
  language: string,
): Promise<void> {
  await db
    .insertInto('people')
    .values({
      email,
      name: firstName,
      first_name: firstName,
      language: language as 'nl',
    })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .execute()
}

/** A person's places in a circle (own and children's), any status still in play. */
export async function myPlaces(db: Db, circleId: string, personId: string) {
  return db
    .selectFrom('circle_members as cm')
    .leftJoin('children as ch', 'ch.id', 'cm.child_id')
    .select(['cm.id', 'cm.status', 'cm.child_id as childId', 'ch.first_name as childName'])
    .where('cm.circle_id', '=', circleId)
    .where('cm.person_id', '=', personId)
    .where('cm.status', 'in', ['asked', 'waitlist', 'confirmed'])
    .where(activePlace('cm'))
    .execute()
}

/**
 * Gives a place back. The member's named topic proposals go with it; a convener who leaves
 * hands the circle back to its host (it is no longer autonomous).
 */
export async function leave(db: Db, circleId: string, personId: string, memberId: string) {
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('circle_members')
      .set({ status: 'left', decided_at: sql<Date>`now()` })
      .where('id', '=', memberId)
      .where('circle_id', '=', circleId)
      .where('person_id', '=', personId)
      .where('status', 'in', ['asked', 'waitlist', 'confirmed'])
      .returning('child_id')
      .executeTakeFirst()
    if (!r) throw new NotFound()
    await trx.deleteFrom('circle_topics').where('member_id', '=', memberId).execute()
    if (r.child_id === null)
      await trx
        .updateTable('circles')
        .set({ autonomous: false, convener_id: null })
        .where('id', '=', circleId)
        .where('convener_id', '=', personId)
        .execute()
  })
}

/** The people of a circle, by first name (a child's own first name for a child's place). */
export async function roster(db: Db, circleId: string, statuses: readonly MemberStatus[]) {
  return db
    .selectFrom('circle_members as cm')
    .innerJoin('people as pe', 'pe.id', 'cm.person_id')
    .leftJoin('children as ch', 'ch.id', 'cm.child_id')
    .select([
      'cm.id',
      'cm.status',
      'cm.person_id as personId',
      sql<string>`coalesce(ch.first_name, pe.first_name)`.as('firstName'),
      'pe.language',
      'cm.created_at',
    ])
    .where('cm.circle_id', '=', circleId)
    .where('cm.status', 'in', [...statuses])
    .orderBy('cm.created_at')
    .execute()
}

/** The facilitator confirms or declines a place; the person hears it kindly, in their language. */
export async function decide(
  deps: CircleDeps,
  circle: Circle,
  memberId: string,
  decision: 'confirm' | 'decline',
): Promise<void> {
  const personId = await deps.db.transaction().execute(async (trx) => {
    await trx.selectFrom('circles').select('id').where('id', '=', circle.id).forUpdate().execute()
    const m = await trx
      .selectFrom('circle_members')
      .select(['id', 'person_id', 'status'])
      .where('id', '=', memberId)
      .where('circle_id', '=', circle.id)
      .where('status', 'in', ['asked', 'waitlist'])
      .executeTakeFirst()
    if (!m) throw new NotFound()
    if (decision === 'confirm') {
      const c = await trx
        .selectFrom('circle_members')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('circle_id', '=', circle.id)
        .where('status', '=', 'confirmed')
        .executeTakeFirstOrThrow()
      if (Number(c.n) >= circle.capacity) throw new DomainError(409, 'circles.full')
    }
    await trx
      .updateTable('circle_members')
      .set({
        status: decision === 'confirm' ? 'confirmed' : 'declined',
        decided_at: sql<Date>`now()`,
      })
      .where('id', '=', m.id)
      .execute()
    return m.person_id
  })
  const url = `${deps.baseUrl}/circles/${circle.id}`
  await mailPerson(
    deps.db,
    deps.mailer,
    personId,
    (t, firstName) =>
      decision === 'confirm'
        ? {
            subject: t('mail.circle.confirmed.subject', { circle: circle.name }),
            text: t('mail.circle.confirmed.body', { name: firstName, circle: circle.name, url }),
          }
        : {
            subject: t('mail.circle.declined.subject', { circle: circle.name }),
            text: t('mail.circle.declined.body', { name: firstName, circle: circle.name }),
          },
    CONFIDENTIAL_MAIL,
  )
}

// ------------------------------------------------------------------------------ meetings

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
export async function nextMeeting(db: Q, circleId: string, now = new Date()) {
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

async function setMeetingStatus(
  q: Q,
  circleId: string,
  meetingId: string,
  from: MeetingStatus[],
  to: MeetingStatus,
) {
  const r = await q
    .updateTable('circle_meetings')
    .set({
      status: to,
      ...(to === 'open' ? { opened_at: sql<Date>`now()` } : {}),
      ...(to === 'closed' ? { closed_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', meetingId)
    .where('circle_id', '=', circleId)
    .where('status', 'in', from)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) === 0) throw new DomainError(409, 'circles.meetingState')
}

export async function openMeeting(db: Db, circleId: string, meetingId: string) {
  await setMeetingStatus(db, circleId, meetingId, ['planned'], 'open')
}

/** Cancelling a meeting forgets its topic proposals too. */
export async function cancelMeeting(db: Db, circleId: string, meetingId: string) {
  await db.transaction().execute(async (trx) => {
    await setMeetingStatus(trx, circleId, meetingId, ['planned'], 'cancelled')
    await trx.deleteFrom('circle_topics').where('meeting_id', '=', meetingId).execute()
  })
}

/**
 * Closes a meeting: attendance (present or not) for every confirmed member, and every topic
 * proposal deleted in the same transaction.
 */
export async function closeMeeting(
  db: Db,
  circleId: string,
  meetingId: string,
  presentIds: readonly string[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await setMeetingStatus(trx, circleId, meetingId, ['planned', 'open'], 'closed')
    const members = await trx
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('status', '=', 'confirmed')
      .execute()
    const present = new Set(presentIds)
    if (members.length)
      await trx
        .insertInto('circle_attendance')
        .values(
          members.map((m) => ({
            meeting_id: meetingId,
            member_id: m.id,
            present: present.has(m.id),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['meeting_id', 'member_id']).doUpdateSet((eb) => ({
            present: eb.ref('excluded.present'),
          })),
        )
        .execute()
    await trx.deleteFrom('circle_topics').where('meeting_id', '=', meetingId).execute()
  })
}

export async function proposeTopic(
  db: Db,
  circleId: string,
  meetingId: string,
  memberId: string | null,
  topic: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Only for the coming meeting: a list kept for months is a list that says too much.
    const next = await nextMeeting(trx, circleId)
    if (next?.id !== meetingId) throw new DomainError(409, 'circles.meetingState')
    await trx
      .selectFrom('circle_meetings')
      .select('id')
      .where('id', '=', meetingId)
      .forUpdate()
      .execute()
    const n = await trx
      .selectFrom('circle_topics')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow()
    if (Number(n.n) >= MAX_TOPICS_PER_MEETING) throw new DomainError(409, 'circles.tooManyTopics')
    await trx
      .insertInto('circle_topics')
      .values({ meeting_id: meetingId, member_id: memberId, topic })
      .execute()
  })
}

/** The topic list for the facilitator: a first name only when the member chose to give it. */
export async function topicsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('circle_topics as tp')
    .leftJoin('circle_members as cm', 'cm.id', 'tp.member_id')
    .leftJoin('people as pe', 'pe.id', 'cm.person_id')
    .leftJoin('children as ch', 'ch.id', 'cm.child_id')
    .select([
      'tp.id',
      'tp.topic',
      sql<string | null>`coalesce(ch.first_name, pe.first_name)`.as('by'),
    ])
    .where('tp.meeting_id', '=', meetingId)
    .execute()
}

/** The languages the circle's agreements are shown in: the circle's and its members'. */
export async function meetingLanguages(db: Db, circle: Circle): Promise<string[]> {
  const rows = await db
    .selectFrom('circle_members as cm')
    .innerJoin('people as pe', 'pe.id', 'cm.person_id')
    .select('pe.language')
    .distinct()
    .where('cm.circle_id', '=', circle.id)
    .where('cm.status', '=', 'confirmed')
    .execute()
  return [...new Set([...circle.languages, ...rows.map((r) => r.language)])]
}

// ------------------------------------------------------------------------------ evaluation

export async function evaluationsOf(db: Db, circleId: string) {
  const rows = await db
    .selectFrom('circle_evaluations')
    .select(['id', 'opened_at', 'closed_at', 'answers', 'sums'])
    .where('circle_id', '=', circleId)
    .orderBy('opened_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    answers: r.answers,
    /** Averages only once closed and with at least K answers: never one person's view. */
    averages: r.closed_at && r.answers >= K_ANONYMITY ? r.sums.map((s) => s / r.answers) : null,
  }))
}

/**
 * Opens an evaluation. Who may answer is fixed now: each person holding a confirmed place
 * (once, however many children they signed up), never the people who run the circle, so
 * nobody can add answers of their own to learn someone else's.
 */
export async function openEvaluation(db: Db, circleId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.selectFrom('circles').select('id').where('id', '=', circleId).forUpdate().execute()
    const open = await trx
      .selectFrom('circle_evaluations')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('closed_at', 'is', null)
      .executeTakeFirst()
    if (open) throw new DomainError(409, 'circles.evaluationOpen')
    const { id } = await trx
      .insertInto('circle_evaluations')
      .values({ circle_id: circleId })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('circle_evaluation_voters')
      .columns(['evaluation_id', 'person_id'])
      .expression((eb) =>
        eb
          .selectFrom('circle_members as cm')
          .innerJoin('circles as c', 'c.id', 'cm.circle_id')
          .select([sql<string>`${id}::uuid`.as('evaluation_id'), 'cm.person_id'])
          .distinct()
          .where('cm.circle_id', '=', circleId)
          .where('cm.status', '=', 'confirmed')
          .where(activePlace('cm'))
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('circle_facilitators as f')
                  .whereRef('f.circle_id', '=', 'cm.circle_id')
                  .whereRef('f.person_id', '=', 'cm.person_id'),
              ),
            ),
          )
          .where(sql<boolean>`cm.person_id is distinct from c.convener_id`),
      )
      .execute()
  })
}

export async function closeEvaluation(db: Db, circleId: string, evaluationId: string) {
  const r = await db
    .updateTable('circle_evaluations')
    .set({ closed_at: sql<Date>`now()` })
    .where('id', '=', evaluationId)
    .where('circle_id', '=', circleId)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) === 0) throw new NotFound()
}

/** The open evaluation this person may still answer, with the children whose place it is. */
export async function evaluationToAnswer(db: Db, circleId: string, personId: string) {
  const row = await db
    .selectFrom('circle_evaluations as e')
    .innerJoin('circle_evaluation_voters as v', 'v.evaluation_id', 'e.id')
    .select((eb) => [
      'e.id',
      eb
        .selectFrom('circle_members as cm')
        .innerJoin('children as ch', 'ch.id', 'cm.child_id')
        .select(sql<string[]>`array_agg(ch.first_name order by ch.first_name)`.as('n'))
        .whereRef('cm.circle_id', '=', 'e.circle_id')
        .whereRef('cm.person_id', '=', 'v.person_id')
        .where('cm.status', '=', 'confirmed')
        .as('children'),
    ])
    .where('e.circle_id', '=', circleId)
    .where('e.closed_at', 'is', null)
    .where('v.person_id', '=', personId)
    .where('v.answered', '=', false)
    .executeTakeFirst()
  return row ? { evaluationId: row.id, children: row.children ?? [] } : null
}

/** Adds one answer to the running sums; who answered is kept apart, and never what. */
export async function answerEvaluation(
  db: Db,
  circleId: string,
  evaluationId: string,
  personId: string,
  scores: Record<(typeof PILLARS)[number], number>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('circle_evaluations')
      .select('id')
      .where('id', '=', evaluationId)
      .where('circle_id', '=', circleId)
      .where('closed_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (!open) throw new NotFound()
    const voter = await trx
      .selectFrom('circle_evaluation_voters')
      .select('answered')
      .where('evaluation_id', '=', evaluationId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    if (!voter) throw new NotFound()
    if (voter.answered) throw new DomainError(409, 'circles.answered')
    await trx
      .updateTable('circle_evaluation_voters')
      .set({ answered: true })
      .where('evaluation_id', '=', evaluationId)
      .where('person_id', '=', personId)
      .execute()
    const s = PILLARS.map((p) => scores[p])
    await trx
      .updateTable('circle_evaluations')
      .set({
        answers: sql<number>`answers + 1`,
        sums: sql<
          number[]
        >`array[sums[1] + ${s[0]}::int, sums[2] + ${s[1]}::int, sums[3] + ${s[2]}::int,
          sums[4] + ${s[3]}::int, sums[5] + ${s[4]}::int, sums[6] + ${s[5]}::int]`,
      })
      .where('id', '=', evaluationId)
      .execute()
  })
}

// ------------------------------------------------------------------------------ reminders

/**
 * Mails every confirmed member and facilitator of each meeting on the next school day-date,
 * once, in their own language. Run by the server every quarter hour and by
 * `kringwerk send-reminders` from cron.
 */
export async function sendReminders(deps: CircleDeps, now = new Date()): Promise<number> {
  const tomorrow = addDays(schoolDate(now), 1)
  const from = schoolTime(tomorrow, '00:00')
  const to = schoolTime(addDays(tomorrow, 1), '00:00')
  const due = await deps.db
    .selectFrom('circle_meetings as mt')
    .innerJoin('circles as c', 'c.id', 'mt.circle_id')
    .select(['mt.id', 'mt.starts_at', 'c.id as circleId', 'c.name', 'c.place'])
    .where('mt.status', '=', 'planned')
    .where('mt.reminder_sent_at', 'is', null)
    .where('mt.starts_at', '>=', from)
    .where('mt.starts_at', '<', to)
    .execute()
  let sent = 0
  for (const m of due) {
    // Claim the meeting first, so two servers never remind twice.
    const claimed = await deps.db
      .updateTable('circle_meetings')
      .set({ reminder_sent_at: sql<Date>`now()` })
      .where('id', '=', m.id)
      .where('reminder_sent_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) === 0) continue
    const people = await deps.db
      .selectFrom('circle_members as cm')
      .select('cm.person_id')
      .where('cm.circle_id', '=', m.circleId)
      .where('cm.status', '=', 'confirmed')
      .where(activePlace('cm'))
      .union(
        deps.db
          .selectFrom('circle_facilitators as f')
          .innerJoin('circles as c', 'c.id', 'f.circle_id')
          .select('f.person_id')
          .where('f.circle_id', '=', m.circleId)
          .where(activeFacilitator('f', 'c')),
      )
      .execute()
    const url = `${deps.baseUrl}/circles/${m.circleId}`
    for (const { person_id } of people) {
      await mailPerson(
        deps.db,
        deps.mailer,
        person_id,
        (t, firstName, lang) => ({
          subject: t('mail.circle.reminder.subject', { circle: m.name }),
          text: t('mail.circle.reminder.body', {
            name: firstName,
            circle: m.name,
            when: formatWhen(lang, m.starts_at),
            place: m.place,
            url,
          }),
        }),
        CONFIDENTIAL_MAIL,
      )
      sent++
    }
  }
  return sent
}

/**
 * Topic proposals of meetings that ended hours ago and were never closed (a facilitator who
 * forgot): deleted all the same.
 */
export async function forgetStaleTopics(db: Db, now = new Date()): Promise<number> {
  const r = await db
    .deleteFrom('circle_topics')
    .where(
      'meeting_id',
      'in',
      db
        .selectFrom('circle_meetings')
        .select('id')
        .where('ends_at', '<', new Date(now.getTime() - 6 * 3_600_000)),
    )
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** How long a place that ended (left, or declined) is remembered: a year, then it goes. */
export const ENDED_PLACE_DAYS = 365

/**
 * Forgets places that ended more than ENDED_PLACE_DAYS ago, with their attendance marks: that
 * someone once took part in, say, a circle for divorced parents is nobody's business a year
 * later. A year keeps the season's own figures whole. Returns how many places went.
 */
export async function forgetEndedPlaces(db: Db, now = new Date()): Promise<number> {
  const r = await db
    .deleteFrom('circle_members')
    .where('status', 'in', ['left', 'declined'])
    .where('decided_at', '<', new Date(now.getTime() - ENDED_PLACE_DAYS * 86_400_000))
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}

/**
 * The circles' periodic work: tomorrow's reminders, forgetting stale topic proposals, and
 * forgetting places that ended long ago.
 */
export async function circleUpkeep(deps: CircleDeps, now = new Date()) {
  // Reminders first: a failing clean-up must not keep tomorrow's meetings unannounced.
  const reminders = await sendReminders(deps, now)
  const topicsForgotten = await forgetStaleTopics(deps.db, now)
  const placesForgotten = await forgetEndedPlaces(deps.db, now)
  return { reminders, topicsForgotten, placesForgotten }
}

// ------------------------------------------------------------------------------ calendar

export interface FeedEvent {
  id: string
  circleId: string
  name: string
  place: string
  startsAt: Date
  endsAt: Date
  cancelled: boolean
}

const feedSelect = (q: Q) =>
  q
    .selectFrom('circle_meetings as mt')
    .innerJoin('circles as c', 'c.id', 'mt.circle_id')
    .select([
      'mt.id',
      'c.id as circleId',
      'c.name',
      'c.place',
      'mt.starts_at as startsAt',
      'mt.ends_at as endsAt',
      sql<boolean>`mt.status = 'cancelled'`.as('cancelled'),
    ])
    .orderBy('mt.starts_at')

export async function circleFeed(db: Db, circleId: string): Promise<FeedEvent[]> {
  return feedSelect(db).where('c.id', '=', circleId).execute()
}

/** A person's feed: the circles they hold a confirmed place in, or facilitate. */
export async function personFeed(db: Db, personId: string): Promise<FeedEvent[]> {
  return feedSelect(db)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('circle_members as cm')
            .whereRef('cm.circle_id', '=', 'c.id')
            .where('cm.person_id', '=', personId)
            .where('cm.status', '=', 'confirmed')
            .where(activePlace('cm')),
        ),
        eb.exists(
          eb
            .selectFrom('circle_facilitators as f')
            .whereRef('f.circle_id', '=', 'c.id')
            .where('f.person_id', '=', personId)
            .where(activeFacilitator('f', 'c')),
        ),
      ]),
    )
    .execute()
}

/** The person's calendar feed counter (ics.ts), or null when there is no such person. */
export async function feedCounter(db: Db, personId: string): Promise<number | null> {
  const row = await db
    .selectFrom('people')
    .select('calendar_feed')
    .where('id', '=', personId)
    .executeTakeFirst()
  return row?.calendar_feed ?? null
}

/** Replaces the person's calendar feed link: every earlier link stops working. */
export async function renewFeed(db: Db, personId: string): Promise<void> {
  await db
    .updateTable('people')
    .set((eb) => ({ calendar_feed: eb('calendar_feed', '+', 1) }))
    .where('id', '=', personId)
    .execute()
}

// ------------------------------------------------------------------------------ home

/** The circles a person runs (facilitates or convenes), with what needs them next. */
export async function runBy(db: Db, personId: string, now = new Date()) {
  return db
    .selectFrom('circles as c')
    .select((eb) => [
      'c.id',
      'c.name',
      eb
        .selectFrom('circle_meetings as mt')
        .select(sql<Date>`min(mt.starts_at)`.as('n'))
        .whereRef('mt.circle_id', '=', 'c.id')
        .where('mt.status', 'in', ['planned', 'open'])
        .where('mt.ends_at', '>', now)
        .as('next'),
      eb
        .selectFrom('circle_members as cm')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('cm.circle_id', '=', 'c.id')
        .where('cm.status', 'in', ['asked', 'waitlist'])
        .as('pending'),
    ])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('circle_facilitators as f')
            .whereRef('f.circle_id', '=', 'c.id')
            .where('f.person_id', '=', personId)
            .where(activeFacilitator('f', 'c')),
        ),
        eb.and([
          eb('c.autonomous', '=', true),
          eb('c.convener_id', '=', personId),
          eb.exists(
            eb
              .selectFrom('circle_members as cv')
              .whereRef('cv.circle_id', '=', 'c.id')
              .where('cv.person_id', '=', personId)
              .where('cv.child_id', 'is', null)
              .where('cv.status', '=', 'confirmed'),
          ),
        ]),
      ]),
    )
    .orderBy('c.name')
    .execute()
}
