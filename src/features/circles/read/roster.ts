// The circle's people by first name: the one query that hands them out, asked of the policy
// (`circles.seeRoster`) for the viewer and the circle's record. Whoever may not see them gets
// an empty list, whatever page asks.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { MemberStatus } from '../../../core/db/schema.ts'
import type { PolicyEnv } from '../../../core/policy.ts'
import type { Principal } from '../../../core/principal.ts'
import { can } from '../../../policies.ts'
import type { LoadedCircle } from './circle.ts'

export interface RosterEntry {
  id: string
  status: MemberStatus
  personId: string
  /** The member's first name, or a child's own first name for a child's place. */
  firstName: string
}

/** The people of a circle the viewer may see, by first name, in order of signing up. */
export async function rosterFor(
  db: Db,
  viewer: Principal | null,
  env: PolicyEnv,
  { circle, record }: LoadedCircle,
  statuses: readonly MemberStatus[],
): Promise<RosterEntry[]> {
  if (!can(viewer, 'circles.seeRoster', record, env)) return []
  return db
    .selectFrom('circle_members as cm')
    .innerJoin('people as pe', 'pe.id', 'cm.person_id')
    .leftJoin('children as ch', 'ch.id', 'cm.child_id')
    .select([
      'cm.id',
      'cm.status',
      'cm.person_id as personId',
      sql<string>`coalesce(ch.first_name, pe.first_name)`.as('firstName'),
    ])
    .where('cm.circle_id', '=', circle.id)
    .where('cm.status', 'in', [...statuses])
    .orderBy('cm.created_at')
    .execute()
}
