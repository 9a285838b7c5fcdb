// Classes and who is in them: the list of groups, one group with its teachers (for the
// policy), and a class's children with their parents' names and addresses (for its teachers,
// the director and the admin; the route's policy decides who gets here).
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { NotFound } from '../../../core/errors.ts'
import type { GroupResource } from '../policy.ts'

export interface GroupRow {
  id: string
  name: string
  grade: number
}

export async function listGroups(
  db: Db,
  schoolId: string,
  teacherId?: string,
): Promise<GroupRow[]> {
  let q = db
    .selectFrom('groups as g')
    .select(['g.id', 'g.name', 'g.grade'])
    .where('g.school_id', '=', schoolId)
  if (teacherId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_teachers as gt')
          .select('gt.person_id')
          .whereRef('gt.group_id', '=', 'g.id')
          .where('gt.person_id', '=', teacherId),
      ),
    )
  }
  return q.orderBy('g.grade').orderBy('g.name').execute()
}

/** A group of this school with its teachers, or NotFound: another school's id finds nothing. */
export async function loadGroup(
  db: Db,
  schoolId: string,
  groupId: string,
): Promise<GroupRow & GroupResource> {
  if (!/^[0-9a-f-]{36}$/i.test(groupId)) throw new NotFound()
  const g = await db
    .selectFrom('groups as g')
    .select([
      'g.id',
      'g.name',
      'g.grade',
      'g.school_id as schoolId',
      sql<
        string[]
      >`coalesce((select array_agg(gt.person_id) from group_teachers gt where gt.group_id = g.id), '{}')`.as(
        'teacherIds',
      ),
    ])
    .where('g.school_id', '=', schoolId)
    .where('g.id', '=', groupId)
    .executeTakeFirst()
  if (!g) throw new NotFound()
  return g
}

export interface RosterChild {
  id: string
  firstName: string
  parents: { name: string; email: string }[]
}

export async function groupRoster(
  db: Db,
  schoolId: string,
  groupId: string,
): Promise<RosterChild[]> {
  const rows = await db
    .selectFrom('children as ch')
    .leftJoin('guardianships as gu', 'gu.child_id', 'ch.id')
    .leftJoin('people as p', 'p.id', 'gu.person_id')
    .select(['ch.id', 'ch.first_name', 'p.name', 'p.email'])
    .where('ch.school_id', '=', schoolId)
    .where('ch.group_id', '=', groupId)
    .orderBy('ch.first_name')
    .orderBy('p.name')
    .execute()
  const byChild = new Map<string, RosterChild>()
  for (const r of rows) {
    let child = byChild.get(r.id)
    if (!child) {
      child = { id: r.id, firstName: r.first_name, parents: [] }
      byChild.set(r.id, child)
    }
    if (r.name && r.email) child.parents.push({ name: r.name, email: r.email })
  }
  return [...byChild.values()]
}
