// A season's dates and school time: properties over many random first dates and random
// school calendars (no meeting on a day off), the real holidays of each region, plus the DST
// edges where a naive conversion is an hour off.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { addDays, schoolDate, schoolTime } from '../../core/time.ts'
import { daysOffOf, HOLIDAY_REGIONS, isDayOff, type SchoolCalendar } from '../schools/index.ts'
import { meetingDates, RECURRENCES } from './schedule.ts'

const day = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay()
const firstDate = fc
  .date({ min: new Date('2024-01-01'), max: new Date('2032-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))

describe('a season of meetings', () => {
  it('weekly and fortnightly keep the weekday, 7 or 14 days apart', () => {
    fc.assert(
      fc.property(firstDate, fc.integer({ min: 1, max: 40 }), (first, n) => {
        for (const [rhythm, step] of [
          ['weekly', 7],
          ['fortnightly', 14],
        ] as const) {
          const dates = meetingDates(first, rhythm, n)
          assert.equal(dates.length, n)
          dates.forEach((d, i) => {
            assert.equal(d, addDays(first, i * step))
          })
        }
      }),
    )
  })

  it('monthly keeps the weekday and its place in the month (or the last one)', () => {
    fc.assert(
      fc.property(firstDate, fc.integer({ min: 1, max: 24 }), (first, n) => {
        const dates = meetingDates(first, 'monthly', n)
        assert.equal(dates.length, n)
        const nth = Math.ceil(Number(first.slice(8)) / 7)
        dates.forEach((d, i) => {
          assert.equal(day(d), day(first), `${d} is the same weekday as ${first}`)
          const dn = Math.ceil(Number(d.slice(8)) / 7)
          const last = Number(addDays(d, 7).slice(5, 7)) !== Number(d.slice(5, 7))
          assert.ok(dn === nth || (nth === 5 && dn === 4 && last), `${d}: ${dn} vs ${nth}`)
          if (i > 0) assert.ok(d > (dates[i - 1] as string))
        })
      }),
    )
  })

  it('a list of dates is sorted and has no doubles', () => {
    assert.deepEqual(meetingDates('2027-02-09', 'dates', 1, ['2027-01-12', '2027-02-09']), [
      '2027-01-12',
      '2027-02-09',
    ])
  })
})

/** A random school calendar: a few holidays of up to three weeks, and single days off. */
const calendar = fc
  .record({
    periods: fc.array(fc.tuple(firstDate, fc.integer({ min: 0, max: 20 })), { maxLength: 8 }),
    days: fc.array(firstDate, { maxLength: 30 }),
  })
  .map(
    ({ periods, days }): SchoolCalendar => ({
      region: null,
      own: [
        ...periods.map(([start, len], i) => ({
          id: `p${i}`,
          start,
          end: addDays(start, len),
          label: 'vakantie',
        })),
        ...days.map((d, i) => ({ id: `d${i}`, start: d, end: d, label: 'studiedag' })),
      ],
    }),
  )

describe('a season skips the days off', () => {
  it('no meeting of any rhythm falls on a day off of a random calendar', () => {
    fc.assert(
      fc.property(
        firstDate,
        fc.integer({ min: 1, max: 30 }),
        calendar,
        fc.array(firstDate, { maxLength: 10 }),
        (first, n, cal, listed) => {
          const dayOff = daysOffOf([cal])
          for (const rhythm of RECURRENCES) {
            const dates = meetingDates(first, rhythm, n, listed, dayOff)
            for (const d of dates) assert.ok(!isDayOff(cal, d), `${rhythm}: ${d} is a day off`)
            dates.forEach((d, i) => {
              if (i > 0) assert.ok(d > (dates[i - 1] as string), 'sorted, no doubles')
            })
          }
        },
      ),
    )
  })

  it('weekly and fortnightly stay on their rhythm and still get every meeting', () => {
    fc.assert(
      fc.property(firstDate, fc.integer({ min: 1, max: 30 }), calendar, (first, n, cal) => {
        const dayOff = daysOffOf([cal])
        for (const [rhythm, step] of [
          ['weekly', 7],
          ['fortnightly', 14],
        ] as const) {
          const dates = meetingDates(first, rhythm, n, [], dayOff)
          // At most 8 periods of three weeks and 30 single days: never 26 slots in a row.
          assert.equal(dates.length, n)
          for (const d of dates) {
            const days = (Date.parse(d) - Date.parse(first)) / 86_400_000
            assert.equal(days % step, 0, `${d} is on the ${rhythm} rhythm from ${first}`)
          }
          // Exactly the slots that are not days off, in order, from the first one on.
          const plain = meetingDates(first, rhythm, n + 60).filter((d) => !dayOff(d))
          assert.deepEqual(dates, plain.slice(0, n))
        }
      }),
    )
  })

  it('monthly keeps the weekday, meets at most once a month, and moves a week within it', () => {
    fc.assert(
      fc.property(firstDate, fc.integer({ min: 1, max: 24 }), calendar, (first, n, cal) => {
        const dates = meetingDates(first, 'monthly', n, [], daysOffOf([cal]))
        const plain = meetingDates(first, 'monthly', n + 24)
        const months = new Set(dates.map((d) => d.slice(0, 7)))
        assert.equal(months.size, dates.length, 'one meeting a month at most')
        for (const d of dates) {
          assert.equal(day(d), day(first))
          const planned = plain.find((p) => p.slice(0, 7) === d.slice(0, 7)) as string
          assert.ok(d >= planned, `${d} is never before the month's own date ${planned}`)
        }
      }),
    )
  })

  it('a calendar that is always off gives no meetings rather than looping', () => {
    for (const rhythm of RECURRENCES)
      assert.deepEqual(
        meetingDates('2027-01-12', rhythm, 5, ['2027-02-01'], () => true),
        [],
      )
  })

  it('a weekly circle in regio noord skips the kerstvakantie and keeps its meetings', () => {
    const noord = daysOffOf([{ region: 'noord', own: [] }])
    const dates = meetingDates('2026-12-01', 'weekly', 14, [], noord)
    assert.deepEqual(dates.slice(0, 4), ['2026-12-01', '2026-12-08', '2026-12-15', '2027-01-05'])
    assert.equal(dates.length, 14)
    // Voorjaarsvakantie noord 2027: 20 to 28 February.
    assert.ok(!dates.includes('2027-02-23'))
    assert.ok(dates.includes('2027-03-02'))
  })

  it("a school's own day off moves a monthly meeting a week on, in the same month", () => {
    const cal: SchoolCalendar = {
      region: 'midden',
      own: [{ id: 'x', start: '2027-03-09', end: '2027-03-09', label: 'Studiedag' }],
    }
    // The second Tuesday: 9 March is a studiedag, so the 16th.
    const dates = meetingDates('2027-02-09', 'monthly', 3, [], daysOffOf([cal]))
    assert.deepEqual(dates, ['2027-02-09', '2027-03-16', '2027-04-13'])
  })

  it('a bovenschoolse kring meets only when every school taking part is open', () => {
    const two = daysOffOf([
      { region: 'noord', own: [] },
      { region: 'zuid', own: [] },
    ])
    // Herfstvakantie 2026: noord 10-18 October, zuid 17-25 October.
    const dates = meetingDates('2026-10-06', 'weekly', 3, [], two)
    assert.deepEqual(dates, ['2026-10-06', '2026-10-27', '2026-11-03'])
  })

  it('in every region, a season planned from August 2026 on never meets at Christmas or New Year', () => {
    const seasonStart = fc
      .date({ min: new Date('2026-08-01'), max: new Date('2027-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(
        seasonStart,
        fc.constantFrom(...HOLIDAY_REGIONS),
        fc.constantFrom(...RECURRENCES),
        (first, region, rhythm) => {
          const cal: SchoolCalendar = { region, own: [] }
          for (const d of meetingDates(first, rhythm, 20, [], daysOffOf([cal]))) {
            const md = d.slice(5)
            // Flanders keeps 26 December as a school day only when it is a Sunday.
            const christmas = md === '12-25' || md >= '12-27' || md === '01-01'
            assert.ok(!christmas && (region === 'vlaanderen' || md !== '12-26'), `${region}: ${d}`)
            // In 2026 every region is off from 19 December (NL) or 21 December (Flanders).
            assert.ok(!(d >= '2026-12-21' && d <= '2027-01-03'), `${region} ${rhythm}: ${d}`)
            assert.ok(!isDayOff(cal, d))
          }
        },
      ),
    )
  })
})

describe('school time', () => {
  it('wall-clock times in Amsterdam, across both DST changes', () => {
    assert.equal(schoolTime('2027-01-12', '19:30').toISOString(), '2027-01-12T18:30:00.000Z')
    assert.equal(schoolTime('2027-07-12', '19:30').toISOString(), '2027-07-12T17:30:00.000Z')
    // The night the clocks go back (31 Oct 2027, 03:00 -> 02:00) and forward (28 Mar 2027).
    assert.equal(schoolTime('2027-10-31', '08:45').toISOString(), '2027-10-31T07:45:00.000Z')
    assert.equal(schoolTime('2027-03-28', '08:45').toISOString(), '2027-03-28T06:45:00.000Z')
  })

  it('schoolDate(schoolTime(d, t)) is d for any date and time of day', () => {
    fc.assert(
      fc.property(
        firstDate,
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (d, h, m) => {
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
          assert.equal(schoolDate(schoolTime(d, time)), d)
        },
      ),
    )
  })
})
