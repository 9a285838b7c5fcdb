// The groups of the school a bevraging may be put to.
import type { Db } from '../../../core/db/index.ts'

export const loadGroups = (db: Db, schoolId: string): Promise<{ id: string; name: string }[]> =>
  db
    .selectFrom('groups')
    .select(['id', 'name'])
    .where('school_id', '=', schoolId)
    .orderBy('grade')
    .orderBy('name')
    .execute()
