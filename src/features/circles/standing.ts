// Who still counts in a circle, named once: a facilitator while in the host's register (and,
// for a school's circle, still of that school), a place while its child's parent is still the
// guardian, a place "in play" while asked, waiting or confirmed. Access lapses by itself.
import { sql } from 'kysely'
import type { MemberStatus } from '../../core/db/schema.ts'

/** Who hosts: one school, or the municipality (for a bovenschoolse kring). */
export type Host = { schoolId: string } | { municipalityId: string }

/** The host of a loaded circle. */
export const hostOfCircle = (c: {
  schoolId: string | null
  municipalityId: string | null
}): Host => (c.schoolId ? { schoolId: c.schoolId } : { municipalityId: c.municipalityId as string })

/** A place still in play: asked, on the waiting list or confirmed (not left or declined). */
export const RUNNING: readonly MemberStatus[] = ['asked', 'waitlist', 'confirmed']

/**
 * A facilitator still counts only while in the host's register and, for a school's circle,
 * still of that school: leaving the school ends the access, without anyone tidying up.
 */
export const activeFacilitator = (f: string, c: string) => sql<boolean>`(
  exists (select 1 from facilitators r where r.person_id = ${sql.ref(`${f}.person_id`)}
    and (r.school_id = ${sql.ref(`${c}.school_id`)}
      or r.municipality_id = ${sql.ref(`${c}.municipality_id`)}))
  and (${sql.ref(`${c}.school_id`)} is null or exists (select 1 from memberships ms
    where ms.person_id = ${sql.ref(`${f}.person_id`)} and ms.school_id = ${sql.ref(`${c}.school_id`)})))`

/** A place still counts: an adult's own, or a child's held by a current guardian. */
export const activePlace = (
  cm: string,
) => sql<boolean>`(${sql.ref(`${cm}.child_id`)} is null or exists (
  select 1 from guardianships g where g.child_id = ${sql.ref(`${cm}.child_id`)}
    and g.person_id = ${sql.ref(`${cm}.person_id`)}))`

/** The register rows (facilitators) of a host. */
export const hostWhere =
  (host: Host) =>
  // biome-ignore lint/suspicious/noExplicitAny: shared by queries over two aliases
  (eb: any) =>
    'schoolId' in host
      ? eb('school_id', '=', host.schoolId)
      : eb('municipality_id', '=', host.municipalityId)

/** The person facilitates the circle `c` (and still counts as its facilitator). */
export const facilitates = (personId: string, c = 'c') => sql<boolean>`exists (
  select 1 from circle_facilitators f where f.circle_id = ${sql.ref(`${c}.id`)}
    and f.person_id = ${personId} and ${activeFacilitator('f', c)})`

/** The person holds a confirmed place (their own or a child's) that still counts in `c`. */
export const holdsPlace = (personId: string, c = 'c') => sql<boolean>`exists (
  select 1 from circle_members cm where cm.circle_id = ${sql.ref(`${c}.id`)}
    and cm.person_id = ${personId} and cm.status = 'confirmed' and ${activePlace('cm')})`
