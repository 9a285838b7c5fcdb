// Who may do what with circles. The host (a school's director or IB, or the municipality for
// a bovenschoolse kring) sets circles up and keeps the facilitators register but sees no
// members; a facilitator (or, in an autonomous circle, the participant convener) runs the
// meetings; members take part and see each other by first name, inside their own circle
// only. A teacher is none of these unless they facilitate. Who may take a place is a rule too:
// the door is open to everyone, except where a circle's kind names its audience (the team of
// the school for a leerkrachtkring, the children of the groups a kinderkring names).
import type { CircleAudience, CircleKind, Role } from '../../core/db/schema.ts'
import { definePolicy } from '../../core/policy.ts'
import { hasRole, holds, type Principal } from '../../core/principal.ts'

/** A circle as the policy sees it, with the asking person's relation to it. */
export interface CircleRecord {
  /** Host school; null for a bovenschoolse kring hosted by the municipality. */
  schoolId: string | null
  municipalityId: string | null
  /** The schools whose people the circle is open to (the host school, or the participants). */
  schoolIds: readonly string[]
  facilitator: boolean
  /** The participant convener of an autonomous circle. */
  convener: boolean
  /** Holds a confirmed place (their own, or a child's). */
  member: boolean
  /** Who takes the places: adults for themselves, or children through a parent. */
  audience: CircleAudience
}

/**
 * Who may take a place, as the join rule sees it: what the circle is for, and (for a child's
 * place) the child as the school knows it. The circle's own status (open or closed for
 * sign-ups) is the command's to check: it is the state of the places, not who may have one.
 */
export interface JoinRecord {
  kind: CircleKind
  audience: CircleAudience
  /** The schools whose people the circle is open to (the host school, or the participants). */
  schoolIds: readonly string[]
  /** The grades (groep 1..8) a children's circle names; null: every group. */
  grades: readonly number[] | null
  /** A child's place: the child's school, grade (its class's) and guardians. Absent: one's own. */
  child?: { schoolId: string; grade: number; guardianIds: readonly string[] }
}

export const HOSTS = ['director', 'ib', 'municipal'] as const
/** The team of a school: who a leerkrachtkring is for. */
export const STAFF: readonly Role[] = ['teacher', 'ib', 'director', 'brugfiguur']

/**
 * A place for a child: only by one of the child's guardians, for a child of a school the circle
 * is open to and, when the circle names groups, in one of them.
 */
const childFits = (p: Principal | null, r: JoinRecord): boolean => {
  const child = r.child
  if (p === null || child === undefined) return false
  return (
    child.guardianIds.includes(p.personId) &&
    r.schoolIds.includes(child.schoolId) &&
    (r.grades === null || r.grades.includes(child.grade))
  )
}

/** One's own place: anyone (signed in or not) at the open door; the team only for its kring. */
const selfFits = (p: Principal | null, r: JoinRecord): boolean =>
  r.child === undefined &&
  (r.kind !== 'leerkracht' ||
    (p !== null && p.schoolId !== null && r.schoolIds.includes(p.schoolId) && holds(p, ...STAFF)))

const hosts = (p: Principal, r: CircleRecord): boolean =>
  r.schoolId !== null
    ? r.schoolId === p.schoolId && holds(p, 'director', 'ib')
    : p.schoolId !== null && holds(p, 'municipal') && r.schoolIds.includes(p.schoolId)

const runs = (r: CircleRecord) => r.facilitator || r.convener

export const circlesPolicy = definePolicy({
  'circles.list': (p) => p !== null,
  /** A person's own calendar feed link (features/circles/ics.ts); nobody else's. */
  'circles.feed': (p) => p !== null,
  'circles.view': (p, r: CircleRecord | undefined) =>
    p !== null && (r === undefined || r.member || runs(r) || (hasRole(p, ...HOSTS) && hosts(p, r))),
  'circles.manage': (p, r: CircleRecord | undefined) =>
    hasRole(p, ...HOSTS) && (r === undefined || hosts(p, r)),
  'circles.facilitate': (p, r: CircleRecord | undefined) =>
    p !== null && (r === undefined || runs(r)),
  /** Making an adult circle autonomous (or taking it back) is the facilitator's call. */
  'circles.hand-over': (p, r: CircleRecord | undefined) =>
    p !== null && (r === undefined || r.facilitator),
  'circles.take-part': (p, r: CircleRecord | undefined) =>
    p !== null && (r === undefined || r.member),
  /**
   * Who sees the circle's people by first name: those who run it always; members only of an
   * adult circle. In a children's circle "who is in it" is itself sensitive (decision 0003):
   * a parent sees their own child's place, never the other children. The host sees counts.
   */
  'circles.seeRoster': (p, r: CircleRecord | undefined) =>
    p !== null && r !== undefined && (runs(r) || (r.member && r.audience === 'adult')),
  /**
   * Taking a place (one's own, or a child's): asked with the record for every form the join
   * page shows, every circle the list offers, and every sign-up posted.
   */
  'circles.join': (p, r: JoinRecord | undefined) =>
    r !== undefined && (r.audience === 'child' ? childFits(p, r) : selfFits(p, r)),
  'circles.register': (p) => hasRole(p, ...HOSTS),
  'circles.overview': (p) => hasRole(p, ...HOSTS),
})
