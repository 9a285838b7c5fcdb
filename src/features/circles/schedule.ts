// A circle's season: the dates of its meetings from a first date and a rhythm (weekly,
// fortnightly, monthly on the same weekday of the month, or a list of dates), skipping the
// school's days off. Pure: the school calendar comes in as a question ("is this a day off?").
import { addDays } from '../../core/time.ts'

export const RECURRENCES = ['weekly', 'fortnightly', 'monthly', 'dates'] as const
export type Recurrence = (typeof RECURRENCES)[number]

/** "Is this date a day off?": a holiday or a day the school itself is closed. */
export type DayOffCheck = (date: string) => boolean
const noDayOff: DayOffCheck = () => false

/**
 * How many rhythm slots a season may pass over on days off before it stops: a weekly circle
 * may skip a year of weeks, a monthly one two years of months. A calendar that is off for
 * longer gives a shorter season rather than a meeting in a holiday.
 */
const MAX_SKIPPED = { weekly: 52, fortnightly: 26, monthly: 24 } as const

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay()

/** The nth (1-based) given weekday of a month; the last one when the month has no nth. */
function nthWeekday(year: number, month: number, wd: number, n: number): string {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay()
  const day = 1 + ((wd - first + 7) % 7) + (n - 1) * 7
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const d = day > daysInMonth ? day - 7 : day
  return new Date(Date.UTC(year, month, d)).toISOString().slice(0, 10)
}

/**
 * The season's meeting dates, none on a day off:
 * - weekly and fortnightly: every 7 or 14 days from the first date; a slot on a day off is
 *   skipped and the season runs on until it has `count` meetings;
 * - monthly: the same weekday and place in each month (the nth Tuesday, or the last); on a
 *   day off, the same weekday a week later within that month, else that month is skipped;
 * - a list of dates: those that are not days off, sorted, without doubles.
 */
export function meetingDates(
  first: string,
  recurrence: Recurrence,
  count: number,
  dates: readonly string[] = [],
  dayOff: DayOffCheck = noDayOff,
): string[] {
  if (recurrence === 'dates')
    return [...new Set([first, ...dates])].filter((d) => !dayOff(d)).sort()
  const out: string[] = []
  if (recurrence === 'weekly' || recurrence === 'fortnightly') {
    const step = recurrence === 'weekly' ? 7 : 14
    for (let i = 0; out.length < count && i < count + MAX_SKIPPED[recurrence]; i++) {
      const d = addDays(first, i * step)
      if (!dayOff(d)) out.push(d)
    }
    return out
  }
  const [y, m, d] = first.split('-').map(Number) as [number, number, number]
  const n = Math.ceil(d / 7)
  const wd = weekday(first)
  for (let i = 0; out.length < count && i < count + MAX_SKIPPED.monthly; i++) {
    let date = nthWeekday(y, m - 1 + i, wd, n)
    const month = date.slice(0, 7)
    while (dayOff(date) && addDays(date, 7).slice(0, 7) === month) date = addDays(date, 7)
    if (!dayOff(date)) out.push(date)
  }
  return out
}
