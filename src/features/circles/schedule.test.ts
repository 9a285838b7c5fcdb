// A season's dates and school time: properties over many random first dates, plus the DST
// edges where a naive conversion is an hour off.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { addDays, schoolDate, schoolTime } from '../../core/time.ts'
import { meetingDates } from './schedule.ts'

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
