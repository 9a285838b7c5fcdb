// The home page's one load step: each section's data from the feature that owns it, asked
// together. A parent-only home asks nothing: the principal already holds their children.
import type { Db } from '../../../core/db/index.ts'
import { type Principal, schoolsWithRole } from '../../../core/principal.ts'
import { overview, runBy } from '../../circles/index.ts'
import type { HomeData, MunicipalFigures } from '../views/home.tsx'
import { groupsTaughtBy, schoolFigures } from './staff.ts'

export async function loadHome(db: Db, p: Principal): Promise<HomeData> {
  const roles = p.roles
  const has = (...r: Principal['roles']) => roles.some((x) => r.includes(x))
  // The parent home is the page opened most: no query, no waiting on one.
  if (roles.every((r) => r === 'parent'))
    return { roles, groups: null, figures: null, runs: null, municipal: null }
  const schoolId = p.schoolId
  const [groups, figures, runs, municipal] = await Promise.all([
    schoolId && has('teacher') ? groupsTaughtBy(db, schoolId, p.personId) : null,
    schoolId && has('director', 'admin') ? schoolFigures(db, schoolId) : null,
    roles.some((r) => r !== 'parent') ? runBy(db, p.personId) : null,
    has('municipal') ? municipalFigures(db, p) : null,
  ])
  return { roles, groups, figures, runs, municipal }
}

async function municipalFigures(db: Db, p: Principal): Promise<MunicipalFigures> {
  const rows = await overview(db, { schoolIds: schoolsWithRole(p, 'municipal') })
  return {
    schools: rows.length,
    circles: rows.reduce((n, r) => n + r.circles, 0),
    members: rows.reduce((n, r) => n + r.members, 0),
  }
}
