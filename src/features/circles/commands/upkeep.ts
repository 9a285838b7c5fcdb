// The circles' periodic work (the server's quarter-hourly timer, `kringwerk send-reminders`
// from cron): tomorrow's reminders, claimed before mailing so nobody is reminded twice;
// forgetting topic proposals of meetings nobody closed, places that ended a year ago, and
// mailed join links nobody pressed in time.
import { sql } from 'kysely'
import { forgetWithdrawnConsents } from '../../../core/consent.ts'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { CONFIDENTIAL_MAIL, gatherMail, mailPerson } from '../../../core/mail.ts'
import { addDays, formatWhen, schoolDate, schoolTime } from '../../../core/time.ts'
import { circleChildScope } from '../consents.ts'
import { activeFacilitator, activePlace } from '../standing.ts'
import { forgetJoinLinks } from './door.ts'

/** What the upkeep needs: it tells no other feature anything. */
type UpkeepDeps = Pick<ServiceDeps, 'db' | 'mailer' | 'baseUrl'>

/**
 * Mails every confirmed member and facilitator of each meeting on the next school day-date,
 * once, in their own language.
 */
export async function sendReminders(deps: UpkeepDeps, now = new Date()): Promise<number> {
  const tomorrow = addDays(schoolDate(now), 1)
  const from = schoolTime(tomorrow, '00:00')
  const to = schoolTime(addDays(tomorrow, 1), '00:00')
  const due = await deps.db
    .selectFrom('circle_meetings as mt')
    .innerJoin('circles as c', 'c.id', 'mt.circle_id')
    .select(['mt.id', 'mt.starts_at', 'c.id as circleId', 'c.name', 'c.place'])
    .where('mt.status', '=', 'planned')
    .where('mt.reminder_sent_at', 'is', null)
    .where('mt.starts_at', '>=', from)
    .where('mt.starts_at', '<', to)
    .execute()
  let sent = 0
  // A meeting whose reminders fail (its claim then rolls back, to be tried again) does not
  // keep the other meetings' reminders from going; the first error is told afterwards.
  let failure: unknown = null
  for (const m of due) {
    await gatherMail(deps, async (d) => {
      // Claim the meeting first, so two servers never remind twice; the claim and the mail
      // commit together, so a crash in between leaves the meeting to remind on the next run.
      const claimed = await d.db
        .updateTable('circle_meetings')
        .set({ reminder_sent_at: sql<Date>`now()` })
        .where('id', '=', m.id)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) === 0) return
      const people = await d.db
        .selectFrom('circle_members as cm')
        .select('cm.person_id')
        .where('cm.circle_id', '=', m.circleId)
        .where('cm.status', '=', 'confirmed')
        .where(activePlace('cm'))
        .union(
          d.db
            .selectFrom('circle_facilitators as f')
            .innerJoin('circles as c', 'c.id', 'f.circle_id')
            .select('f.person_id')
            .where('f.circle_id', '=', m.circleId)
            .where(activeFacilitator('f', 'c')),
        )
        .execute()
      const url = `${d.baseUrl}/circles/${m.circleId}`
      for (const { person_id } of people) {
        await mailPerson(
          d.db,
          d.mailer,
          person_id,
          (t, firstName, lang) => ({
            subject: t('mail.circle.reminder.subject', { circle: m.name }),
            text: t('mail.circle.reminder.body', {
              name: firstName,
              circle: m.name,
              when: formatWhen(lang, m.starts_at),
              place: m.place,
              url,
            }),
          }),
          CONFIDENTIAL_MAIL,
        )
        sent++
      }
    }).catch((e: unknown) => {
      failure ??= e
    })
  }
  if (failure !== null) throw failure
  return sent
}

/** Hours after its end that a meeting nobody closed still keeps its topic proposals. */
const STALE_TOPIC_HOURS = 6

/**
 * Topic proposals of meetings that ended hours ago and were never closed (a facilitator who
 * forgot): deleted all the same.
 */
export async function forgetStaleTopics(db: Db, now = new Date()): Promise<number> {
  const r = await db
    .deleteFrom('circle_topics')
    .where(
      'meeting_id',
      'in',
      db
        .selectFrom('circle_meetings')
        .select('id')
        .where('ends_at', '<', new Date(now.getTime() - STALE_TOPIC_HOURS * 3_600_000)),
    )
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}

/** How long a place that ended (left, or declined) is remembered: a year, then it goes. */
export const ENDED_PLACE_DAYS = 365

/**
 * Forgets places that ended more than ENDED_PLACE_DAYS ago, with their attendance marks: that
 * someone once took part in, say, a circle for divorced parents is nobody's business a year
 * later. A year keeps the season's own figures whole. Returns how many places went. A child's
 * place takes the parent's withdrawn consent for it along (it names the child and the circle).
 */
export async function forgetEndedPlaces(db: Db, now = new Date()): Promise<number> {
  return transact(db, async (trx) => {
    const gone = await trx
      .deleteFrom('circle_members')
      .where('status', 'in', ['left', 'declined'])
      .where('decided_at', '<', new Date(now.getTime() - ENDED_PLACE_DAYS * 86_400_000))
      .returning(['id', 'child_id'])
      .execute()
    // A forgotten child's place takes its (withdrawn) consent along.
    await forgetWithdrawnConsents(
      trx,
      gone.filter((g) => g.child_id !== null).map((g) => circleChildScope.of(g.id)),
    )
    return gone.length
  })
}

/** The circles' periodic work, reminders first. */
export async function circleUpkeep(deps: UpkeepDeps, now = new Date()) {
  // Reminders first: a failing clean-up must not keep tomorrow's meetings unannounced.
  const reminders = await sendReminders(deps, now)
  const topicsForgotten = await forgetStaleTopics(deps.db, now)
  const placesForgotten = await forgetEndedPlaces(deps.db, now)
  const joinLinksForgotten = await forgetJoinLinks(deps.db, now)
  return { reminders, topicsForgotten, placesForgotten, joinLinksForgotten }
}
