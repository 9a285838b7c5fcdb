// One bevraging as the asking person may see it: its plan, their own relation to it (asked, on
// which side, answered), and the policy's record. A bevraging of another school is not found.
import type { Db } from '../../../core/db/index.ts'
import type { SurveyAsker, SurveyKind, SurveySide } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { SurveyRecord } from '../policy.ts'

export interface SurveyDetail {
  id: string
  title: string
  kind: SurveyKind
  asker: SurveyAsker
  purpose: string
  audience: 'school' | 'groups'
  groups: string[]
  askTeam: boolean
  status: 'open' | 'closed'
  createdAt: Date
  closedAt: Date | null
  feedback: { do: string; not: string | null; at: Date } | null
  record: SurveyRecord
}

export async function loadSurvey(
  db: Db,
  p: { schoolId: string; personId: string },
  id: string,
): Promise<SurveyDetail> {
  const s = await db
    .selectFrom('surveys as s')
    .leftJoin('survey_invitees as i', (j) =>
      j.onRef('i.survey_id', '=', 's.id').on('i.person_id', '=', p.personId),
    )
    .select((eb) => [
      's.id',
      's.school_id',
      's.owner_id',
      's.title',
      's.kind',
      's.asker',
      's.purpose',
      's.audience',
      's.ask_team',
      's.status',
      's.created_at',
      's.closed_at',
      's.feedback_do',
      's.feedback_not',
      's.feedback_at',
      'i.side',
      'i.answered',
      eb
        .selectFrom('survey_groups as sg')
        .innerJoin('groups as g', 'g.id', 'sg.group_id')
        .select((e) => e.fn.agg<string[]>('array_agg', ['g.name']).as('names'))
        .whereRef('sg.survey_id', '=', 's.id')
        .as('groups'),
    ])
    .where('s.id', '=', id)
    .where('s.school_id', '=', p.schoolId)
    .executeTakeFirst()
  if (!s) throw new NotFound()
  const feedback =
    s.feedback_at && s.feedback_do
      ? { do: s.feedback_do, not: s.feedback_not, at: s.feedback_at }
      : null
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    asker: s.asker,
    purpose: s.purpose,
    audience: s.audience,
    groups: (s.groups ?? []).sort(),
    askTeam: s.ask_team,
    status: s.status,
    createdAt: s.created_at,
    closedAt: s.closed_at,
    feedback,
    record: {
      schoolId: s.school_id,
      ownerId: s.owner_id,
      status: s.status,
      feedbackSent: feedback !== null,
      side: (s.side ?? null) as SurveySide | null,
      answered: s.answered ?? false,
    },
  }
}
