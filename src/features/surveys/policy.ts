// Who may do what with a bevraging. The director, the IB and the brugfiguur plan one (the seed's
// "wie bevraagt?" asks who stands close to parents and is trusted; the class teacher is asked
// alongside, as one of the team). A person asked may answer once while it is open. The school's
// staff see the results once it is closed, as numbers of groups of five or more only; the
// words parents wrote only its owner reads, never with a name (no answer has one). The owner or
// the director closes it and writes what the school will do, which goes to every respondent.
import type { SurveySide } from '../../core/db/schema.ts'
import { definePolicy } from '../../core/policy.ts'
import { hasRole, holds, type Principal } from '../../core/principal.ts'

export const PLANNERS = ['director', 'ib', 'brugfiguur'] as const
const STAFF = ['teacher', 'director', 'ib', 'brugfiguur'] as const

export interface SurveyRecord {
  schoolId: string
  ownerId: string | null
  status: 'open' | 'closed'
  feedbackSent: boolean
  /** The asking person was asked, on this side; null when not. */
  side: SurveySide | null
  answered: boolean
}

const inSchool = (p: Principal | null, r: { schoolId: string }): p is Principal =>
  p !== null && p.schoolId === r.schoolId
const owns = (p: Principal | null, r: SurveyRecord): p is Principal =>
  inSchool(p, r) && r.ownerId !== null && r.ownerId === p.personId
const runs = (p: Principal | null, r: SurveyRecord): boolean =>
  owns(p, r) || (inSchool(p, r) && holds(p, 'director'))

export const surveysPolicy = definePolicy({
  'surveys.list': (p) => p !== null && p.schoolId !== null,
  'surveys.plan': (p) => hasRole(p, ...PLANNERS),
  'surveys.view': (p, r: SurveyRecord) =>
    inSchool(p, r) && (r.side !== null || owns(p, r) || holds(p, ...STAFF)),
  'surveys.answer': (p, r: SurveyRecord) =>
    inSchool(p, r) && r.side !== null && !r.answered && r.status === 'open',
  /** How many answered, per side (never who): the owner and the school's staff. */
  'surveys.seeProgress': (p, r: SurveyRecord) =>
    inSchool(p, r) && (owns(p, r) || holds(p, ...STAFF)),
  /** The numbers, once closed (answers given later could otherwise be told apart). */
  'surveys.seeResults': (p, r: SurveyRecord) =>
    inSchool(p, r) && r.status === 'closed' && (owns(p, r) || holds(p, ...STAFF)),
  /** What parents wrote in their own words: the owner only, never with a name. */
  'surveys.seeTexts': (p, r: SurveyRecord) => owns(p, r) && r.status === 'closed',
  'surveys.close': (p, r: SurveyRecord) => runs(p, r) && r.status === 'open',
  'surveys.feedback': (p, r: SurveyRecord) =>
    runs(p, r) && r.status === 'closed' && !r.feedbackSent,
})
