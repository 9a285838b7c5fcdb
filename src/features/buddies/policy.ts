// Who may do what with ouderbuddy's. Parents offer and ask for themselves; a teacher signals
// only parents of the classes they teach and learns only that the signal arrived; the
// coordinators (IB, director) see requests, candidates and the registry of their own school;
// only the two people of a link answer for it.
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

export const COORDINATORS = ['ib', 'director'] as const

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
  'buddies.coordinate': (p, r: SchoolRecord | undefined) =>
    hasRole(p, ...COORDINATORS) && (r === undefined || r.schoolId === p.schoolId),
  'buddies.registry': (p) => hasRole(p, ...COORDINATORS),
})
