// Keeping a school's calendar: its holiday region and the days off it adds or removes. Each
// change in one transaction with its audit entry (codes and dates only, never the label).
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { schoolAudit } from '../audit.ts'
import type { HolidayRegion } from '../holidays.ts'
import type { DayOffInput } from '../schema.ts'

export async function setRegion(
  db: Db,
  schoolId: string,
  region: HolidayRegion,
  actorId: string,
): Promise<void> {
  await transact(db, async (trx) => {
    await trx
      .updateTable('schools')
      .set({ holiday_region: region })
      .where('id', '=', schoolId)
      .execute()
    await schoolAudit.record(trx, {
      schoolId,
      actorId,
      action: 'school.region',
      subjectId: schoolId,
      detail: { region },
    })
  })
}

export async function addDayOff(
  db: Db,
  schoolId: string,
  input: DayOffInput,
  actorId: string,
): Promise<string> {
  return transact(db, async (trx) => {
    const { id } = await trx
      .insertInto('school_days_off')
      .values({
        school_id: schoolId,
        starts_on: input.start,
        ends_on: input.end,
        label: input.label,
        created_by: actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await schoolAudit.record(trx, {
      schoolId,
      actorId,
      action: 'school.dayOff.add',
      subjectId: id,
      detail: { start: input.start, end: input.end },
    })
    return id
  })
}

export async function removeDayOff(
  db: Db,
  dayOff: { id: string; schoolId: string },
  actorId: string,
): Promise<void> {
  await transact(db, async (trx) => {
    await trx
      .deleteFrom('school_days_off')
      .where('id', '=', dayOff.id)
      .where('school_id', '=', dayOff.schoolId)
      .execute()
    await schoolAudit.record(trx, {
      schoolId: dayOff.schoolId,
      actorId,
      action: 'school.dayOff.remove',
      subjectId: dayOff.id,
    })
  })
}
