// Who a message reaches: the guardians of the children in scope (every child of the school,
// those of some groups, or the children named), each person once. One definition for the
// preview's count and for the send, so the number a writer sees is the number that goes.
import { type RawBuilder, sql } from 'kysely'
import type { MessageAudience } from '../../core/db/schema.ts'

export interface AudienceScope {
  schoolId: string
  audience: MessageAudience
  groupIds: readonly string[]
  childIds: readonly string[]
}

const uuids = (ids: readonly string[]) => sql`${sql.join(ids.map((id) => sql`${id}::uuid`))}`

/**
 * FROM and WHERE over `guardianships g`, `children ch` and `people p` for an audience: always
 * within the school, whatever ids came in. An empty list of groups or children reaches nobody.
 */
export function audienceFrom(s: AudienceScope): RawBuilder<unknown> {
  const scope =
    s.audience === 'school'
      ? sql`true`
      : s.audience === 'groups'
        ? s.groupIds.length
          ? sql`ch.group_id in (${uuids(s.groupIds)})`
          : sql`false`
        : s.childIds.length
          ? sql`ch.id in (${uuids(s.childIds)})`
          : sql`false`
  return sql`from guardianships g
    join children ch on ch.id = g.child_id and ch.school_id = ${s.schoolId}
    join people p on p.id = g.person_id
    where g.school_id = ${s.schoolId} and ${scope}`
}
