// What a teacher (or a coordinator) reads when they signal a parent or invite one to be a
// buddy: the parents they may reach, with the facts the policy decides on (the person's roles
// in the school, the teachers of their children's classes), and their own signals.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { Role } from '../../../core/db/schema.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import { holds } from '../../../core/principal.ts'
import { can } from '../../../policies.ts'
import { COORDINATORS, type ReachFacts } from '../policy.ts'
import { PARENT_MATCHES } from '../schema.ts'

/** The person's roles in the school, for the person of row `p`. */
const rolesOf = (schoolId: string) =>
  sql<
    Role[]
  >`array(select m2.role from memberships m2 where m2.school_id = ${schoolId} and m2.person_id = p.id order by m2.role)`
/** The teachers of the classes of the children of row `p`. */
const teachersOf = (schoolId: string) =>
  sql<string[]>`array(select distinct gt.person_id::text from guardianships gu
    join children ch on ch.id = gu.child_id
    join group_teachers gt on gt.group_id = ch.group_id
    where gu.school_id = ${schoolId} and gu.person_id = p.id)`

/** The facts on which signalling, inviting or referring this person is decided. */
export async function reachFacts(db: Db, schoolId: string, personId: string): Promise<ReachFacts> {
  const row = await db
    .selectFrom('people as p')
    .select([rolesOf(schoolId).as('roles'), teachersOf(schoolId).as('teacherIds')])
    .where('p.id', '=', personId)
    .executeTakeFirst()
  return {
    schoolId,
    parentId: personId,
    personRoles: row?.roles ?? [],
    teacherIds: row?.teacherIds ?? [],
  }
}

export interface ReachableParent {
  id: string
  name: string
}

/**
 * The parents the viewer may reach (signal, invite as a buddy, refer). A teacher: the parents
 * of their own groups, a short list. A coordinator (IB, director): any parent of the school,
 * but found by name (at least two letters) instead of listed, since a school has hundreds and
 * a page need not carry all their names.
 */
export async function reachableParents(
  db: Db,
  v: Viewer,
  search: string | null,
): Promise<ReachableParent[]> {
  const { schoolId, personId } = v.p
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select([
      'p.id',
      'p.name',
      rolesOf(schoolId).as('roles'),
      teachersOf(schoolId).as('teacherIds'),
    ])
    .where('m.school_id', '=', schoolId)
    .where('m.role', '=', 'parent')
  if (search !== null) {
    const name = search.trim()
    if (name.length < 2) return []
    // The name is matched as typed: % and _ are letters here, not wildcards.
    q = q.where('p.name', 'ilike', `%${name.replace(/[\\%_]/g, '\\$&')}%`)
  } else {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('guardianships as gu')
          .innerJoin('children as ch', 'ch.id', 'gu.child_id')
          .innerJoin('group_teachers as gt', 'gt.group_id', 'ch.group_id')
          .select('gu.person_id')
          .whereRef('gu.person_id', '=', 'p.id')
          .where('gt.person_id', '=', personId),
      ),
    )
  }
  const rows = await q
    .orderBy('p.name')
    .limit(search !== null ? PARENT_MATCHES : 500)
    .execute()
  return rows
    .filter((r) =>
      can(
        v.p,
        'buddies.seeName',
        { on: 'reach', schoolId, parentId: r.id, personRoles: r.roles, teacherIds: r.teacherIds },
        v.env,
      ),
    )
    .map((r) => ({ id: r.id, name: r.name }))
}

/** What a teacher learns of their signals: the theme and that it arrived. No outcome, no name. */
export async function signalsBy(db: Db, schoolId: string, actorId: string) {
  return db
    .selectFrom('buddy_requests')
    .select(['id', 'theme', 'created_at'])
    .where('school_id', '=', schoolId)
    .where('signalled_by', '=', actorId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute()
}

export interface TeacherView {
  /** A coordinator searches by name; a teacher has the list of their own groups. */
  searches: boolean
  search: string
  parents: ReachableParent[]
  signals: { id: string; theme: string }[]
}

export async function loadTeacherView(db: Db, v: Viewer, search: string): Promise<TeacherView> {
  const searches = holds(v.p, ...COORDINATORS)
  const [parents, signals] = await Promise.all([
    reachableParents(db, v, searches ? search : null),
    signalsBy(db, v.p.schoolId, v.p.personId),
  ])
  return { searches, search, parents, signals }
}
