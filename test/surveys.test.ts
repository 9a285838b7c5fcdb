// Bevragingen: the school asks parents (and its team alongside), nobody can tie an answer to a
// parent, no group under five is shown, the class teacher never reads parents' own words, and
// every respondent hears what the school will do, in their own language.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { catalogs } from '../src/core/i18n/index.ts'
import type { Persona } from '../src/demo/personas.ts'
import { answerSurvey, NEW_PARENT_TOPICS } from '../src/features/surveys/index.ts'
import { type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

const idOf = (key: string) => t.idOf(key)
const as = (persona: Persona) => t.as(persona)
const asPerson = (id: string) => t.asPerson(id)

const groupId = async (name: string) =>
  (
    await t.deps.db
      .selectFrom('groups')
      .select('id')
      .where('school_id', '=', idOf('school:regenboog'))
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id

const PLAN = {
  kind: 'newParents',
  title: 'Hoe gingen de eerste weken?',
  asker: 'brugfiguur',
  purpose: 'We willen weten hoe de eerste weken waren. In januari vertellen we wat we gaan doen.',
  audience: 'groups',
  team: 'on',
}

/** Answers of the new-parents form: every topic the same step, and words for "what can be better". */
const answers = (step: number, words: string) => ({
  ...Object.fromEntries(NEW_PARENT_TOPICS.map((k) => [`q_${k}`, String(step)])),
  q_better: words,
})

describe('a bevraging of the parents of one group, with the team alongside', () => {
  let id = ''
  let g12 = ''

  before(async () => {
    g12 = await groupId('Groep 1/2a')
  })

  it('keeps the plan and names what is missing', async () => {
    const director = await as('director')
    const res = await director.post('/surveys/new', { ...PLAN, groups: g12, purpose: '' })
    assert.equal(res.status, 400)
    const text = visibleText(res.text)
    assert.match(text, /Schrijf wat de school met de antwoorden doet\./)
    assert.match(res.text, /value="Hoe gingen de eerste weken\?"/)
    assert.match(res.text, /href="#f-purpose"/)
  })

  it('a parent cannot plan one', async () => {
    const parent = await as('parent')
    assert.equal((await parent.get('/surveys/new')).status, 403)
    assert.equal((await parent.post('/surveys/new', { ...PLAN, groups: g12 })).status, 403)
  })

  it('asks the parents of the group and the team, each once', async () => {
    const director = await as('director')
    const res = await director.post('/surveys/new', { ...PLAN, groups: g12 })
    assert.equal(res.status, 303)
    const m = res.location?.match(/^\/surveys\/([0-9a-f-]{36})\?notice=surveyOpened$/)
    assert.ok(m, res.location ?? '')
    id = m[1] as string
    const invited = await t.deps.db
      .selectFrom('survey_invitees')
      .select(['person_id', 'side'])
      .where('survey_id', '=', id)
      .execute()
    const parents = await t.deps.db
      .selectFrom('guardianships as g')
      .innerJoin('children as ch', 'ch.id', 'g.child_id')
      .select('g.person_id')
      .distinct()
      .where('ch.group_id', '=', g12)
      .execute()
    const side = new Map(invited.map((i) => [i.person_id, i.side]))
    assert.equal(side.get(idOf('person:persona:parent')), 'parents')
    assert.equal(side.get(idOf('person:persona:teacher')), 'team')
    const teamIds = new Set(invited.filter((i) => i.side === 'team').map((i) => i.person_id))
    assert.equal(
      invited.filter((i) => i.side === 'parents').length,
      parents.filter((p) => !teamIds.has(p.person_id)).length,
    )
    assert.equal(new Set(invited.map((i) => i.person_id)).size, invited.length)
  })

  it('a parent of the group reads why first, answers once, and is thanked', async () => {
    const parent = await as('parent')
    const list = visibleText((await parent.get('/surveys')).text)
    assert.match(list, /Hoe gingen de eerste weken\?\s*Wacht op uw antwoord/)
    const form = await parent.get(`/surveys/${id}`)
    assert.equal(form.status, 200)
    const text = visibleText(form.text)
    assert.match(text, /In januari vertellen we wat we gaan doen\./)
    assert.match(text, /De brugfiguur van de school stelt deze vragen\./)
    assert.match(text, /Uw naam staat niet bij uw antwoorden\./)
    assert.match(text, /De inschrijving en de rondleiding: hoe was dat voor u\?/)
    const sent = await parent.post(
      `/surveys/${id}/answers`,
      answers(2, 'Meer uitleg over de boekentas'),
    )
    assert.equal(sent.status, 303)
    assert.equal(sent.location, `/surveys/${id}?notice=surveyAnswered`)
    const again = await parent.post(`/surveys/${id}/answers`, answers(5, 'Nog een keer'))
    assert.equal(again.status, 403)
    const rows = await t.deps.db
      .selectFrom('survey_answers')
      .select(['side', 'question', 'scale', 'answer'])
      .where('survey_id', '=', id)
      .execute()
    assert.equal(rows.length, 10)
    assert.ok(rows.every((r) => r.side === 'parents'))
    assert.ok(rows.some((r) => r.answer === 'Meer uitleg over de boekentas'))
    assert.ok(!rows.some((r) => r.answer === 'Nog een keer'))
    assert.match(
      visibleText((await parent.get(`/surveys/${id}`)).text),
      /Dank u wel\. Uw antwoorden zijn binnen\./,
    )
  })

  it('an answer names no person and carries no time', async () => {
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_name = 'survey_answers' order by ordinal_position`.execute(t.deps.db)
    assert.deepEqual(
      columns.rows.map((r) => r.column_name),
      ['survey_id', 'side', 'question', 'scale', 'answer'],
    )
  })

  it('a parent of another group is not asked and cannot answer', async () => {
    const other = await t.deps.db
      .selectFrom('guardianships as g')
      .innerJoin('children as ch', 'ch.id', 'g.child_id')
      .select('g.person_id')
      .where('ch.school_id', '=', idOf('school:regenboog'))
      .where('ch.group_id', '<>', g12)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('survey_invitees')
              .select('person_id')
              .whereRef('person_id', '=', 'g.person_id')
              .where('survey_id', '=', id),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('memberships')
              .select('id')
              .whereRef('person_id', '=', 'g.person_id')
              .where('role', '<>', 'parent'),
          ),
        ),
      )
      .executeTakeFirstOrThrow()
    const c = await asPerson(other.person_id)
    assert.equal((await c.get(`/surveys/${id}`)).status, 403)
    assert.equal((await c.post(`/surveys/${id}/answers`, answers(1, 'x'))).status, 403)
    assert.doesNotMatch(visibleText((await c.get('/surveys')).text), /Hoe gingen de eerste weken/)
  })

  it('while open, staff see how many answered but no results', async () => {
    const director = await as('director')
    const text = visibleText((await director.get(`/surveys/${id}`)).text)
    assert.match(text, /Ouders: 1 van \d+ hebben geantwoord/)
    assert.doesNotMatch(text, /Uitkomst|Gemiddeld/)
    assert.doesNotMatch(text, /Meer uitleg over de boekentas/)
    // The director is asked as one of the team: the overview offers the questions.
    assert.match(text, /Zelf antwoorden/)
  })

  it('a group under five shows nothing, not even its words', async () => {
    // Two of the team answer: fewer than five.
    const team = await t.deps.db
      .selectFrom('survey_invitees')
      .select('person_id')
      .where('survey_id', '=', id)
      .where('side', '=', 'team')
      .limit(2)
      .execute()
    assert.equal(team.length, 2)
    for (const m of team)
      await answerSurvey(t.deps.db, id, m.person_id, [
        { question: 'enrolment', scale: 1, answer: null },
        { question: 'better', scale: null, answer: 'Teamwoorden die niemand mag zien' },
      ])
    // Four more parents: five in all.
    const parents = await t.deps.db
      .selectFrom('survey_invitees')
      .select('person_id')
      .where('survey_id', '=', id)
      .where('side', '=', 'parents')
      .where('answered', '=', false)
      .limit(4)
      .execute()
    assert.equal(parents.length, 4)
    for (const [i, m] of parents.entries())
      await answerSurvey(t.deps.db, id, m.person_id, [
        { question: 'enrolment', scale: 4 + (i % 2), answer: null },
        { question: 'better', scale: null, answer: `Ouderwoorden ${i}` },
      ])
    const teacher = await as('teacher')
    assert.equal((await teacher.post(`/surveys/${id}/close`, {})).status, 403)
    const director = await as('director')
    const closed = await director.post(`/surveys/${id}/close`, {})
    assert.equal(closed.status, 303)
    const text = visibleText((await director.get(`/surveys/${id}`)).text)
    // Parents, enrolment: 2, 4, 5, 4, 5 → 4; the team's two answers are not shown.
    assert.match(
      text,
      /De inschrijving en de rondleiding: hoe was dat voor u\?\s*Gemiddeld 4 van 5/,
    )
    assert.match(text, /Minder dan 5 antwoorden: niet getoond/)
    // A topic only one parent answered is not shown either.
    assert.match(
      text,
      /Het wenmoment, toen uw kind kwam kijken: hoe was dat voor u\?\s*Minder dan 5/,
    )
    assert.match(text, /Meer uitleg over de boekentas/)
    assert.match(text, /Ouderwoorden 3/)
    assert.doesNotMatch(text, /Teamwoorden/)
  })

  it('the class teacher sees the numbers, never what parents wrote', async () => {
    const teacher = await as('teacher')
    const res = await teacher.get(`/surveys/${id}`)
    assert.equal(res.status, 200)
    const text = visibleText(res.text)
    assert.match(text, /Gemiddeld 4 van 5/)
    assert.doesNotMatch(text, /Meer uitleg over de boekentas|Ouderwoorden|Teamwoorden/)
    assert.doesNotMatch(text, /Jullie zeiden, wij doen/)
  })

  it('every respondent hears what the school will do, in their own language; nobody else', async () => {
    const director = await as('director')
    const empty = await director.post(`/surveys/${id}/feedback`, { do: '', not: '' })
    assert.equal(empty.status, 400)
    assert.match(visibleText(empty.text), /Schrijf wat de school gaat doen\./)
    // One respondent reads Arabic.
    const respondents = await t.deps.db
      .selectFrom('survey_invitees')
      .select('person_id')
      .where('survey_id', '=', id)
      .where('answered', '=', true)
      .execute()
    const arabic = respondents.find((r) => r.person_id !== idOf('person:persona:parent'))
    assert.ok(arabic)
    await t.deps.db
      .updateTable('people')
      .set({ language: 'ar' })
      .where('id', '=', arabic.person_id)
      .execute()
    const silent = await t.deps.db
      .selectFrom('survey_invitees as i')
      .innerJoin('people as p', 'p.id', 'i.person_id')
      .select('p.email')
      .where('i.survey_id', '=', id)
      .where('i.answered', '=', false)
      .execute()
    const sent = await director.post(`/surveys/${id}/feedback`, {
      do: 'We geven elke nieuwe ouder een rondleiding met een tolk.',
      not: 'Geen tweede infoavond: te weinig ouders konden komen.',
    })
    assert.equal(sent.status, 303)
    const mails = await t.deps.db
      .selectFrom('outbox')
      .select(['person_id', 'to_address', 'subject', 'body_text'])
      .where('body_text', 'like', '%rondleiding met een tolk%')
      .execute()
    assert.deepEqual(
      mails.map((m) => m.person_id).sort(),
      respondents.map((r) => r.person_id).sort(),
    )
    const ar = mails.find((m) => m.person_id === arabic.person_id)
    const arSubject = (catalogs.ar['surveys.mail.subject'] ?? '').split('{title}')[0] ?? ''
    assert.ok(arSubject && ar?.subject.startsWith(arSubject), ar?.subject)
    const silentAddresses = new Set(silent.map((s) => s.email))
    assert.ok(!mails.some((m) => silentAddresses.has(m.to_address)))
    const parent = await as('parent')
    const text = visibleText((await parent.get(`/surveys/${id}`)).text)
    assert.match(text, /Jullie zeiden, wij doen/)
    assert.match(text, /Geen tweede infoavond/)
    // Once is enough.
    assert.equal(
      (await director.post(`/surveys/${id}/feedback`, { do: 'Nog eens', not: '' })).status,
      403,
    )
  })
})
