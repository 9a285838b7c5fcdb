// What waits for a teacher in their classes, for the home page: each group they teach with
// its children and parents in Kringwerk, and the children whose parents are not invited yet
// (what /groups/:id lists as "nog geen ouder in Kringwerk"). Counts only.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'

export interface GroupSummary {
  id: string
  name: string
  children: number
  parents: number
  /** Children of the group without any parent in Kringwerk: their parents wait for an invite. */
  withoutParent: number
}

export async function groupsTaughtBy(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<GroupSummary[]> {
  const rows = await db
    .selectFrom('group_teachers as gt')
    .innerJoin('groups as g', 'g.id', 'gt.group_id')
    .select((eb) => [
      'g.id',
      'g.name',
      eb
        .selectFrom('children as ch')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('ch.group_id', '=', 'g.id')
        .as('children'),
      eb
        .selectFrom('guardianships as gu')
        .innerJoin('children as ch', 'ch.id', 'gu.child_id')
        .select(sql<number>`count(distinct gu.person_id)`.as('n'))
        .whereRef('ch.group_id', '=', 'g.id')
        .as('parents'),
      eb
        .selectFrom('children as ch')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('ch.group_id', '=', 'g.id')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('guardianships as gu')
                .select('gu.child_id')
                .whereRef('gu.child_id', '=', 'ch.id'),
            ),
          ),
        )
        .as('withoutParent'),
    ])
    .where('gt.school_id', '=', schoolId)
    .where('gt.person_id', '=', personId)
    .orderBy('g.grade')
    .orderBy('g.name')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    children: Number(r.children ?? 0),
    parents: Number(r.parents ?? 0),
    withoutParent: Number(r.withoutParent ?? 0),
  }))
}
