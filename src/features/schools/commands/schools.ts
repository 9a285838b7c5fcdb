// Creating a school (with its municipality and classes) and switching the working school.

import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { schoolAudit } from '../audit.ts'

/** The usual Dutch primary school: combined kleuter classes, then groep 3 to 8. */
export const DEFAULT_GROUPS: { name: string; grade: number }[] = [
  { name: 'Groep 1/2a', grade: 1 },
  { name: 'Groep 1/2b', grade: 1 },
  ...[3, 4, 5, 6, 7, 8].map((g) => ({ name: `Groep ${g}`, grade: g })),
]

export interface NewSchool {
  name: string
  city?: string | null
  municipality: string
  groups?: { name: string; grade: number }[]
}

export async function createSchool(
  db: Db,
  input: NewSchool,
  actorId: string | null = null,
): Promise<string> {
  return transact(db, async (trx) => {
    const existing = await trx
      .selectFrom('municipalities')
      .select('id')
      .where('name', '=', input.municipality)
      .executeTakeFirst()
    const municipalityId =
      existing?.id ??
      (
        await trx
          .insertInto('municipalities')
          .values({ name: input.municipality })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const school = await trx
      .insertInto('schools')
      .values({ name: input.name, city: input.city ?? null, municipality_id: municipalityId })
      .returning('id')
      .executeTakeFirstOrThrow()
    const groups = input.groups ?? DEFAULT_GROUPS
    if (groups.length) {
      await trx
        .insertInto('groups')
        .values(groups.map((g) => ({ school_id: school.id, name: g.name, grade: g.grade })))
        .execute()
    }
    await schoolAudit.record(trx, {
      schoolId: school.id,
      actorId,
      action: 'school.create',
      subjectId: school.id,
    })
    return school.id
  })
}
