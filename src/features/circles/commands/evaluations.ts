// The anonymous evaluation: who may answer is fixed when it opens, an answer only adds to the
// running sums per pillar, and whether someone answered is kept apart from what they said.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError, NotFound } from '../../../core/errors.ts'
import { PILLARS } from '../kinds.ts'
import { activePlace } from '../standing.ts'

/**
 * Opens an evaluation. Who may answer is fixed now: each person holding a confirmed place
 * (once, however many children they signed up), never the people who run the circle, so
 * nobody can add answers of their own to learn someone else's.
 */
export async function openEvaluation(db: Db, circleId: string): Promise<void> {
  await transact(db, async (trx) => {
    await trx.selectFrom('circles').select('id').where('id', '=', circleId).forUpdate().execute()
    const open = await trx
      .selectFrom('circle_evaluations')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('closed_at', 'is', null)
      .executeTakeFirst()
    if (open) throw new DomainError(409, 'circles.evaluationOpen')
    const { id } = await trx
      .insertInto('circle_evaluations')
      .values({ circle_id: circleId })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('circle_evaluation_voters')
      .columns(['evaluation_id', 'person_id'])
      .expression((eb) =>
        eb
          .selectFrom('circle_members as cm')
          .innerJoin('circles as c', 'c.id', 'cm.circle_id')
          .select([sql<string>`${id}::uuid`.as('evaluation_id'), 'cm.person_id'])
          .distinct()
          .where('cm.circle_id', '=', circleId)
          .where('cm.status', '=', 'confirmed')
          .where(activePlace('cm'))
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('circle_facilitators as f')
                  .whereRef('f.circle_id', '=', 'cm.circle_id')
                  .whereRef('f.person_id', '=', 'cm.person_id'),
              ),
            ),
          )
          .where(sql<boolean>`cm.person_id is distinct from c.convener_id`),
      )
      .execute()
  })
}

export async function closeEvaluation(db: Db, circleId: string, evaluationId: string) {
  const r = await db
    .updateTable('circle_evaluations')
    .set({ closed_at: sql<Date>`now()` })
    .where('id', '=', evaluationId)
    .where('circle_id', '=', circleId)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) === 0) throw new NotFound()
}

/** Adds one answer to the running sums; who answered is kept apart, and never what. */
export async function answerEvaluation(
  db: Db,
  circleId: string,
  evaluationId: string,
  personId: string,
  scores: Record<(typeof PILLARS)[number], number>,
): Promise<void> {
  await transact(db, async (trx) => {
    const open = await trx
      .selectFrom('circle_evaluations')
      .select('id')
      .where('id', '=', evaluationId)
      .where('circle_id', '=', circleId)
      .where('closed_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()
    if (!open) throw new NotFound()
    const voter = await trx
      .selectFrom('circle_evaluation_voters')
      .select('answered')
      .where('evaluation_id', '=', evaluationId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    if (!voter) throw new NotFound()
    if (voter.answered) throw new DomainError(409, 'circles.answered')
    await trx
      .updateTable('circle_evaluation_voters')
      .set({ answered: true })
      .where('evaluation_id', '=', evaluationId)
      .where('person_id', '=', personId)
      .execute()
    const s = PILLARS.map((p) => scores[p])
    await trx
      .updateTable('circle_evaluations')
      .set({
        answers: sql<number>`answers + 1`,
        sums: sql<
          number[]
        >`array[sums[1] + ${s[0]}::int, sums[2] + ${s[1]}::int, sums[3] + ${s[2]}::int,
          sums[4] + ${s[3]}::int, sums[5] + ${s[4]}::int, sums[6] + ${s[5]}::int]`,
      })
      .where('id', '=', evaluationId)
      .execute()
  })
}
