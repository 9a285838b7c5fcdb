// The official school holidays a school's planning skips: the Dutch regions noord, midden and
// zuid, and the Flemish calendar, each with the public holidays on which schools are closed.
// What follows a fixed rule is computed; what a ministry decides each year is listed.
import type { HolidayRegion } from '../../core/db/schema.ts'
import { addDays } from '../../core/time.ts'

export type { HolidayRegion }
export const HOLIDAY_REGIONS = [
  'noord',
  'midden',
  'zuid',
  'vlaanderen',
] as const satisfies readonly HolidayRegion[]

export const HOLIDAY_CODES = [
  'herfst',
  'kerst',
  'voorjaar',
  'krokus',
  'mei',
  'paas',
  'zomer',
  'nieuwjaar',
  'tweedePaasdag',
  'koningsdag',
  'bevrijding',
  'hemelvaart',
  'tweedePinksterdag',
  'paasmaandag',
  'dagVanDeArbeid',
  'pinkstermaandag',
  'allerheiligen',
  'wapenstilstand',
  'kerstdag',
] as const
export type HolidayCode = (typeof HOLIDAY_CODES)[number]

/** A holiday from its first to its last free day, both included ("YYYY-MM-DD"). */
export interface Holiday {
  code: HolidayCode
  start: string
  end: string
}

const iso = (y: number, m: number, d: number) =>
  new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10)
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay()
const day = (code: HolidayCode, date: string): Holiday => ({ code, start: date, end: date })

/** Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher). */
export function easter(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const dom = ((h + l - 7 * m + 114) % 31) + 1
  return iso(year, month, dom)
}

/** The Saturday on or before a date. */
const saturdayOnOrBefore = (date: string) => addDays(date, -((weekday(date) + 1) % 7))
/** The Monday of the week (Monday to Sunday) a date falls in. */
const mondayOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7))

// ---- Nederland ----

/**
 * The holidays the Rijksoverheid sets per region and school year ("adviesdata", the summer
 * compulsory), as published on rijksoverheid.nl/onderwerpen/schoolvakanties. Herfstvakantie
 * 2026 and 2027 as listed there; voorjaars- and zomervakantie 2027 as the schools of each
 * region took them over. The Kerst- and meivakantie follow a fixed rule (dutchRuleHolidays).
 * Not yet in this table: voorjaars- and zomervakantie 2028. A school adds those as its own
 * days off until they are listed here (one line per region each).
 */
const NL_TABLE: Record<Exclude<HolidayRegion, 'vlaanderen'>, readonly Holiday[]> = {
  noord: [
    { code: 'herfst', start: '2026-10-10', end: '2026-10-18' },
    { code: 'voorjaar', start: '2027-02-20', end: '2027-02-28' },
    { code: 'zomer', start: '2027-07-10', end: '2027-08-22' },
    { code: 'herfst', start: '2027-10-16', end: '2027-10-24' },
  ],
  midden: [
    { code: 'herfst', start: '2026-10-17', end: '2026-10-25' },
    { code: 'voorjaar', start: '2027-02-20', end: '2027-02-28' },
    { code: 'zomer', start: '2027-07-17', end: '2027-08-29' },
    { code: 'herfst', start: '2027-10-16', end: '2027-10-24' },
  ],
  zuid: [
    { code: 'herfst', start: '2026-10-17', end: '2026-10-25' },
    { code: 'voorjaar', start: '2027-02-06', end: '2027-02-14' },
    { code: 'zomer', start: '2027-07-17', end: '2027-08-29' },
    { code: 'herfst', start: '2027-10-23', end: '2027-10-31' },
  ],
}

/** The school years the Dutch table covers (shown to the school, so it knows what to add). */
export const NL_LISTED_SCHOOL_YEARS = ['2026-2027', '2027-2028'] as const

/**
 * The Dutch holidays of one calendar year that follow a rule, the same in every region:
 * - kerstvakantie: two weeks from the Saturday on or before Christmas (Christmas on a
 *   Saturday: from that day), so Christmas and New Year's Day fall in it;
 * - meivakantie: one week from the Saturday on or before Koningsdag (27 April);
 * - the public holidays schools close on: Nieuwjaarsdag, Tweede Paasdag, Koningsdag
 *   (26 April when the 27th is a Sunday), Hemelvaartsdag, Tweede Pinksterdag, and
 *   Bevrijdingsdag in the years it is a day off for everyone (every fifth year: 2025, 2030).
 * Checked against the published dates of 2023 to 2027.
 */
function dutchRuleHolidays(year: number): Holiday[] {
  const e = easter(year)
  const kings = weekday(iso(year, 4, 27)) === 0 ? iso(year, 4, 26) : iso(year, 4, 27)
  const kerst = saturdayOnOrBefore(iso(year, 12, 25))
  const mei = saturdayOnOrBefore(iso(year, 4, 27))
  return [
    day('nieuwjaar', iso(year, 1, 1)),
    day('tweedePaasdag', addDays(e, 1)),
    day('koningsdag', kings),
    ...(year % 5 === 0 ? [day('bevrijding', iso(year, 5, 5))] : []),
    day('hemelvaart', addDays(e, 39)),
    day('tweedePinksterdag', addDays(e, 50)),
    { code: 'mei', start: mei, end: addDays(mei, 8) },
    { code: 'kerst', start: kerst, end: addDays(kerst, 15) },
  ]
}

// ---- Vlaanderen ----

/**
 * The Flemish school holidays of one calendar year, by the rules of the Vlaamse Gemeenschap
 * (Besluit van de Vlaamse Regering betreffende de organisatie van het schooljaar, the
 * calendar Flanders kept when the Fédération Wallonie-Bruxelles changed its own in 2022):
 * - herfstvakantie: the week (Monday to Sunday) of 1 November; when 1 November is a Sunday,
 *   the week after;
 * - kerstvakantie: two weeks from the Monday of the week of Christmas; when Christmas is on
 *   a Saturday or Sunday, from the Monday after;
 * - krokusvakantie: one week from the seventh Monday before Easter;
 * - paasvakantie: two weeks from the first Monday of April; when Easter is in March, from
 *   Easter Monday; when Easter is after 15 April, from the second Monday before Easter;
 * - zomervakantie: 1 July to 31 August;
 * - the public holidays: Nieuwjaar, Paasmaandag, 1 mei, Hemelvaart, Pinkstermaandag,
 *   Allerheiligen (1 November), 11 november and Kerstmis (when outside the vacations).
 */
function flemishHolidays(year: number): Holiday[] {
  const e = easter(year)
  const nov1 = iso(year, 11, 1)
  const herfst = weekday(nov1) === 0 ? addDays(nov1, 1) : mondayOf(nov1)
  const xmas = iso(year, 12, 25)
  const kerst =
    weekday(xmas) === 6 || weekday(xmas) === 0 ? addDays(mondayOf(xmas), 7) : mondayOf(xmas)
  const krokus = addDays(e, -48)
  const firstAprilMonday = addDays(iso(year, 4, 1), (8 - weekday(iso(year, 4, 1))) % 7)
  const paas =
    e < iso(year, 4, 1) ? addDays(e, 1) : e > iso(year, 4, 15) ? addDays(e, -13) : firstAprilMonday
  return [
    day('nieuwjaar', iso(year, 1, 1)),
    { code: 'krokus', start: krokus, end: addDays(krokus, 6) },
    { code: 'paas', start: paas, end: addDays(paas, 13) },
    day('paasmaandag', addDays(e, 1)),
    day('dagVanDeArbeid', iso(year, 5, 1)),
    day('hemelvaart', addDays(e, 39)),
    day('pinkstermaandag', addDays(e, 50)),
    { code: 'zomer', start: iso(year, 7, 1), end: iso(year, 8, 31) },
    { code: 'herfst', start: herfst, end: addDays(herfst, 6) },
    day('allerheiligen', nov1),
    day('wapenstilstand', iso(year, 11, 11)),
    day('kerstdag', xmas),
    { code: 'kerst', start: kerst, end: addDays(kerst, 13) },
  ]
}

const cache = new Map<string, readonly Holiday[]>()

/**
 * The official holidays of a region that touch a calendar year (a kerstvakantie that began
 * the year before included), sorted by their first day.
 */
export function officialHolidays(region: HolidayRegion, year: number): readonly Holiday[] {
  const key = `${region}:${year}`
  const hit = cache.get(key)
  if (hit) return hit
  const from = iso(year, 1, 1)
  const to = iso(year, 12, 31)
  const all =
    region === 'vlaanderen'
      ? [...flemishHolidays(year - 1), ...flemishHolidays(year)]
      : [...dutchRuleHolidays(year - 1), ...dutchRuleHolidays(year), ...NL_TABLE[region]]
  const list = all
    .filter((h) => h.end >= from && h.start <= to)
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end))
  cache.set(key, list)
  return list
}
