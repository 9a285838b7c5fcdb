// The official holidays, checked against calendars as published (the Dutch Kerst- and
// meivakantie of 2023-2027, a Flemish school's 2025-2026 calendar), and their invariants
// over many years: every holiday a real period, Dutch vacations from Saturday to Sunday.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addDays } from '../../core/time.ts'
import { dayOffOn, daysOffBetween } from './calendar.ts'
import { easter, HOLIDAY_REGIONS, type HolidayCode, officialHolidays } from './holidays.ts'

const find = (region: (typeof HOLIDAY_REGIONS)[number], year: number, code: HolidayCode) =>
  officialHolidays(region, year)
    .filter((h) => h.code === code && h.start.startsWith(String(year)))
    .map((h) => [h.start, h.end])

const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay()

describe('official school holidays', () => {
  it('Easter falls on the dates the calendars give', () => {
    assert.equal(easter(2024), '2024-03-31')
    assert.equal(easter(2026), '2026-04-05')
    assert.equal(easter(2027), '2027-03-28')
    assert.equal(easter(2028), '2028-04-16')
  })

  it('the Dutch kerst- and meivakantie follow their rule in the published years', () => {
    for (const region of ['noord', 'midden', 'zuid'] as const) {
      assert.deepEqual(find(region, 2023, 'kerst'), [['2023-12-23', '2024-01-07']])
      assert.deepEqual(find(region, 2024, 'kerst'), [['2024-12-21', '2025-01-05']])
      assert.deepEqual(find(region, 2025, 'kerst'), [['2025-12-20', '2026-01-04']])
      assert.deepEqual(find(region, 2026, 'kerst'), [['2026-12-19', '2027-01-03']])
      assert.deepEqual(find(region, 2027, 'kerst'), [['2027-12-25', '2028-01-09']])
      assert.deepEqual(find(region, 2024, 'mei'), [['2024-04-27', '2024-05-05']])
      assert.deepEqual(find(region, 2025, 'mei'), [['2025-04-26', '2025-05-04']])
      assert.deepEqual(find(region, 2026, 'mei'), [['2026-04-25', '2026-05-03']])
      assert.deepEqual(find(region, 2027, 'mei'), [['2027-04-24', '2027-05-02']])
    }
  })

  it('the regions differ where the Rijksoverheid spreads them', () => {
    assert.deepEqual(find('noord', 2026, 'herfst'), [['2026-10-10', '2026-10-18']])
    assert.deepEqual(find('zuid', 2026, 'herfst'), [['2026-10-17', '2026-10-25']])
    assert.deepEqual(find('zuid', 2027, 'voorjaar'), [['2027-02-06', '2027-02-14']])
    assert.deepEqual(find('noord', 2027, 'zomer'), [['2027-07-10', '2027-08-22']])
    assert.deepEqual(find('zuid', 2027, 'herfst'), [['2027-10-23', '2027-10-31']])
  })

  it("Flanders' rules give a Flemish school's calendar of 2025-2026", () => {
    assert.deepEqual(find('vlaanderen', 2025, 'herfst'), [['2025-10-27', '2025-11-02']])
    assert.deepEqual(find('vlaanderen', 2025, 'kerst'), [['2025-12-22', '2026-01-04']])
    assert.deepEqual(find('vlaanderen', 2026, 'krokus'), [['2026-02-16', '2026-02-22']])
    assert.deepEqual(find('vlaanderen', 2026, 'paas'), [['2026-04-06', '2026-04-19']])
    assert.deepEqual(find('vlaanderen', 2026, 'zomer'), [['2026-07-01', '2026-08-31']])
    assert.deepEqual(find('vlaanderen', 2026, 'dagVanDeArbeid'), [['2026-05-01', '2026-05-01']])
    // Easter in March: the paasvakantie begins on Easter Monday; Christmas on a Saturday:
    // the kerstvakantie begins the Monday after.
    assert.deepEqual(find('vlaanderen', 2027, 'paas'), [['2027-03-29', '2027-04-11']])
    assert.deepEqual(find('vlaanderen', 2027, 'kerst'), [['2027-12-27', '2028-01-09']])
  })

  it('every holiday is a real period; Dutch vacations run Saturday to Sunday', () => {
    for (const region of HOLIDAY_REGIONS)
      for (let year = 2024; year <= 2035; year++)
        for (const h of officialHolidays(region, year)) {
          assert.ok(h.start <= h.end, `${region} ${h.code} ${h.start}`)
          assert.ok(h.end <= addDays(h.start, 70), `${region} ${h.code} ${h.start}`)
          if (region !== 'vlaanderen' && h.start !== h.end) {
            assert.equal(weekday(h.start), 6, `${region} ${h.code} starts ${h.start}`)
            assert.equal(weekday(h.end), 0, `${region} ${h.code} ends ${h.end}`)
          }
        }
  })

  it("a school's own days off count next to the official ones", () => {
    const cal = {
      region: 'midden' as const,
      own: [{ id: 'a', start: '2027-01-18', end: '2027-01-19', label: 'Studiedagen' }],
    }
    assert.equal(dayOffOn(cal, '2027-01-19')?.kind, 'own')
    assert.equal(dayOffOn(cal, '2027-01-20'), null)
    assert.deepEqual(dayOffOn(cal, '2026-12-24'), {
      kind: 'official',
      code: 'kerst',
      start: '2026-12-19',
      end: '2027-01-03',
    })
    // Without a region only the school's own days count.
    assert.equal(dayOffOn({ ...cal, region: null }, '2026-12-24'), null)
    const list = daysOffBetween(cal, '2026-12-01', '2027-01-31')
    assert.deepEqual(
      list.map((d) => (d.kind === 'own' ? d.label : d.code)),
      ['kerst', 'nieuwjaar', 'Studiedagen'],
    )
  })
})
