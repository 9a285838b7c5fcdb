// What the school's buddy settings page shows to its coordinators (who coordinates which
// theme, the staff a director may name, the school's own themes, outside programmes and the
// referrals made), and the facts and contact details a referral needs.
import { sql } from 'kysely'
import { consentState } from '../../../core/consent.ts'
import type { Db } from '../../../core/db/index.ts'
import type { Role } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import { can } from '../../../policies.ts'
import { referralScope } from '../consents.ts'
import { NAMEABLE_ROLES, type ReferralResource } from '../policy.ts'
import { type ReachableParent, reachableParents } from './teacher.ts'

export async function buddySettings(db: Db, schoolId: string) {
  const row = await db
    .selectFrom('buddy_settings')
    .select('offer_new_families')
    .where('school_id', '=', schoolId)
    .executeTakeFirst()
  return { offerNewFamilies: row?.offer_new_families ?? false }
}

/** The roles a person holds in this school (none when they are not of this school). */
export async function rolesIn(db: Db, schoolId: string, personId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('role')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .execute()
  return rows.map((r) => r.role)
}

/** The facts a referral is decided on: the person's roles in this school. */
export async function referralFacts(
  db: Db,
  schoolId: string,
  parentId: string,
): Promise<ReferralResource> {
  return { schoolId, parentId, personRoles: await rolesIn(db, schoolId, parentId) }
}

export async function programmes(db: Db, schoolId: string) {
  return db
    .selectFrom('buddy_programmes')
    .select(['id', 'name', 'description', 'contact'])
    .where('school_id', '=', schoolId)
    .orderBy('name')
    .execute()
}

export async function loadProgramme(db: Db, schoolId: string, programmeId: string) {
  const row = await db
    .selectFrom('buddy_programmes')
    .select(['id', 'name', 'contact'])
    .where('school_id', '=', schoolId)
    .where('id', '=', programmeId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return row
}

/** Names programmes for a reader (the consents page). */
export async function programmeNames(db: Db, schoolId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>()
  const rows = await db
    .selectFrom('buddy_programmes')
    .select(['id', 'name'])
    .where('school_id', '=', schoolId)
    .where('id', 'in', [...ids])
    .execute()
  return new Map(rows.map((r) => [r.id, r.name]))
}

/**
 * What the programme is told of a referred parent: name, e-mail and (only when the parent
 * chose to be called) phone, and the school's name. Null unless the parent's consent to share
 * with this programme stands now.
 */
export async function referralContact(
  db: Db,
  schoolId: string,
  parentId: string,
  programmeId: string,
) {
  const scope = referralScope.of(programmeId)
  if ((await consentState(db, { schoolId, personId: parentId, scope })) !== 'given') return null
  const [parent, school] = await Promise.all([
    db
      .selectFrom('people')
      .select(['name', 'email', 'phone', 'contact_channel'])
      .where('id', '=', parentId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirstOrThrow(),
  ])
  return {
    school: school.name,
    name: parent.name,
    email: parent.email,
    phone: parent.contact_channel === 'phone' ? (parent.phone ?? '-') : '-',
  }
}

export interface SettingsView {
  offerNewFamilies: boolean
  /** The person named for 'nieuw' and 'taal' (others are the IB's). */
  named: { theme: string; personId: string; name: string | null }[]
  /** Directors, IBs and teachers of this school: the people a director may name. */
  staff: { id: string; name: string | null; roles: Role[] }[]
  programmes: Awaited<ReturnType<typeof programmes>>
  /** Parents found by the coordinator's search, to refer. */
  parents: ReachableParent[]
  search: string
  referrals: {
    id: string
    parentName: string | null
    name: string
    referred_at: Date
    mailed_at: Date | null
  }[]
}

export async function loadSettingsView(db: Db, v: Viewer, search: string): Promise<SettingsView> {
  const { schoolId } = v.p
  const [settings, named, staff, list, parents, made] = await Promise.all([
    buddySettings(db, schoolId),
    db
      .selectFrom('buddy_theme_coordinators as c')
      .innerJoin('people as p', 'p.id', 'c.person_id')
      .select(['c.theme', 'c.person_id as personId', 'p.name'])
      .where('c.school_id', '=', schoolId)
      .orderBy('c.theme')
      .execute(),
    db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['p.id', 'p.name', sql<Role[]>`array_agg(m.role order by m.role)`.as('roles')])
      .where('m.school_id', '=', schoolId)
      .where('m.role', 'in', NAMEABLE_ROLES)
      .groupBy(['p.id', 'p.name'])
      .orderBy('p.name')
      .execute(),
    programmes(db, schoolId),
    reachableParents(db, v, search),
    db
      .selectFrom('buddy_referrals as r')
      .innerJoin('buddy_programmes as p', (j) =>
        j.onRef('p.id', '=', 'r.programme_id').onRef('p.school_id', '=', 'r.school_id'),
      )
      .innerJoin('people as pe', 'pe.id', 'r.person_id')
      .select(['r.id', 'pe.name as parentName', 'p.name', 'r.referred_at', 'r.mailed_at'])
      .where('r.school_id', '=', schoolId)
      .orderBy('r.referred_at', 'desc')
      .limit(50)
      .execute(),
  ])
  // The school's coordinators read these names; the policy says so, once for the page.
  const seen = can(v.p, 'buddies.seeName', { on: 'school', schoolId }, v.env)
  const shown = <R extends { name: string }>(r: R) => ({ ...r, name: seen ? r.name : null })
  return {
    offerNewFamilies: settings.offerNewFamilies,
    named: named.map(shown),
    staff: staff.map(shown),
    programmes: list,
    parents,
    search,
    referrals: made.map((r) => ({ ...r, parentName: seen ? r.parentName : null })),
  }
}
