// The demo school looks like a real one: no child twice in a class list, buddy requests that
// have waited for different lengths of time, and circle seasons that never meet in a holiday
// or on a studiedag, whatever day the demo is started.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { addDays, schoolDate } from '../src/core/time.ts'
import { buildDemo } from '../src/demo/build.ts'
import { buildCircles, demoCalendars, seasonDates } from '../src/demo/circles.ts'
import { dayOffOn, isDayOff, isSchoolDayOff } from '../src/features/schools/index.ts'
import { type TestApp, testApp, visibleText } from './helpers.ts'

const data = buildDemo()

describe('the demo data as built', () => {
  it('lists no child twice in a class, and every child once', () => {
    const keys = new Set<string>()
    const names = new Map<string, string[]>()
    for (const ch of data.children) {
      assert.ok(!keys.has(ch.key), ch.key)
      keys.add(ch.key)
      names.set(ch.group, [...(names.get(ch.group) ?? []), ch.firstName])
    }
    for (const [group, list] of names) {
      const twice = list.filter((n, i) => list.indexOf(n) !== i)
      assert.deepEqual(twice, [], `${group} lists ${twice.join(', ')} twice`)
    }
    const kleuters = names.get('regenboog:Groep 1/2a') ?? []
    assert.ok(kleuters.length > 15, 'Groep 1/2a is a full class')
    assert.ok(kleuters.includes('Amira'))
  })

  it('gives buddy requests waiting times from today to about a month', () => {
    const days = data.requests.map((r) => r.waitingDays)
    assert.ok(Math.min(...days) <= 2, `shortest ${Math.min(...days)}`)
    assert.ok(Math.max(...days) >= 20 && Math.max(...days) <= 31, `longest ${Math.max(...days)}`)
    assert.ok(new Set(days).size >= 8, `only ${new Set(days).size} different waiting times`)
  })

  it('plans no circle meeting in a holiday or on a studiedag, whenever the demo starts', () => {
    const calendars = demoCalendars(data)
    const { circles } = buildCircles(data)
    // Every week of two school years as the day the demo is seeded.
    for (let now = '2026-08-03'; now <= '2028-07-31'; now = addDays(now, 7)) {
      for (const [n, c] of circles.entries()) {
        const dates = seasonDates(data, c, n, new Date(`${now}T09:00:00Z`))
        assert.ok(dates.length >= c.count - 1, `${c.key} from ${now}: ${dates.length} meetings`)
        for (const d of dates) {
          for (const school of c.host === 'municipality' ? c.schools : [c.host]) {
            const cal = calendars.get(school)
            assert.ok(cal)
            assert.equal(dayOffOn(cal, d), null, `${c.key} (${school}) meets on ${d}`)
          }
        }
      }
    }
  })

  it('planned this school year, no meeting falls between 19 December and 3 January', () => {
    const { circles } = buildCircles(data)
    for (const [n, c] of circles.entries())
      for (const d of seasonDates(data, c, n, new Date('2026-12-02T09:00:00Z')))
        assert.ok(d < '2026-12-19' || d > '2027-01-03', `${c.key} meets on ${d}`)
  })
})

describe('the demo school as seeded', () => {
  let t: TestApp
  before(async () => {
    t = await testApp()
  })
  after(() => t.close())
  const idOf = (key: string) => t.seed?.ids.get(key) as string

  it('has no class with a child named twice', async () => {
    const twice = await t.deps.db
      .selectFrom('children')
      .select(['group_id', 'first_name'])
      .groupBy(['group_id', 'first_name'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute()
    assert.deepEqual(twice, [])
    // The kleuter teacher's class list shows Amira once (the invite form's child picker aside).
    const c = t.client()
    await c.signInAs('teacher')
    const html = (await c.get(`/groups/${idOf('group:regenboog:Groep 1/2a')}`)).text
    const list = visibleText(html.replace(/<select[\s\S]*?<\/select>/g, ''))
    assert.equal(list.match(/\bAmira\b/g)?.length, 1)
  })

  it('shows requests that have waited for different lengths of time', async () => {
    const rows = await sql<{ days: number }>`
      select extract(day from now() - created_at)::int as days from buddy_requests
      where status = 'open'`.execute(t.deps.db)
    const days = rows.rows.map((r) => Number(r.days))
    assert.ok(days.length > 10)
    assert.ok(new Set(days).size >= 6, `waiting days ${days.join(' ')}`)
    assert.ok(Math.max(...days) >= 20)
    // A link never came before its request.
    const early = await sql`
      select l.id from buddy_links l join buddy_requests r on r.id = l.request_id
      where l.created_at < r.created_at`.execute(t.deps.db)
    assert.equal(early.rows.length, 0)
  })

  it('keeps the school calendars and plans no meeting on a day off', async () => {
    const schools = await t.deps.db.selectFrom('schools').select('holiday_region').execute()
    assert.ok(schools.every((s) => s.holiday_region === 'noord'))
    const meetings = await t.deps.db
      .selectFrom('circle_meetings as m')
      .innerJoin('circles as c', 'c.id', 'm.circle_id')
      .leftJoin('circle_schools as cs', 'cs.circle_id', 'c.id')
      .select(['m.starts_at', 'c.school_id', 'cs.school_id as partSchool'])
      .execute()
    assert.ok(meetings.length > 50)
    for (const m of meetings) {
      const school = m.school_id ?? m.partSchool
      assert.ok(school)
      const day = schoolDate(m.starts_at)
      assert.equal(await isSchoolDayOff(t.deps.db, school, day), false, `a meeting on ${day}`)
    }
    // The pure calendar and the stored one agree on the demo's studiedag.
    const cal = demoCalendars(data).get('regenboog')
    assert.ok(cal && isDayOff(cal, '2027-01-26'))
    assert.equal(await isSchoolDayOff(t.deps.db, idOf('school:regenboog'), '2027-01-26'), true)
  })
})
