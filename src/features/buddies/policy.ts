// Who may do what with ouderbuddy's, and who may see whose name or contact. Parents offer and
// ask for themselves; a teacher signals only parents of the classes they teach and learns only
// that the signal arrived; the coordinators (IB, director) see requests, candidates and the
// registry of their own school; a staff member the director named for a theme ('nieuw',
// 'taal') coordinates that theme only; only the two people of a link answer for it, and they
// see each other's name and contact only once both said yes.
import type { Role } from '../../core/db/schema.ts'
import { definePolicy } from '../../core/policy.ts'
import { hasRole, holds, type Principal } from '../../core/principal.ts'

export interface LinkResource {
  schoolId: string
  parentId: string
  buddyId: string
}

/** A link as disclosure sees it: its two sides and whether each said yes. */
export interface LinkFacts extends LinkResource {
  parentConsent: boolean
  buddyConsent: boolean
}

/** A buddy's offer as parents who ask see it: listed by name only if the buddy allowed it. */
export interface ListingFacts {
  schoolId: string
  buddyId: string
  showName: boolean
}

/** A parent someone would signal, invite as a buddy or find by name. */
export interface ReachFacts {
  schoolId: string
  parentId: string
  /** The person's roles in this school (none: not of this school). */
  personRoles: readonly Role[]
  /** The teachers of the classes of this parent's children. */
  teacherIds: readonly string[]
}

export interface SchoolRecord {
  schoolId: string
}

/** A referral: a person of this school, with their roles there, to a programme of the school. */
export interface ReferralResource {
  schoolId: string
  parentId: string
  personRoles: readonly Role[]
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

/** Where a person's name would be shown, with the facts that decide whether it may be. */
export type NameFacts =
  /** The other side of a link. */
  | ({ on: 'link' } & LinkFacts)
  /** A buddy listed to parents who look for one. */
  | ({ on: 'listing' } & ListingFacts)
  /** A parent who asks, or a candidate buddy, in a coordinator's work on a theme. */
  | ({ on: 'coordination' } & CoordinationResource)
  /** A parent in a list of those the viewer may signal or refer. */
  | ({ on: 'reach' } & ReachFacts)
  /** The school's overview: the registry, the referrals made, the staff to name. */
  | ({ on: 'school' } & SchoolRecord)

export const COORDINATORS = ['ib', 'director'] as const
/** Roles a director may name as coordinator of 'nieuw' or 'taal'. */
export const NAMEABLE_ROLES: readonly Role[] = ['director', 'ib', 'teacher']

/**
 * The two sides of a link see each other once both said yes, and nobody else does through
 * it. Exported for the introduction mail, whose reader is a recipient rather than a principal.
 */
export const linkDiscloses = (viewerId: string, l: LinkFacts): boolean =>
  l.parentConsent && l.buddyConsent && (l.parentId === viewerId || l.buddyId === viewerId)

const coordinates = (p: Principal, r: CoordinationResource) =>
  r.schoolId === p.schoolId && (holds(p, ...COORDINATORS) || r.namedCoordinatorId === p.personId)

/** A teacher reaches the parents of their own classes; a coordinator every parent of the school. */
const reaches = (p: Principal, r: ReachFacts) =>
  r.schoolId === p.schoolId &&
  r.personRoles.includes('parent') &&
  (holds(p, ...COORDINATORS) || r.teacherIds.includes(p.personId))

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
  'buddies.signal': (p, r: ReachFacts | undefined) =>
    hasRole(p, 'teacher', ...COORDINATORS) && (r === undefined || reaches(p, r)),
  'buddies.recruit': (p, r: ReachFacts | undefined) =>
    hasRole(p, 'teacher', ...COORDINATORS) && (r === undefined || reaches(p, r)),
  // The IB and director coordinate every theme; a teacher only the themes named to them.
  'buddies.coordinate': (p, r: CoordinationResource | undefined) =>
    hasRole(p, 'teacher', ...COORDINATORS) && (r === undefined || coordinates(p, r)),
  'buddies.registry': (p, r: SchoolRecord | undefined) =>
    hasRole(p, ...COORDINATORS) && (r === undefined || r.schoolId === p.schoolId),
  'buddies.manage': (p, r: SchoolRecord | undefined) =>
    hasRole(p, ...COORDINATORS) && (r === undefined || r.schoolId === p.schoolId),
  'buddies.refer': (p, r: ReferralResource | undefined) =>
    hasRole(p, ...COORDINATORS) &&
    (r === undefined || (r.schoolId === p.schoolId && r.personRoles.includes('parent'))),
  'buddies.settings': (p, r: SchoolRecord | undefined) =>
    hasRole(p, 'director') && (r === undefined || r.schoolId === p.schoolId),
  'buddies.coordinators': (p, r: CoordinatorChoice | undefined) =>
    hasRole(p, 'director') &&
    (r === undefined ||
      (r.schoolId === p.schoolId &&
        (r.personRoles === null || r.personRoles.some((x) => NAMEABLE_ROLES.includes(x))))),

  // Disclosure: asked by the read modules for every row they hand out, never at a route.
  /** Whose name the viewer may read, on which record. */
  'buddies.seeName': (p, r: NameFacts | undefined) => {
    if (!p || p.schoolId === null || r === undefined || r.schoolId !== p.schoolId) return false
    switch (r.on) {
      case 'link':
        return linkDiscloses(p.personId, r)
      // Any parent of the school who looks for a buddy, when the buddy said their name may show.
      case 'listing':
        return r.showName && hasRole(p, 'parent')
      case 'coordination':
        return hasRole(p, 'teacher', ...COORDINATORS) && coordinates(p, r)
      case 'reach':
        return hasRole(p, 'teacher', ...COORDINATORS) && reaches(p, r)
      case 'school':
        return hasRole(p, ...COORDINATORS)
    }
  },
  /** The other side's chosen contact (e-mail, phone): only the two sides, after both said yes. */
  'buddies.seeContact': (p, l: LinkFacts | undefined) =>
    hasRole(p, 'parent') &&
    l !== undefined &&
    l.schoolId === p.schoolId &&
    linkDiscloses(p.personId, l),
})
