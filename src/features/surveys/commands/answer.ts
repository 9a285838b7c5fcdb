// A person answers a bevraging, once. Marking them as answered and storing what they answered
// happen in one transaction, but the answers carry neither their name nor the time: afterwards
// nothing ties an answer to the person who gave it.
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError } from '../../../core/errors.ts'

export interface GivenAnswer {
  question: string
  scale: number | null
  answer: string | null
}

export class AlreadyAnswered extends DomainError {
  constructor() {
    super(409, 'surveys.alreadyAnswered')
  }
}

export async function answerSurvey(
  db: Db,
  surveyId: string,
  personId: string,
  answers: readonly GivenAnswer[],
): Promise<void> {
  await transact(db, async (trx) => {
    const marked = await trx
      .updateTable('survey_invitees')
      .set({ answered: true })
      .where('survey_id', '=', surveyId)
      .where('person_id', '=', personId)
      .where('answered', '=', false)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('surveys')
            .select('id')
            .where('id', '=', surveyId)
            .where('status', '=', 'open'),
        ),
      )
      .returning('side')
      .executeTakeFirst()
    if (!marked) throw new AlreadyAnswered()
    const rows = answers
      .filter((a) => a.scale !== null || (a.answer !== null && a.answer !== ''))
      .map((a) => ({ survey_id: surveyId, side: marked.side, ...a }))
    if (rows.length) await trx.insertInto('survey_answers').values(rows).execute()
  })
}
