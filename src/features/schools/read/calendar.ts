// A school's calendar as stored: its holiday region and its own days off, for planning (is
// this a day off?) and for the calendar page its director keeps.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { NotFound } from '../../../core/errors.ts'
import { addDays } from '../../../core/time.ts'
import {
  type DayOff,
  daysOffBetween,
  daysOffOf,
  isDayOff,
  type SchoolCalendar,
} from '../calendar.ts'
import type { HolidayRegion } from '../holidays.ts'

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`

/** The calendars of these schools (an unknown id has none), in no particular order. */
export async function loadCalendars(
  db: Db,
  schoolIds: readonly string[],
): Promise<Map<string, SchoolCalendar>> {
  const out = new Map<string, SchoolCalendar>()
  if (schoolIds.length === 0) return out
  const [schools, own] = await Promise.all([
    db
      .selectFrom('schools')
      .select(['id', 'holiday_region'])
      .where('id', 'in', schoolIds)
      .execute(),
    db
      .selectFrom('school_days_off')
      .select(['id', 'school_id', 'label', day('starts_on').as('start'), day('ends_on').as('end')])
      .where('school_id', 'in', schoolIds)
      .orderBy('starts_on')
      .execute(),
  ])
  for (const s of schools)
    out.set(s.id, {
      region: s.holiday_region,
      own: own.filter((d) => d.school_id === s.id).map(({ school_id: _, ...d }) => d),
    })
  return out
}

export async function loadCalendar(db: Db, schoolId: string): Promise<SchoolCalendar> {
  const cal = (await loadCalendars(db, [schoolId])).get(schoolId)
  if (!cal) throw new NotFound()
  return cal
}

/** "Is this date a day off?" for a season at these schools: off at any of them is off. */
export async function schoolDaysOff(
  db: Db,
  schoolIds: readonly string[],
): Promise<(date: string) => boolean> {
  return daysOffOf([...(await loadCalendars(db, schoolIds)).values()])
}

/** Is this date ("YYYY-MM-DD") a day off at this school: a holiday or a day of its own? */
export async function isSchoolDayOff(db: Db, schoolId: string, date: string): Promise<boolean> {
  return isDayOff(await loadCalendar(db, schoolId), date)
}

/** One of the school's own days off, within the school (another school's: not found). */
export async function loadDayOff(db: Db, schoolId: string, id: string) {
  const row = await db
    .selectFrom('school_days_off')
    .select(['id', 'school_id as schoolId', 'label'])
    .where('id', '=', id)
    .where('school_id', '=', schoolId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return row
}

export interface CalendarPage {
  schoolId: string
  region: HolidayRegion | null
  /** The school's own days off from today on, and the official ones of the coming year. */
  own: DayOff[]
  official: DayOff[]
}

/** The calendar page: what lies ahead from `today` for a year. */
export async function loadCalendarPage(
  db: Db,
  schoolId: string,
  today: string,
): Promise<CalendarPage> {
  const cal = await loadCalendar(db, schoolId)
  const ahead = daysOffBetween(cal, today, addDays(today, 365))
  return {
    schoolId,
    region: cal.region,
    own: daysOffBetween({ region: null, own: cal.own }, today, '2099-12-31'),
    // A feast day inside a vacation (Nieuwjaarsdag, Koningsdag) says nothing more: left out.
    official: ahead.filter(
      (d) =>
        d.kind === 'official' &&
        !ahead.some(
          (o) => o !== d && o.kind === 'official' && o.start <= d.start && d.end <= o.end,
        ),
    ),
  }
}
