// A school's calendar: the official holidays of its region plus the days off it adds itself
// (a studiedag, a week of its own). Pure: planning a circle's season asks it "is this a day
// off?", and the calendar page lists what lies ahead.
import { type Holiday, type HolidayCode, type HolidayRegion, officialHolidays } from './holidays.ts'

/** A day off the school added: one day, or a period from start to end (both included). */
export interface OwnDayOff {
  id: string
  start: string
  end: string
  label: string
}

export interface SchoolCalendar {
  /** Null: the school has not chosen its holiday region yet (only its own days count). */
  region: HolidayRegion | null
  own: readonly OwnDayOff[]
}

/** A day off as the calendar page lists it: an official holiday, or one of the school's. */
export type DayOff =
  | { kind: 'official'; code: HolidayCode; start: string; end: string }
  | { kind: 'own'; id: string; label: string; start: string; end: string }

const yearOf = (date: string) => Number(date.slice(0, 4))

const official = (region: HolidayRegion | null, year: number): readonly Holiday[] =>
  region ? officialHolidays(region, year) : []

/** What makes a date a day off at this school, or null on a school day. */
export function dayOffOn(cal: SchoolCalendar, date: string): DayOff | null {
  const own = cal.own.find((d) => d.start <= date && date <= d.end)
  if (own) return { kind: 'own', ...own }
  const h = official(cal.region, yearOf(date)).find((x) => x.start <= date && date <= x.end)
  return h ? { kind: 'official', ...h } : null
}

export const isDayOff = (cal: SchoolCalendar, date: string): boolean => dayOffOn(cal, date) !== null

/**
 * One "is this a day off?" over several schools: a bovenschoolse kring meets only when it is
 * a school day at every school taking part. No calendars: no day is off.
 */
export const daysOffOf =
  (calendars: readonly SchoolCalendar[]) =>
  (date: string): boolean =>
    calendars.some((cal) => isDayOff(cal, date))

/** Every day off touching the dates from..to, official and own, by first day. */
export function daysOffBetween(cal: SchoolCalendar, from: string, to: string): DayOff[] {
  const out: DayOff[] = []
  for (let y = yearOf(from); y <= yearOf(to); y++)
    for (const h of official(cal.region, y))
      if (
        h.end >= from &&
        h.start <= to &&
        !out.some((o) => o.kind === 'official' && o.code === h.code && o.start === h.start)
      )
        out.push({ kind: 'official', ...h })
  for (const d of cal.own) if (d.end >= from && d.start <= to) out.push({ kind: 'own', ...d })
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end))
}
