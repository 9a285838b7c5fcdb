// What a bevraging asks, by kind. The topics for new parents are the seed's own list (seed 003,
// L833–843), each a five-step scale ("how was it for you?"); the team is asked the same topics
// as "how do you think parents find this?", so both can be laid side by side (L737–745). After an
// activity: the standard questions of GO! Brussel (L1465–1475) and the everyday "any questions
// or worries?" (L1452), open questions only. The words are in the catalogs
// (survey.q.<kind>.<key>), so each parent reads them in their own language.
import type { SurveyKind, SurveySide } from '../../core/db/schema.ts'

export interface Question {
  key: string
  type: 'scale' | 'open'
}

/** The topics for new parents, in the seed's order. */
export const NEW_PARENT_TOPICS = [
  'enrolment',
  'wenmoment',
  'firstDays',
  'contact',
  'information',
  'askQuestions',
  'practical',
  'classInsight',
  'childAtHome',
] as const

export const QUESTIONS: Readonly<Record<SurveyKind, readonly Question[]>> = {
  newParents: [
    ...NEW_PARENT_TOPICS.map((key) => ({ key, type: 'scale' as const })),
    { key: 'better', type: 'open' },
  ],
  afterActivity: [
    { key: 'howArrived', type: 'open' },
    { key: 'welcomeBetter', type: 'open' },
    { key: 'nextTheme', type: 'open' },
    { key: 'bringYourself', type: 'open' },
    { key: 'worries', type: 'open' },
  ],
}

/** Only the topics for new parents are asked of the team too. */
export const teamAsked = (kind: SurveyKind): boolean => kind === 'newParents'

export const questionsFor = (kind: SurveyKind): readonly Question[] => QUESTIONS[kind]

/** The catalog key of a question's words as one side reads it. */
export const questionKey = (kind: SurveyKind, q: Question, side: SurveySide): string =>
  q.type === 'scale' && side === 'team' ? `survey.q.team.${q.key}` : `survey.q.${kind}.${q.key}`

/** The five steps of the scale, from hard to very good. */
export const SCALE = [1, 2, 3, 4, 5] as const

/** A group smaller than this is never shown: not its numbers, not its words. */
export const MIN_GROUP = 5
