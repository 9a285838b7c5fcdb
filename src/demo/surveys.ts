// The demo school's bevragingen. A closed one for the new parents of Groep 1/2a (Samira among
// them) with the team asked alongside: fourteen parents answered and three of the team, so the
// team's side shows how a group under five stays hidden; the school's "jullie zeiden, wij doen"
// went out in December. And an open one after the koffie-inloop, for every parent, that a few
// answered and Samira has not yet. The answers follow a fixed pattern, so every seed is alike.
import type { Db } from '../core/db/index.ts'
import {
  answerSurvey,
  closeSurvey,
  NEW_PARENT_TOPICS,
  openSurvey,
} from '../features/surveys/index.ts'

const TOPICS = NEW_PARENT_TOPICS

const BETTER = [
  'Ik wist niet wat er in de boekentas moest.',
  'Graag een rondleiding met iemand die Arabisch spreekt.',
  'De eerste dag was spannend, de juf was heel lief.',
  'Ik wil graag vaker horen hoe het in de klas gaat.',
  'Meer uitleg over het eten op school.',
]

const AFTER = [
  { question: 'howArrived', answer: 'Een andere moeder nam mij mee.' },
  { question: 'nextTheme', answer: 'Over slapen en schermtijd.' },
  { question: 'worries', answer: 'Mijn zoon praat thuis weinig over school.' },
]

export async function seedSurveys(db: Db, ids: Map<string, string>): Promise<void> {
  const school = ids.get('school:regenboog')
  const ib = ids.get('person:persona:ib')
  const brugfiguur = ids.get('person:persona:brugfiguur')
  const parent = ids.get('person:persona:parent')
  const group = ids.get('group:regenboog:Groep 1/2a')
  if (!school || !ib || !brugfiguur || !parent || !group) return

  const start = await openSurvey(db, school, ib, {
    kind: 'newParents',
    title: 'Hoe was de start in groep 1/2a?',
    asker: 'brugfiguur',
    purpose:
      'We willen weten hoe de eerste weken op school voor u waren. Met uw antwoorden maken we de start voor nieuwe gezinnen beter. In december vertellen we wat we gaan doen.',
    audience: 'groups',
    groups: [group],
    team: true,
  })
  const invited = await db
    .selectFrom('survey_invitees')
    .select(['person_id', 'side'])
    .where('survey_id', '=', start.id)
    .orderBy('person_id')
    .execute()
  const parents = [
    parent,
    ...invited
      .filter((i) => i.side === 'parents' && i.person_id !== parent)
      .map((i) => i.person_id),
  ].slice(0, 14)
  for (const [n, id] of parents.entries())
    await answerSurvey(db, start.id, id, [
      // Mostly good; the practical information and insight into the class score lower.
      ...TOPICS.map((question, k) => ({
        question,
        scale: Math.max(1, Math.min(5, 4 + ((n + k) % 3) - 1 - (k === 6 || k === 7 ? 1 : 0))),
        answer: null,
      })),
      {
        question: 'better',
        scale: null,
        answer: n % 3 === 0 ? (BETTER[(n / 3) % 5] ?? null) : null,
      },
    ])
  const team = invited.filter((i) => i.side === 'team').slice(0, 3)
  for (const [n, m] of team.entries())
    await answerSurvey(
      db,
      start.id,
      m.person_id,
      TOPICS.map((question, k) => ({ question, scale: 3 + ((n + k) % 3), answer: null })),
    )
  await closeSurvey(db, school, ib, start.id)
  // Told back to the respondents earlier this season (the demo keeps no mail from then).
  await db
    .updateTable('surveys')
    .set({
      feedback_do:
        'Elke nieuwe ouder krijgt een rondleiding, met een tolk als u dat wilt. Op de klasdeur hangt elke week een "niet vergeten"-briefje met plaatjes. In januari is er een koffie-inloop over eten op school.',
      feedback_not:
        'We maken geen tweede informatieavond: vorig jaar konden maar weinig ouders komen. We praten liever met u aan de schoolpoort.',
      feedback_at: new Date(),
    })
    .where('id', '=', start.id)
    .execute()

  const after = await openSurvey(db, school, brugfiguur, {
    kind: 'afterActivity',
    title: 'Wat vond u van de koffie-inloop?',
    asker: 'brugfiguur',
    purpose:
      'We willen de koffie-inloop nog beter maken. Wat u zegt, bespreken we met het team. Na de kerstvakantie leest u hier wat we doen.',
    audience: 'school',
    groups: [],
    team: false,
  })
  const some = await db
    .selectFrom('survey_invitees')
    .select('person_id')
    .where('survey_id', '=', after.id)
    .where('person_id', '<>', parent)
    .orderBy('person_id', 'desc')
    .limit(3)
    .execute()
  for (const [n, m] of some.entries()) {
    const a = AFTER[n]
    if (a) await answerSurvey(db, after.id, m.person_id, [{ ...a, scale: null }])
  }
}
