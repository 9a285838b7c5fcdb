// A school's calendar: only its director and admin keep it (its holiday region and the days
// off it adds, typed as people write dates), another school's director neither sees nor
// changes it, and a circle's season skips its days off.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addDays, schoolDate } from '../src/core/time.ts'
import { isSchoolDayOff } from '../src/features/schools/index.ts'
import { type Client, type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

const idOf = (key: string) => {
  const id = t.seed?.ids.get(key)
  assert.ok(id, `demo id ${key}`)
  return id
}

async function persona(name: 'director' | 'admin' | 'teacher' | 'ib' | 'parent' | 'facilitator') {
  const c = t.client()
  await c.signInAs(name)
  return c
}

async function otherDirector(): Promise<Client> {
  const person = await t.deps.db
    .selectFrom('people')
    .select('email')
    .where('id', '=', idOf('person:vlinderboom:director'))
    .executeTakeFirstOrThrow()
  const c = t.client()
  await c.signInByEmail(t.deps.db, person.email)
  return c
}

/** A date a month from now, as "dd-mm-yyyy" and as ISO: the page lists what lies ahead. */
const ahead = addDays(schoolDate(new Date()), 30)
const aheadDutch = ahead.split('-').reverse().join('-')

const daysOff = (schoolKey: string) =>
  t.deps.db
    .selectFrom('school_days_off')
    .select(['id', 'label'])
    .select((eb) => [
      eb.fn<string>('to_char', [eb.ref('starts_on'), eb.val('YYYY-MM-DD')]).as('start'),
      eb.fn<string>('to_char', [eb.ref('ends_on'), eb.val('YYYY-MM-DD')]).as('end'),
    ])
    .where('school_id', '=', idOf(`school:${schoolKey}`))
    .orderBy('starts_on')
    .execute()

describe('the school calendar page', () => {
  it('is for the director and the admin of the school, and nobody else', async () => {
    const added = await (await persona('director')).post('/school/calendar/days-off', {
      start: aheadDutch,
      label: 'Teamdag',
    })
    assert.equal(added.status, 303)
    for (const who of ['director', 'admin'] as const) {
      const res = await (await persona(who)).get('/school/calendar')
      assert.equal(res.status, 200, who)
      const text = visibleText(res.text)
      assert.match(text, /Vakanties en vrije dagen/)
      assert.match(text, /Teamdag/, 'the school’s own days off are listed')
      assert.match(res.text, /<option value="noord" selected/)
    }
    for (const who of ['teacher', 'ib', 'parent', 'facilitator'] as const) {
      const c = await persona(who)
      assert.equal((await c.get('/school/calendar')).status, 403, who)
      const add = await c.post('/school/calendar/days-off', {
        'start.day': '1',
        'start.month': '2',
        'start.year': '2027',
        label: 'Niet van mij',
      })
      assert.equal(add.status, 403, who)
      assert.equal((await c.post('/school/calendar/region', { region: 'zuid' })).status, 403, who)
    }
    const anonymous = await t.client().get('/school/calendar')
    assert.notEqual(anonymous.status, 200)
    assert.doesNotMatch(anonymous.text, /Teamdag/)
  })

  it('adds a day off typed the Dutch way or as ISO, and a period', async () => {
    const d = await persona('director')
    const dutch = await d.post('/school/calendar/days-off', {
      start: '12-01-2027',
      label: 'Studiedag rekenen',
    })
    assert.equal(dutch.status, 303)
    assert.match(dutch.location ?? '', /notice=dayOffAdded/)
    const iso = await d.post('/school/calendar/days-off', {
      'start.day': '2027-02-03',
      'end.day': '5',
      'end.month': 'februari',
      'end.year': '2027',
      label: 'Schoolreis',
    })
    assert.equal(iso.status, 303)
    const rows = await daysOff('regenboog')
    assert.ok(
      rows.some(
        (r) =>
          r.label === 'Studiedag rekenen' && r.start === '2027-01-12' && r.end === '2027-01-12',
      ),
    )
    assert.ok(
      rows.some(
        (r) => r.label === 'Schoolreis' && r.start === '2027-02-03' && r.end === '2027-02-05',
      ),
    )
    assert.equal(await isSchoolDayOff(t.deps.db, idOf('school:regenboog'), '2027-02-04'), true)
    assert.equal(await isSchoolDayOff(t.deps.db, idOf('school:regenboog'), '2027-02-08'), false)
    // The Kerstvakantie of regio noord is a day off without anyone adding it.
    assert.equal(await isSchoolDayOff(t.deps.db, idOf('school:regenboog'), '2026-12-29'), true)
    const page = visibleText((await d.get('/school/calendar')).text)
    assert.match(page, /Schoolreis/)
    assert.match(page, /Kerstvakantie/)
  })

  it('keeps the form and its values when a date is wrong', async () => {
    const d = await persona('director')
    const before = (await daysOff('regenboog')).length
    const wrong = await d.post('/school/calendar/days-off', {
      'start.day': '31',
      'start.month': '2',
      'start.year': '2027',
      label: 'Studiedag in februari',
    })
    assert.equal(wrong.status, 400)
    assert.match(wrong.text, /href="#f-start"/, 'the error summary links to the field')
    assert.match(wrong.text, /value="Studiedag in februari"/)
    assert.match(wrong.text, /value="31"/)
    const backwards = await d.post('/school/calendar/days-off', {
      start: '10-03-2027',
      end: '08-03-2027',
      label: 'Verkeerd om',
    })
    assert.equal(backwards.status, 400)
    assert.match(visibleText(backwards.text), /De laatste dag kan niet voor de eerste dag liggen/)
    const noLabel = await d.post('/school/calendar/days-off', { start: '10-03-2027', label: ' ' })
    assert.equal(noLabel.status, 400)
    assert.equal((await daysOff('regenboog')).length, before)
  })

  it('sets the holiday region, and refuses one that does not exist', async () => {
    const a = await persona('admin')
    assert.equal((await a.post('/school/calendar/region', { region: 'atlantis' })).status, 400)
    assert.equal((await a.post('/school/calendar/region', { region: 'zuid' })).status, 303)
    const school = await t.deps.db
      .selectFrom('schools')
      .select('holiday_region')
      .where('id', '=', idOf('school:regenboog'))
      .executeTakeFirstOrThrow()
    assert.equal(school.holiday_region, 'zuid')
    // Herfstvakantie 2026: zuid 17-25 October, noord 10-18 October.
    assert.equal(await isSchoolDayOff(t.deps.db, idOf('school:regenboog'), '2026-10-20'), true)
    assert.equal(await isSchoolDayOff(t.deps.db, idOf('school:regenboog'), '2026-10-13'), false)
    assert.equal((await a.post('/school/calendar/region', { region: 'noord' })).status, 303)
  })

  it("another school's director neither sees nor changes this school's calendar", async () => {
    const other = await otherDirector()
    const page = await other.get('/school/calendar')
    assert.equal(page.status, 200, 'their own school’s calendar')
    assert.doesNotMatch(visibleText(page.text), /Teamdag/)
    const mine = (await daysOff('regenboog')).find((r) => r.label === 'Teamdag')
    assert.ok(mine)
    const remove = await other.post(`/school/calendar/days-off/${mine.id}/remove`)
    assert.equal(remove.status, 404)
    assert.ok((await daysOff('regenboog')).some((r) => r.id === mine.id))
    // What they add or set lands in their own school only.
    await other.post('/school/calendar/days-off', { start: '01-04-2027', label: 'Vlinderdag' })
    await other.post('/school/calendar/region', { region: 'midden' })
    assert.ok((await daysOff('vlinderboom')).some((r) => r.label === 'Vlinderdag'))
    assert.ok(!(await daysOff('regenboog')).some((r) => r.label === 'Vlinderdag'))
    const regions = await t.deps.db.selectFrom('schools').select(['id', 'holiday_region']).execute()
    const region = (key: string) =>
      regions.find((s) => s.id === idOf(`school:${key}`))?.holiday_region
    assert.equal(region('vlinderboom'), 'midden')
    assert.equal(region('regenboog'), 'noord')
  })

  it('the director removes a day off of their own school', async () => {
    const d = await persona('director')
    const row = (await daysOff('regenboog')).find((r) => r.label === 'Studiedag rekenen')
    assert.ok(row)
    const res = await d.post(`/school/calendar/days-off/${row.id}/remove`)
    assert.equal(res.status, 303)
    assert.ok(!(await daysOff('regenboog')).some((r) => r.id === row.id))
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', row.id)
      .orderBy('at')
      .execute()
    assert.deepEqual(
      audit.map((a) => a.action),
      ['school.dayOff.add', 'school.dayOff.remove'],
    )
  })
})

describe('planning a season with the calendar', () => {
  it("a new circle's weekly season skips the school's studiedag", async () => {
    const d = await persona('director')
    const res = await d.post('/circles', {
      name: 'Ouderkring op dinsdag',
      kind: 'ouder',
      place: 'Ouderkamer',
      capacity: '8',
      languages: 'nl',
      facilitators: idOf('person:persona:facilitator'),
      firstDate: '2027-01-19',
      time: '08:45',
      duration: '60',
      recurrence: 'weekly',
      count: '3',
    })
    assert.equal(res.status, 303, res.text.slice(0, 300))
    const id = (res.location ?? '').split('/')[2]?.split('?')[0] as string
    const meetings = await t.deps.db
      .selectFrom('circle_meetings')
      .select('starts_at')
      .where('circle_id', '=', id)
      .orderBy('starts_at')
      .execute()
    // 26 January 2027 is a studiedag of De Regenboog (demo data): the season runs a week on.
    assert.deepEqual(
      meetings.map((m) => m.starts_at.toISOString().slice(0, 10)),
      ['2027-01-19', '2027-02-02', '2027-02-09'],
    )
  })
})
