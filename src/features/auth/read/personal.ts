// The sign-ins Kringwerk holds for a person, for their own download: each open session's start
// and end. Sign-in links and codes are credentials of minutes, kept hashed, and not listed.
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const authPersonalData: PersonalData = {
  covers: ['sessions.person_id'],
  async read(db: Db, personId: string) {
    const sessions = await db
      .selectFrom('sessions')
      .select(['created_at as since', 'expires_at as until'])
      .where('person_id', '=', personId)
      .orderBy('created_at')
      .execute()
    return [{ name: 'sessions', rows: sessions }]
  },
}
