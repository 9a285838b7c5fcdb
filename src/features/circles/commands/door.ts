// The open door without an account, in one go: a first name and an address make the person (if
// new) and mail a link that names the circle and its first meeting; pressing the button the
// link opens takes the place. The circle and the person are bound to the link on the server
// (circle_join_links, migration 0016), never carried in its text: a link cannot be turned into
// a place in another circle, and it works once and for a short while.
import { sql } from 'kysely'
import { randomToken, sha256 } from '../../../core/crypto.ts'
import type { Db } from '../../../core/db/index.ts'
import type { Language } from '../../../core/db/schema.ts'
import { transact } from '../../../core/db/transact.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { translator } from '../../../core/i18n/index.ts'
import { gatherMail } from '../../../core/mail.ts'
import { formatWhen } from '../../../core/time.ts'
import { findAccount } from '../../people/index.ts'
import { type Circle, upcomingMeetings } from '../read/circle.ts'
import { type JoinOutcome, takePlace } from './places.ts'

/** As long as a sign-in link: pressing it signs the person in. */
export const JOIN_LINK_MINUTES = 15

/** For a sign-up without an account: the person to send the link to (made if new). */
export async function personForSignup(
  db: Db,
  email: string,
  firstName: string,
  language: Language,
): Promise<void> {
  await db
    .insertInto('people')
    .values({ email, name: firstName, first_name: firstName, language })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .execute()
}

/**
 * Mails the address a link that confirms a place in `circle`, in the person's language, with
 * the circle's first coming meeting. The newest link for a circle voids the person's older
 * ones. Like a sign-in link it is a credential: kept out of an admin's outbox view, and
 * neither sent nor kept once it has expired.
 */
export async function mailJoinLink(deps: ServiceDeps, circle: Circle, email: string) {
  // The link and its mail commit together: a stored link always has its mail on the way.
  await gatherMail(deps, async (d) => {
    const person = await findAccount(d.db, email)
    if (!person) return
    const link = randomToken()
    await transact(d.db, async (trx) => {
      await trx
        .deleteFrom('circle_join_links')
        .where('person_id', '=', person.id)
        .where('circle_id', '=', circle.id)
        .execute()
      await trx
        .insertInto('circle_join_links')
        .values({
          circle_id: circle.id,
          person_id: person.id,
          link_hash: sha256(link),
          expires_at: sql<Date>`now() + make_interval(mins => ${JOIN_LINK_MINUTES})`,
        })
        .execute()
    })
    const [first] = await upcomingMeetings(d.db, circle.id)
    const lang = person.language
    const t = translator(lang)
    const meeting = first
      ? t('mail.circle.joinLink.first', {
          when: formatWhen(lang, first.starts_at),
          place: circle.place,
        })
      : t('mail.circle.joinLink.noDate', { place: circle.place })
    await d.mailer.send({
      to: person.email,
      personId: person.id,
      subject: t('mail.circle.joinLink.subject', { circle: circle.name }),
      text: t('mail.circle.joinLink.body', {
        name: person.first_name,
        circle: circle.name,
        host: circle.hostName,
        meeting,
        url: `${d.baseUrl}/circles/${circle.id}/join?token=${link}`,
        minutes: JOIN_LINK_MINUTES,
      }),
      confidential: true,
      validUntil: new Date(Date.now() + JOIN_LINK_MINUTES * 60_000),
    })
  })
}

/**
 * The press on the mailed link: takes the link (once: its row goes) and the place it was made
 * for, in one transaction, so a place that cannot be taken (the circle closed meanwhile)
 * leaves the link as it was. Null when the link is used, expired or for another circle.
 */
export async function confirmJoinLink(
  db: Db,
  circleId: string,
  link: string,
): Promise<{ personId: string; outcome: JoinOutcome } | null> {
  return transact(db, async (trx) => {
    const claimed = await trx
      .deleteFrom('circle_join_links')
      .where('link_hash', '=', sha256(link))
      .where('circle_id', '=', circleId)
      .where('expires_at', '>', sql<Date>`now()`)
      .returning('person_id')
      .executeTakeFirst()
    if (!claimed) return null
    const outcome = await takePlace(trx, circleId, claimed.person_id, null)
    return { personId: claimed.person_id, outcome }
  })
}

/** Links nobody pressed in time: the upkeep deletes them (they tell who wanted to join). */
export async function forgetJoinLinks(db: Db, now = new Date()): Promise<number> {
  const r = await db
    .deleteFrom('circle_join_links')
    .where('expires_at', '<=', now)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}
