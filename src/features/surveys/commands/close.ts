// Closing a bevraging (its numbers can then be shown: nobody can answer after and be told apart
// by the difference), and "jullie zeiden, wij doen": what the school will do and what not and
// why, kept with the bevraging and mailed to every respondent in their own language.
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { gatherMail, mailPerson } from '../../../core/mail.ts'
import { surveyAudit } from '../audit.ts'

export async function closeSurvey(
  db: Db,
  schoolId: string,
  actorId: string,
  surveyId: string,
): Promise<void> {
  await transact(db, async (trx) => {
    await trx
      .updateTable('surveys')
      .set({ status: 'closed', closed_at: new Date() })
      .where('id', '=', surveyId)
      .where('school_id', '=', schoolId)
      .where('status', '=', 'open')
      .execute()
    await surveyAudit.record(trx, {
      schoolId,
      actorId,
      action: 'survey.close',
      subjectId: surveyId,
    })
  })
}

export async function sendFeedback(
  deps: Pick<ServiceDeps, 'db' | 'mailer' | 'baseUrl'>,
  schoolId: string,
  actorId: string,
  surveyId: string,
  feedback: { do: string; not: string },
): Promise<{ respondents: number }> {
  // The feedback and its mail to every respondent commit together.
  return gatherMail(deps, async (d) => {
    const { db } = d
    const survey = await transact(db, async (trx) => {
      const updated = await trx
        .updateTable('surveys')
        .set({
          feedback_do: feedback.do,
          feedback_not: feedback.not || null,
          feedback_at: new Date(),
        })
        .where('id', '=', surveyId)
        .where('school_id', '=', schoolId)
        .where('status', '=', 'closed')
        .where('feedback_at', 'is', null)
        .returning(['title'])
        .executeTakeFirst()
      if (!updated) return null
      await surveyAudit.record(trx, {
        schoolId,
        actorId,
        action: 'survey.feedback',
        subjectId: surveyId,
      })
      return updated
    })
    if (!survey) return { respondents: 0 }
    const respondents = await db
      .selectFrom('survey_invitees')
      .select('person_id')
      .where('survey_id', '=', surveyId)
      .where('answered', '=', true)
      .execute()
    const link = `${d.baseUrl}/surveys/${surveyId}`
    for (const r of respondents)
      await mailPerson(db, d.mailer, r.person_id, (t, firstName, language) => ({
        subject: t('surveys.mail.subject', { title: survey.title }),
        text: [
          t('surveys.mail.hello', { name: firstName }),
          t('surveys.mail.intro', { title: survey.title }),
          language === 'nl' ? '' : t('surveys.mail.dutch'),
          `${t('surveys.feedback.do')}\n${feedback.do}`,
          feedback.not ? `${t('surveys.feedback.not')}\n${feedback.not}` : '',
          `${t('surveys.mail.open')}\n${link}`,
        ]
          .filter(Boolean)
          .join('\n\n'),
      }))
    return { respondents: respondents.length }
  })
}
