// The consents a person gave (core/consent.ts, the one ledger), for their own download: every
// row, also the withdrawn ones, with who recorded it left out (that is the recorder's data).
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const profilePersonalData: PersonalData = {
  covers: ['consents.person_id'],
  async read(db: Db, personId: string) {
    const consents = await db
      .selectFrom('consents as c')
      .innerJoin('schools as s', 's.id', 'c.school_id')
      .select([
        'c.scope',
        's.name as school',
        'c.granted_at as given',
        'c.withdrawn_at as withdrawn',
      ])
      .where('c.person_id', '=', personId)
      .orderBy('c.granted_at')
      .execute()
    return [{ name: 'consents', rows: consents }]
  },
}
