// The school's staff as its director and admin see them: names, addresses and roles; and a
// membership as the policy sees it.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { Role } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { MemberResource } from '../policy.ts'

export async function memberOf(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<MemberResource> {
  const row = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return { schoolId, personId }
}

export interface StaffMember {
  id: string
  name: string
  email: string
  roles: Role[]
}

export async function listStaff(db: Db, schoolId: string): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select([
      'p.id',
      'p.name',
      'p.email',
      sql<Role[]>`array_agg(m.role order by m.role)`.as('roles'),
    ])
    .where('m.school_id', '=', schoolId)
    .where('m.role', '!=', 'parent')
    .groupBy(['p.id', 'p.name', 'p.email'])
    .orderBy('p.name')
    .execute()
  return rows
}

export async function teachersOf(db: Db, schoolId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name'])
    .where('m.school_id', '=', schoolId)
    .where('m.role', '=', 'teacher')
    .orderBy('p.name')
    .execute()
}
