// What a closed bevraging found, side by side: parents and team. A side with fewer than five
// respondents shows nothing, and neither does a question fewer than five answered; there is no
// total over both sides, so a hidden side can never be worked out from the shown ones. Words
// are sorted, not in the order they came in.
import type { Db } from '../../../core/db/index.ts'
import type { SurveyKind, SurveySide } from '../../../core/db/schema.ts'
import { MIN_GROUP, questionsFor, SCALE } from '../questions.ts'

export interface Progress {
  parents: { asked: number; answered: number }
  team: { asked: number; answered: number } | null
}

export async function loadProgress(db: Db, surveyId: string, askTeam: boolean): Promise<Progress> {
  const rows = await db
    .selectFrom('survey_invitees')
    .select((eb) => [
      'side',
      eb.fn.countAll<number>().as('asked'),
      eb.fn.count<number>(eb.case().when('answered', '=', true).then(1).end()).as('answered'),
    ])
    .where('survey_id', '=', surveyId)
    .groupBy('side')
    .execute()
  const of = (side: SurveySide) => {
    const r = rows.find((x) => x.side === side)
    return { asked: Number(r?.asked ?? 0), answered: Number(r?.answered ?? 0) }
  }
  return { parents: of('parents'), team: askTeam ? of('team') : null }
}

/** One side's answers to one scale question: null when too few to show. */
export interface ScaleResult {
  n: number
  counts: number[]
  mean: number
}

export interface QuestionResult {
  key: string
  type: 'scale' | 'open'
  parents: ScaleResult | null
  team: ScaleResult | null
}

export async function loadResults(
  db: Db,
  surveyId: string,
  kind: SurveyKind,
  progress: Progress,
): Promise<QuestionResult[]> {
  const shown = (side: SurveySide) =>
    (side === 'parents' ? progress.parents : progress.team)?.answered ?? 0
  const rows = await db
    .selectFrom('survey_answers')
    .select((eb) => ['side', 'question', 'scale', eb.fn.countAll<number>().as('n')])
    .where('survey_id', '=', surveyId)
    .where('scale', 'is not', null)
    .groupBy(['side', 'question', 'scale'])
    .execute()
  const result = (side: SurveySide, key: string): ScaleResult | null => {
    if (shown(side) < MIN_GROUP) return null
    const counts = SCALE.map((v) =>
      Number(rows.find((r) => r.side === side && r.question === key && r.scale === v)?.n ?? 0),
    )
    const n = counts.reduce((a, b) => a + b, 0)
    if (n < MIN_GROUP) return null
    return { n, counts, mean: counts.reduce((sum, c, i) => sum + c * (i + 1), 0) / n }
  }
  return questionsFor(kind).map((q) => ({
    key: q.key,
    type: q.type,
    parents: q.type === 'scale' ? result('parents', q.key) : null,
    team: q.type === 'scale' ? result('team', q.key) : null,
  }))
}

/** The words written, per question and side, for sides of five respondents or more. */
export async function loadTexts(
  db: Db,
  surveyId: string,
  progress: Progress,
): Promise<{ side: SurveySide; question: string; answers: string[] }[]> {
  const sides = (['parents', 'team'] as const).filter(
    (s) => ((s === 'parents' ? progress.parents : progress.team)?.answered ?? 0) >= MIN_GROUP,
  )
  if (!sides.length) return []
  const rows = await db
    .selectFrom('survey_answers')
    .select(['side', 'question', 'answer'])
    .where('survey_id', '=', surveyId)
    .where('answer', 'is not', null)
    .where('side', 'in', sides)
    .orderBy('side')
    .orderBy('question')
    .orderBy('answer')
    .execute()
  const out: { side: SurveySide; question: string; answers: string[] }[] = []
  for (const r of rows) {
    const last = out.at(-1)
    if (last && last.side === r.side && last.question === r.question)
      last.answers.push(r.answer ?? '')
    else out.push({ side: r.side, question: r.question, answers: [r.answer ?? ''] })
  }
  return out
}
