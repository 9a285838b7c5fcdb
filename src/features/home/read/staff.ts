// Figures for staff home pages. Parents' homes need no query: the principal already holds
// their children (see core/session.ts).
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'

export interface GroupSummary {
  id: string
  name: string
  children: number
  parents: number
}

export async function groupsTaughtBy(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<GroupSummary[]> {
  return db
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
    ])
    .where('gt.school_id', '=', schoolId)
    .where('gt.person_id', '=', personId)
    .orderBy('g.grade')
    .orderBy('g.name')
    .execute() as Promise<GroupSummary[]>
}

export interface SchoolFigures {
  groups: number
  children: number
  parents: number
  staff: number
}

export async function schoolFigures(db: Db, schoolId: string): Promise<SchoolFigures> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('groups')
        .select(eb.fn.countAll<number>().as('n'))
        .where('school_id', '=', schoolId)
        .as('groups'),
      eb
        .selectFrom('children')
        .select(eb.fn.countAll<number>().as('n'))
        .where('school_id', '=', schoolId)
        .as('children'),
      eb
        .selectFrom('memberships')
        .select(eb.fn.countAll<number>().as('n'))
        .where('school_id', '=', schoolId)
        .where('role', '=', 'parent')
        .as('parents'),
      eb
        .selectFrom('memberships')
        .select(sql<number>`count(distinct person_id)`.as('n'))
        .where('school_id', '=', schoolId)
        .where('role', '!=', 'parent')
        .as('staff'),
    ])
    .executeTakeFirstOrThrow()
  return {
    groups: Number(row.groups),
    children: Number(row.children),
    parents: Number(row.parents),
    staff: Number(row.staff),
  }
}
