// When a message's mail may go. No mail between 18:00 and 07:00 nor at weekends (the quiet
// hours Flemish schools agree in their deconnectie rules), unless the director marked it
// urgent. A parent who chose the daily digest gets the day's messages in one mail at 16:30 on
// school days: late enough to gather the day, early enough for "bring boots tomorrow".
import { addDays, schoolDate, schoolTime } from '../../core/time.ts'

export const QUIET_UNTIL = '07:00'
export const QUIET_FROM = '18:00'
export const DIGEST_AT = '16:30'

const weekday = (date: string): boolean => {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay()
  return day !== 0 && day !== 6
}

/** The first weekday at `time` that is not before `now`. */
function nextWeekdayAt(now: Date, time: string): Date {
  let date = schoolDate(now)
  for (let i = 0; i < 8; i++, date = addDays(date, 1)) {
    const at = schoolTime(date, time)
    if (weekday(date) && at.getTime() >= now.getTime()) return at
  }
  throw new Error('unreachable: a week always holds a weekday')
}

/** The moment the mail of a message written at `now` may go to one recipient. */
export function dueAt(now: Date, opts: { urgent: boolean; digest: boolean }): Date {
  if (opts.urgent) return now
  if (opts.digest) return nextWeekdayAt(now, DIGEST_AT)
  const today = schoolDate(now)
  if (
    weekday(today) &&
    now >= schoolTime(today, QUIET_UNTIL) &&
    now < schoolTime(today, QUIET_FROM)
  )
    return now
  return nextWeekdayAt(now, QUIET_UNTIL)
}
