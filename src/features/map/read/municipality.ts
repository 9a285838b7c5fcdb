// Whose sociale kaart to show: the municipality of the school the person works in, the one
// asked for (?m=), or the only one there is; else the list to choose from.
import type { Db } from '../../../core/db/index.ts'
import { NotFound } from '../../../core/errors.ts'

export interface Municipality {
  id: string
  name: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function pickMunicipality(
  db: Db,
  asked: string | undefined,
  schoolId: string | null,
): Promise<Municipality | Municipality[]> {
  if (asked) {
    if (!UUID.test(asked)) throw new NotFound()
    const m = await db
      .selectFrom('municipalities')
      .select(['id', 'name'])
      .where('id', '=', asked)
      .executeTakeFirst()
    if (!m) throw new NotFound()
    return m
  }
  if (schoolId) {
    const m = await db
      .selectFrom('schools as s')
      .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
      .select(['m.id', 'm.name'])
      .where('s.id', '=', schoolId)
      .executeTakeFirst()
    if (m) return m
  }
  const all = await db.selectFrom('municipalities').select(['id', 'name']).orderBy('name').execute()
  return all.length === 1 && all[0] ? all[0] : all
}
