// Who may do what with ouderbuddy's. Parents offer and ask for themselves; a teacher signals
// only parents of the classes they teach and learns only that the signal arrived; the
// coordinators (IB, director) see requests, candidates and the registry of their own school;
// a staff member the director named for a theme ('nieuw', 'taal') coordinates that theme only;
// only the two people of a link answer for it.
import type { Role } from '../../core/db/schema.ts'
import { definePolicy } from '../../core/policy.ts'
import { hasRole, holds } from '../../core/principal.ts'

export interface LinkResource {
  schoolId: string
  parentId: string
  buddyId: string
}

export interface SignalResource {
  schoolId: string
  /** The parent has a child in a class the actor teaches (or the actor coordinates). */
  reachable: boolean
}

export interface SchoolRecord {
  schoolId: string
}

/** A referral: a parent of this school to a programme of this school. */
export interface ReferralResource {
  schoolId: string
  parentOfSchool: boolean
}

/** A parent's own request. */
export interface RequestResource {
  schoolId: string
  personId: string
}

/** A request (or a theme) to coordinate, with the person the school named for its theme. */
export interface CoordinationResource {
  schoolId: string
  theme: string
  /** The staff member named for this theme; null: the IB (the default). */
  namedCoordinatorId: string | null
}

/** A staff member a director would name as a theme's coordinator; null roles: back to the IB. */
export interface CoordinatorChoice {
  schoolId: string
  personRoles: readonly Role[] | null
}

export const COORDINATORS = ['ib', 'director'] as const
/** Roles a director may name as coordinator of 'nieuw' or 'taal'. */
export const NAMEABLE_ROLES: readonly Role[] = ['director', 'ib', 'teacher']

export const buddiesPolicy = definePolicy({
  'buddies.view': (p) => hasRole(p, 'parent', 'teacher', 'ib', 'director'),
  'buddies.offer': (p) => hasRole(p, 'parent'),
  'buddies.ask': (p) => hasRole(p, 'parent'),
  'buddies.answer': (p, l: LinkResource | undefined) =>
    hasRole(p, 'parent') &&
    (l === undefined ||
      (l.schoolId === p.schoolId && (l.parentId === p.personId || l.buddyId === p.personId))),
  'buddies.checkin': (p, l: LinkResource | undefined) =>
    hasRole(p, 'parent') &&
    (l === undefined || (l.schoolId === p.schoolId && l.parentId === p.personId)),
  'buddies.contact': (p) => hasRole(p, 'parent'),
  'buddies.decline': (p, r: RequestResource | undefined) =>
    hasRole(p, 'parent') &&
    (r === undefined || (r.schoolId === p.schoolId && r.personId === p.personId)),
  'buddies.close': (p, l: LinkResource | undefined) =>
    hasRole(p, 'parent', ...COORDINATORS) &&
    (l === undefined ||
      (l.schoolId === p.schoolId &&
        (l.parentId === p.personId || l.buddyId === p.personId || holds(p, ...COORDINATORS)))),
  'buddies.signal': (p, s: SignalResource | undefined) =>
    hasRole(p, 'teacher', ...COORDINATORS) &&
    (s === undefined || (s.schoolId === p.schoolId && s.reachable)),
  'buddies.recruit': (p, s: SignalResource | undefined) =>
    hasRole(p, 'teacher', ...COORDINATORS) &&
    (s === undefined || (s.schoolId === p.schoolId && s.reachable)),
  // The IB and director coordinate every theme; a teacher only the themes named to them.
  'buddies.coordinate': (p, r: CoordinationResource | undefined) =>
    hasRole(p, 'teacher', ...COORDINATORS) &&
    (r === undefined ||
      (r.schoolId === p.schoolId &&
        (holds(p, ...COORDINATORS) || r.namedCoordinatorId === p.personId))),
  'buddies.registry': (p) => hasRole(p, ...COORDINATORS),
  'buddies.manage': (p, r: SchoolRecord | undefined) =>
    hasRole(p, ...COORDINATORS) && (r === undefined || r.schoolId === p.schoolId),
  'buddies.refer': (p, r: ReferralResource | undefined) =>
    hasRole(p, ...COORDINATORS) &&
    (r === undefined || (r.schoolId === p.schoolId && r.parentOfSchool)),
  'buddies.consent': (p) => hasRole(p, 'parent'),
  'buddies.settings': (p, r: SchoolRecord | undefined) =>
    hasRole(p, 'director') && (r === undefined || r.schoolId === p.schoolId),
  'buddies.coordinators': (p, r: CoordinatorChoice | undefined) =>
    hasRole(p, 'director') &&
    (r === undefined ||
      (r.schoolId === p.schoolId &&
        (r.personRoles === null || r.personRoles.some((x) => NAMEABLE_ROLES.includes(x))))),
})
