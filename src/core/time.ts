// School time: schools live in Europe/Amsterdam (and Brussels, the same rules). Dates and
// times typed by people are wall-clock times there; the database stores instants (UTC).
import type { Language } from './db/schema.ts'

export const SCHOOL_ZONE = 'Europe/Amsterdam'

const parts = new Intl.DateTimeFormat('en-US', {
  timeZone: SCHOOL_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** The wall-clock time in the school zone, as if it were UTC (for arithmetic). */
function wallAsUtc(instant: number): number {
  const p: Record<string, number> = {}
  for (const { type, value } of parts.formatToParts(instant)) p[type] = Number(value)
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second)
}

/** "2027-01-12" + "19:30" in the school zone -> the instant. DST gaps move forward. */
export function schoolTime(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [hh, mm] = time.split(':').map(Number) as [number, number]
  const wall = Date.UTC(y, m - 1, d, hh, mm)
  let guess = wall - (wallAsUtc(wall) - wall)
  // One correction step settles the offset on either side of a DST change.
  guess = wall - (wallAsUtc(guess) - guess)
  return new Date(guess)
}

/** The school-zone calendar date of an instant, as "YYYY-MM-DD". */
export function schoolDate(instant: Date): string {
  return new Date(wallAsUtc(instant.getTime())).toISOString().slice(0, 10)
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** "di 12 jan. 2027, 19:30" in the reader's language and the school zone. */
export function formatWhen(lang: Language, instant: Date, withTime = true): string {
  const key = `${lang}:${withTime}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      timeZone: SCHOOL_ZONE,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    })
    formatters.set(key, f)
  }
  return f.format(instant)
}

const styled = new Map<string, Intl.DateTimeFormat>()

/**
 * A date (and time) in the reader's language and the school zone, in Intl's own styles:
 * 'day' "12 jan. 2027", 'full' "dinsdag 12 januari 2027" (a message's date), 'stamp'
 * "12-01-2027 19:30", 'stampSeconds' with seconds (the outbox), 'time' "19:30".
 */
export function formatStyled(
  lang: Language,
  instant: Date,
  style: 'day' | 'full' | 'stamp' | 'stampSeconds' | 'time',
): string {
  const key = `${lang}:${style}`
  let f = styled.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      timeZone: SCHOOL_ZONE,
      // A clock time as the school's letters write it, 24-hour in every language ("14:30").
      ...(style === 'time'
        ? { hour: '2-digit' as const, minute: '2-digit' as const, hourCycle: 'h23' as const }
        : style === 'day' || style === 'full'
          ? { dateStyle: style === 'day' ? ('medium' as const) : ('full' as const) }
          : {
              dateStyle: 'short' as const,
              timeStyle: style === 'stamp' ? ('short' as const) : ('medium' as const),
            }),
    })
    styled.set(key, f)
  }
  return f.format(instant)
}
