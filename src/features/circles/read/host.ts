// What a host (a school's director or IB, or the municipality for a bovenschoolse kring) sees:
// the facilitators register with the staff who may join it, and the set-up form. Never a
// member: a host sees counts (read/overview.ts).
import type { Db } from '../../../core/db/index.ts'
import { NotFound } from '../../../core/errors.ts'
import { holds, type Principal, schoolsWithRole } from '../../../core/principal.ts'
import { type Host, hostWhere } from '../standing.ts'
import { municipalityOf } from './circle.ts'
import type { Scope } from './overview.ts'

type InSchool = Principal & { schoolId: string }

/** What a host may set up: their school, or (municipal only) their municipality. */
export async function hostOf(db: Db, p: InSchool): Promise<{ host: Host; schoolIds: string[] }> {
  if (holds(p, 'director', 'ib')) return { host: { schoolId: p.schoolId }, schoolIds: [p.schoolId] }
  const municipalityId = await municipalityOf(db, p.schoolId)
  if (!municipalityId) throw new NotFound()
  return { host: { municipalityId }, schoolIds: municipalSchools(p) }
}

/** The schools a municipal user oversees: where they hold the municipal role. */
const municipalSchools = (p: Principal) => schoolsWithRole(p, 'municipal')

/** The schools whose facilitators a host sees in the register: their own, or those they oversee. */
export const registerSchools = (p: Principal, host: Host): string[] =>
  'schoolId' in host ? [host.schoolId] : municipalSchools(p)

/** Whose figures the overview shows this host. */
export const scopeOf = (p: InSchool): Scope =>
  holds(p, 'director', 'ib') ? { schoolId: p.schoolId } : { schoolIds: municipalSchools(p) }

/**
 * The host's register of facilitators. A municipality's register spans its schools; a
 * municipal user sees those of it who belong to a school they oversee, never another's.
 */
export async function facilitatorRegister(db: Db, host: Host, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return []
  return db
    .selectFrom('facilitators as f')
    .innerJoin('people as pe', 'pe.id', 'f.person_id')
    .select(['f.id', 'f.person_id as personId', 'pe.name', 'f.training', 'f.trained_on'])
    .where(hostWhere(host))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('memberships as m')
          .select('m.person_id')
          .whereRef('m.person_id', '=', 'f.person_id')
          .where('m.school_id', 'in', schoolIds),
      ),
    )
    .orderBy('pe.name')
    .execute()
}

export type RegisterEntry = Awaited<ReturnType<typeof facilitatorRegister>>[number]

/** Staff who may be registered: people with a staff role in the host's school(s). */
export async function staffOf(db: Db, schoolIds: readonly string[]) {
  if (schoolIds.length === 0) return []
  return db
    .selectFrom('memberships as m')
    .innerJoin('people as pe', 'pe.id', 'm.person_id')
    .select(['pe.id', 'pe.name'])
    .distinct()
    .where('m.school_id', 'in', schoolIds)
    .where('m.role', 'in', ['teacher', 'ib', 'director', 'brugfiguur', 'facilitator', 'partner'])
    .orderBy('pe.name')
    .execute()
}

/** The set-up form: the host's register to pick facilitators from, and (municipal) schools. */
export async function loadNewCirclePage(db: Db, p: InSchool) {
  const { host, schoolIds } = await hostOf(db, p)
  const register = await facilitatorRegister(db, host, schoolIds)
  const schools = p.memberships
    .filter((m) => m.role === 'municipal')
    .map((m) => ({ id: m.schoolId, name: m.schoolName }))
  return { municipal: 'municipalityId' in host, register, schools, schoolIds }
}

export type NewCirclePage = Awaited<ReturnType<typeof loadNewCirclePage>>

/** The facilitators register and the staff who may be added to it. */
export async function loadRegisterPage(db: Db, p: InSchool) {
  const { host, schoolIds } = await hostOf(db, p)
  const [register, staff] = await Promise.all([
    facilitatorRegister(db, host, schoolIds),
    staffOf(db, schoolIds),
  ])
  return { register, staff }
}

export type RegisterPage = Awaited<ReturnType<typeof loadRegisterPage>>
