// Who may see and change the people of a school. The director and admin manage staff and
// roles; a teacher invites the parents of the groups they teach; the IB may look at groups.
// Every record rule also checks the record's school against the principal's.
import type { Role } from '../../core/db/schema.ts'
import { definePolicy } from '../../core/policy.ts'
import { hasRole, holds } from '../../core/principal.ts'

export interface GroupResource {
  schoolId: string
  teacherIds: readonly string[]
}

export interface MemberResource {
  schoolId: string
  personId: string
}

export interface RoleChange extends MemberResource {
  role: Role
}

/** Roles a director may hand out; an admin may also make admins and municipal users. */
export const DIRECTOR_GRANTS: readonly Role[] = [
  'teacher',
  'ib',
  'director',
  'brugfiguur',
  'facilitator',
  'partner',
]
export const ADMIN_GRANTS: readonly Role[] = [...DIRECTOR_GRANTS, 'municipal', 'admin']

export const grantableRoles = (roles: readonly Role[]): readonly Role[] =>
  roles.includes('admin') ? ADMIN_GRANTS : roles.includes('director') ? DIRECTOR_GRANTS : []

const SEE_ALL_GROUPS = ['director', 'admin', 'ib'] as const

export const peoplePolicy = definePolicy({
  'people.manage': (p, m: MemberResource | undefined) =>
    hasRole(p, 'director', 'admin') && (m === undefined || m.schoolId === p.schoolId),
  'roles.change': (p, r: RoleChange | undefined) =>
    hasRole(p, 'director', 'admin') &&
    (r === undefined ||
      (r.schoolId === p.schoolId &&
        grantableRoles(p.roles).includes(r.role) &&
        r.personId !== p.personId)),
  'groups.list': (p) => hasRole(p, 'teacher', 'director', 'admin', 'ib'),
  /** Every class of the school, not only one's own: the director, admin and IB. */
  'groups.seeAll': (p) => hasRole(p, ...SEE_ALL_GROUPS),
  'groups.view': (p, g: GroupResource | undefined) =>
    hasRole(p, 'teacher', ...SEE_ALL_GROUPS) &&
    (g === undefined ||
      (g.schoolId === p.schoolId &&
        (holds(p, ...SEE_ALL_GROUPS) || g.teacherIds.includes(p.personId)))),
  'groups.manage': (p, g: GroupResource | undefined) =>
    hasRole(p, 'director', 'admin') && (g === undefined || g.schoolId === p.schoolId),
  'parents.invite': (p, g: GroupResource | undefined) =>
    hasRole(p, 'teacher', 'director', 'admin') &&
    (g === undefined ||
      (g.schoolId === p.schoolId &&
        (holds(p, 'director', 'admin') || g.teacherIds.includes(p.personId)))),
})
