// The school in figures, for the director's and admin's home page (counts only).
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'

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
