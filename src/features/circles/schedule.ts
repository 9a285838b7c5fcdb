// A circle's season: the dates of its meetings from a first date and a rhythm (weekly,
// fortnightly, monthly on the same weekday of the month, or a list of dates).
import { addDays } from '../../core/time.ts'

export const RECURRENCES = ['weekly', 'fortnightly', 'monthly', 'dates'] as const
export type Recurrence = (typeof RECURRENCES)[number]

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay()

/** The nth (1-based) given weekday of a month; the last one when the month has no nth. */
function nthWeekday(year: number, month: number, wd: number, n: number): string {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay()
  const day = 1 + ((wd - first + 7) % 7) + (n - 1) * 7
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const d = day > daysInMonth ? day - 7 : day
  return new Date(Date.UTC(year, month, d)).toISOString().slice(0, 10)
}

export function meetingDates(
  first: string,
  recurrence: Recurrence,
  count: number,
  dates: readonly string[] = [],
): string[] {
  if (recurrence === 'dates') return [...new Set([first, ...dates])].sort()
  if (recurrence === 'weekly' || recurrence === 'fortnightly') {
    const step = recurrence === 'weekly' ? 7 : 14
    return Array.from({ length: count }, (_, i) => addDays(first, i * step))
  }
  const [y, m, d] = first.split('-').map(Number) as [number, number, number]
  const n = Math.ceil(d / 7)
  const wd = weekday(first)
  return Array.from({ length: count }, (_, i) => nthWeekday(y, m - 1 + i, wd, n))
}
