// The host's work: creating a circle with its season, its settings (with the facilitators
// added and removed), the facilitators register, and the facilitator's hand-over to a
// participant convener. All audit-logged; four eyes: a host never makes themselves a
// facilitator (who sees the members), another host does that.
import type { Db } from '../../../core/db/index.ts'
import type { CircleAudience } from '../../../core/db/schema.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError, NotFound } from '../../../core/errors.ts'
import { schoolDaysOff } from '../../schools/index.ts'
import { circleAudit } from '../audit.ts'
import { AUDIENCE } from '../kinds.ts'
import type { Circle } from '../read/circle.ts'
import { staffOf } from '../read/host.ts'
import { meetingDates } from '../schedule.ts'
import type { AutonomyInput, CircleInput, SettingsInput } from '../schema.ts'
import { type Host, hostOfCircle, hostWhere } from '../standing.ts'
import { insertMeetings } from './meetings.ts'

const hostSchool = (host: Host) => ('schoolId' in host ? host.schoolId : null)

/** The groups a children's circle names, in order; none (or an adult circle): every group. */
const gradesOf = (audience: CircleAudience, grades: readonly number[]) =>
  audience === 'child' && grades.length ? [...new Set(grades)].sort((a, b) => a - b) : null

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
  await transact(db, async (trx) => {
    await trx
      .insertInto('facilitators')
      .values({
        school_id: hostSchool(host),
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
    await circleAudit.record(trx, {
      schoolId: hostSchool(host),
      actorId,
      action: 'circle.facilitator',
      subjectId: input.personId,
    })
  })
}

/** Facilitators come from the host's register, and from nowhere else. */
async function checkFacilitators(db: Db, host: Host, ids: readonly string[]) {
  if (ids.length === 0) return
  const found = await db
    .selectFrom('facilitators')
    .select('person_id')
    .where(hostWhere(host))
    .where('person_id', 'in', ids)
    .execute()
  if (found.length !== new Set(ids).size) throw new DomainError(400, 'circles.notRegistered')
}

async function assignFacilitators(db: Db, circleId: string, ids: readonly string[]) {
  if (ids.length)
    await db
      .insertInto('circle_facilitators')
      .values([...new Set(ids)].map((f) => ({ circle_id: circleId, person_id: f })))
      .execute()
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
  return transact(db, async (trx) => {
    await checkFacilitators(trx, host, input.facilitators)
    const { id } = await trx
      .insertInto('circles')
      .values({
        school_id: hostSchool(host),
        municipality_id: 'municipalityId' in host ? host.municipalityId : null,
        kind: input.kind,
        kind_label: input.kind === 'eigen' ? (input.kindLabel ?? null) : null,
        audience,
        grades: gradesOf(audience, input.grades),
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
    await assignFacilitators(trx, id, input.facilitators)
    // The season skips the holidays and days off of the school, or of every school taking part.
    const hosts = schools.length ? schools : [hostSchool(host)].filter((s) => s !== null)
    const dayOff = await schoolDaysOff(trx, hosts)
    const dates = meetingDates(input.firstDate, input.recurrence, input.count, input.dates, dayOff)
    await insertMeetings(trx, id, dates, input.time, input.duration)
    await circleAudit.record(trx, {
      schoolId: hostSchool(host),
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

export async function updateSettings(
  db: Db,
  circle: Circle,
  input: SettingsInput,
  actorId: string,
) {
  await transact(db, async (trx) => {
    await checkFacilitators(trx, hostOfCircle(circle), input.facilitators)
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
      .set({
        capacity: input.capacity,
        status: input.status,
        grades: gradesOf(circle.audience, input.grades),
      })
      .where('id', '=', circle.id)
      .execute()
    await trx.deleteFrom('circle_facilitators').where('circle_id', '=', circle.id).execute()
    await assignFacilitators(trx, circle.id, input.facilitators)
    await circleAudit.record(trx, {
      schoolId: circle.schoolId,
      actorId,
      action: 'circle.settings',
      subjectId: circle.id,
      detail: {
        capacity: input.capacity,
        status: input.status,
        grades: (gradesOf(circle.audience, input.grades) ?? []).join(','),
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
  await transact(db, async (trx) => {
    let convener: string | null = null
    if (input.autonomous) {
      if (circle.audience !== 'adult' || !input.convenerId)
        throw new DomainError(400, 'circles.needsConvener')
      const m = await trx
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
    await trx
      .updateTable('circles')
      .set({ autonomous: input.autonomous, convener_id: convener })
      .where('id', '=', circle.id)
      .execute()
    await circleAudit.record(trx, {
      schoolId: circle.schoolId,
      actorId,
      action: 'circle.autonomy',
      subjectId: circle.id,
      detail: { autonomous: input.autonomous },
    })
  })
}
