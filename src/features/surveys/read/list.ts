// /surveys: the bevragingen a person was asked to answer (open ones first), with what the school
// did with them; for staff every bevraging of the school with how many answered, per side.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { SurveyKind } from '../../../core/db/schema.ts'

export interface AskedItem {
  id: string
  title: string
  status: 'open' | 'closed'
  answered: boolean
  feedback: boolean
}

export async function loadAsked(db: Db, schoolId: string, personId: string): Promise<AskedItem[]> {
  const rows = await db
    .selectFrom('survey_invitees as i')
    .innerJoin('surveys as s', 's.id', 'i.survey_id')
    .select(['s.id', 's.title', 's.status', 'i.answered', 's.feedback_at', 's.created_at'])
    .where('i.person_id', '=', personId)
    .where('i.school_id', '=', schoolId)
    .orderBy('s.created_at', 'desc')
    .limit(30)
    .execute()
  return rows
    .map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      answered: r.answered,
      feedback: r.feedback_at !== null,
    }))
    .sort(
      (a, b) =>
        Number(a.answered || a.status === 'closed') - Number(b.answered || b.status === 'closed'),
    )
}

export interface SchoolSurvey {
  id: string
  title: string
  kind: SurveyKind
  status: 'open' | 'closed'
  feedback: boolean
  createdAt: Date
  parents: { asked: number; answered: number }
  team: { asked: number; answered: number } | null
}

export async function loadSchoolSurveys(db: Db, schoolId: string): Promise<SchoolSurvey[]> {
  const rows = await db
    .selectFrom('surveys as s')
    .select([
      's.id',
      's.title',
      's.kind',
      's.status',
      's.feedback_at',
      's.created_at',
      's.ask_team',
      sql<number>`(select count(*)::int from survey_invitees i where i.survey_id = s.id and i.side = 'parents')`.as(
        'pa',
      ),
      sql<number>`(select count(*)::int from survey_invitees i where i.survey_id = s.id and i.side = 'parents' and i.answered)`.as(
        'pd',
      ),
      sql<number>`(select count(*)::int from survey_invitees i where i.survey_id = s.id and i.side = 'team')`.as(
        'ta',
      ),
      sql<number>`(select count(*)::int from survey_invitees i where i.survey_id = s.id and i.side = 'team' and i.answered)`.as(
        'td',
      ),
    ])
    .where('s.school_id', '=', schoolId)
    .orderBy('s.created_at', 'desc')
    .limit(50)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    status: r.status,
    feedback: r.feedback_at !== null,
    createdAt: r.created_at,
    parents: { asked: r.pa, answered: r.pd },
    team: r.ask_team ? { asked: r.ta, answered: r.td } : null,
  }))
}
