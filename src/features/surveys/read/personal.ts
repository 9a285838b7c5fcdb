// What the surveys feature holds about a person, for their own download: which bevragingen
// they were asked and whether they answered, and the ones they ran. Their answers carry no
// name (decision 0008): nothing links them to the person, so they cannot be in the download.
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const surveysPersonalData: PersonalData = {
  covers: ['survey_invitees.person_id', 'surveys.owner_id'],
  async read(db: Db, personId: string) {
    const asked = await db
      .selectFrom('survey_invitees as i')
      .innerJoin('surveys as s', 's.id', 'i.survey_id')
      .select(['s.title as survey', 'i.answered', 's.status', 's.created_at as since'])
      .where('i.person_id', '=', personId)
      .orderBy('s.created_at')
      .execute()
    const ran = await db
      .selectFrom('surveys')
      .select(['title as survey', 'status', 'created_at as since', 'closed_at as closed'])
      .where('owner_id', '=', personId)
      .orderBy('created_at')
      .execute()
    return [
      { name: 'surveysAsked', rows: asked },
      { name: 'surveysRun', rows: ran },
    ]
  },
}
