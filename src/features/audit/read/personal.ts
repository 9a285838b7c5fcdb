// What the audit log holds about a person, for their own download: what they did, and what was
// done about them (the action and its time, not who did it: that is the other person's entry).
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const auditPersonalData: PersonalData = {
  covers: ['audit_log.actor_id'],
  async read(db: Db, personId: string) {
    const done = await db
      .selectFrom('audit_log')
      .select(['action', 'at'])
      .where('actor_id', '=', personId)
      .orderBy('at')
      .execute()
    const about = await db
      .selectFrom('audit_log')
      .select(['action', 'at'])
      .where('subject_id', '=', personId)
      .where((eb) => eb.or([eb('actor_id', 'is', null), eb('actor_id', '!=', personId)]))
      .orderBy('at')
      .execute()
    return [
      { name: 'auditByYou', rows: done },
      { name: 'auditAboutYou', rows: about },
    ]
  },
}
