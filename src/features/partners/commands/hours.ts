// A partner puts their hours at a school on the schedule: one day, or a series on the same
// weekday that skips the school's holidays and days off (as a circle's season does).
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError } from '../../../core/errors.ts'
import { schoolTime } from '../../../core/time.ts'
import { meetingDates } from '../../circles/index.ts'
import { schoolDaysOff } from '../../schools/index.ts'
import { partnerAudit } from '../audit.ts'
import type { HoursInput } from '../schema.ts'

export async function planHours(
  db: Db,
  schoolId: string,
  partnerId: string,
  input: HoursInput,
): Promise<{ count: number; first: string }> {
  return transact(db, async (trx) => {
    const dayOff = await schoolDaysOff(trx, [schoolId])
    const dates =
      input.recurrence === 'once'
        ? meetingDates(input.firstDate, 'dates', 1, [], dayOff)
        : meetingDates(input.firstDate, input.recurrence, input.count ?? 1, [], dayOff)
    if (!dates.length) throw new DomainError(400, 'partners.allDaysOff')
    const rows = await trx
      .insertInto('partner_hours')
      .values(
        dates.map((d) => ({
          school_id: schoolId,
          partner_id: partnerId,
          kind: input.kind,
          starts_at: schoolTime(d, input.time),
          minutes: input.minutes,
          slot_minutes: input.kind === 'spreekuur' ? (input.slotMinutes ?? null) : null,
          place: input.place,
        })),
      )
      .returning('id')
      .execute()
    await partnerAudit.record(trx, {
      schoolId,
      actorId: partnerId,
      action: 'partner.hours',
      subjectId: rows[0]?.id ?? null,
      detail: { kind: input.kind, count: rows.length },
    })
    return { count: rows.length, first: rows[0]?.id ?? '' }
  })
}
