// Opening a bevraging: the plan, and who is asked (the parents of the school or of some groups,
// each once; the team alongside when asked), in one transaction. The parents are chosen in the
// database by the messages' audience (one definition of "the families of these groups").
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { audienceFrom } from '../../messages/index.ts'
import { surveyAudit } from '../audit.ts'
import { teamAsked } from '../questions.ts'
import type { PlanInput } from '../schema.ts'

const TEAM_ROLES = ['teacher', 'director', 'ib', 'brugfiguur']

export async function openSurvey(
  db: Db,
  schoolId: string,
  ownerId: string,
  input: PlanInput,
): Promise<{ id: string; parents: number; team: number }> {
  return transact(db, async (trx) => {
    const askTeam = input.team && teamAsked(input.kind)
    const { id } = await trx
      .insertInto('surveys')
      .values({
        school_id: schoolId,
        owner_id: ownerId,
        title: input.title,
        kind: input.kind,
        asker: input.asker,
        purpose: input.purpose,
        audience: input.audience,
        ask_team: askTeam,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const groupIds = input.audience === 'groups' ? input.groups : []
    if (groupIds.length)
      await trx
        .insertInto('survey_groups')
        .values(groupIds.map((group_id) => ({ survey_id: id, group_id })))
        .execute()
    // The team first: a teacher who is also a parent of the school answers as one of the team.
    let team = 0
    if (askTeam) {
      const r = await sql<{ n: number }>`
        with added as (
          insert into survey_invitees (survey_id, person_id, school_id, side)
          select distinct ${id}::uuid, m.person_id, ${schoolId}::uuid, 'team'
          from memberships m
          where m.school_id = ${schoolId} and m.role in (${sql.join(TEAM_ROLES)})
          on conflict do nothing
          returning 1
        ) select count(*)::int as n from added`.execute(trx)
      team = r.rows[0]?.n ?? 0
    }
    const r = await sql<{ n: number }>`
      with added as (
        insert into survey_invitees (survey_id, person_id, school_id, side)
        select distinct ${id}::uuid, g.person_id, ${schoolId}::uuid, 'parents'
        ${audienceFrom({ schoolId, audience: input.audience, groupIds, childIds: [] })}
        on conflict do nothing
        returning 1
      ) select count(*)::int as n from added`.execute(trx)
    const parents = r.rows[0]?.n ?? 0
    await surveyAudit.record(trx, {
      schoolId,
      actorId: ownerId,
      action: 'survey.open',
      subjectId: id,
      detail: { kind: input.kind, asker: input.asker, parents, team },
    })
    return { id, parents, team }
  })
}
