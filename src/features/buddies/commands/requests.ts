// Requests for a buddy: a parent asks, a teacher signals, the school offers every new groep-1
// family one; a parent declines what the school opened for them. Signals and invitations are
// audit-logged; the mails name a theme at most, never a person.
import { sql } from 'kysely'
import { grantConsent } from '../../../core/consent.ts'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError } from '../../../core/errors.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { CONFIDENTIAL_MAIL, gatherMail, mailPerson } from '../../../core/mail.ts'
import { buddyAudit } from '../audit.ts'
import { requestScope } from '../consents.ts'
import { standing, unconsented } from '../read/links.ts'
import { buddySettings } from '../read/settings.ts'
import { withdrawLinkYes } from './links.ts'

export async function askForBuddy(db: Db, schoolId: string, personId: string, theme: string) {
  await transact(db, async (trx) => {
    const open = await trx
      .selectFrom('buddy_requests')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('person_id', '=', personId)
      .where('theme', '=', theme)
      .where('status', 'in', ['open', 'proposed'])
      .executeTakeFirst()
    if (open) return
    await trx
      .insertInto('buddy_requests')
      .values({ school_id: schoolId, person_id: personId, theme, source: 'parent' })
      .execute()
    await grantConsent(trx, { schoolId, personId, scope: requestScope.of(theme), by: personId })
  })
}

/** The parent says no to an open request; it is closed and nobody is proposed. */
export async function declineRequest(
  db: Db,
  schoolId: string,
  personId: string,
  requestId: string,
) {
  const closed = await db
    .updateTable('buddy_requests')
    .set({ status: 'closed' })
    .where('id', '=', requestId)
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst()
  if (!closed) throw new DomainError(409, 'buddies.notPending')
}

/**
 * The parent withdraws their request for a theme (from their consents page): the request
 * closes if it still waits, and a proposal not yet agreed by both ends. A link both sides
 * agreed to stands on its own consent ('buddy.link').
 */
export async function dropRequests(trx: Db, schoolId: string, personId: string, theme: string) {
  const dropped = await trx
    .updateTable('buddy_requests')
    .set({ status: 'closed' })
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('theme', '=', theme)
    .where('status', 'in', ['open', 'proposed'])
    .returning('id')
    .execute()
  if (!dropped.length) return
  const ended = await trx
    .updateTable('buddy_links')
    .set({ closed_at: sql<Date>`now()` })
    .where(
      'request_id',
      'in',
      dropped.map((d) => d.id),
    )
    .where(standing('buddy_links'))
    .where(unconsented('buddy_links'))
    .returning('id')
    .execute()
  await withdrawLinkYes(
    trx,
    schoolId,
    ended.map((l) => l.id),
    personId,
  )
}

export async function signalParent(
  db: Db,
  schoolId: string,
  actorId: string,
  parentId: string,
  theme: string,
) {
  await transact(db, async (trx) => {
    await trx
      .insertInto('buddy_requests')
      .values({
        school_id: schoolId,
        person_id: parentId,
        theme,
        source: 'signal',
        signalled_by: actorId,
      })
      .execute()
    await buddyAudit.record(trx, {
      schoolId,
      actorId,
      action: 'buddy.signal',
      subjectId: null,
      detail: { theme },
    })
  })
}

/**
 * A teacher or IB heard a parent's experience and thinks they could help others. That is
 * recorded (audit) and the parent is invited in their language; nothing is active until the
 * parent confirms an offer themselves on /buddies.
 */
export async function inviteToOffer(
  deps: ServiceDeps,
  schoolId: string,
  actorId: string,
  parentId: string,
) {
  // The record and its mail commit together.
  return gatherMail(deps, async (d) => {
    await buddyAudit.record(d.db, {
      schoolId,
      actorId,
      action: 'buddy.recruit',
      subjectId: parentId,
    })
    await mailPerson(
      d.db,
      d.mailer,
      parentId,
      (t, name) => ({
        subject: t('mail.buddyRecruit.subject'),
        text: t('mail.buddyRecruit.body', { name, url: `${d.baseUrl}/buddies#offer` }),
      }),
      CONFIDENTIAL_MAIL,
    )
  })
}

/**
 * "Bij ons krijgen ouders van een nieuwe kleuter altijd een buddy aangeboden" (seed 001): when
 * the school has it on, each newly invited parent with a child in a groep-1 class gets an open
 * 'nieuw' request (one per family) and a mail in their language that they may simply decline.
 * Nothing is shared: the coordinator's batch proposes later, and both sides still say yes.
 * Called when the people feature says parents were invited. Returns the requests opened.
 */
export async function offerBuddiesToNewFamilies(
  deps: ServiceDeps,
  schoolId: string,
  parentIds: readonly string[],
): Promise<number> {
  // The offers and their mail commit together.
  return gatherMail(deps, async (d) => {
    if (!parentIds.length || !(await buddySettings(d.db, schoolId)).offerNewFamilies) return 0
    const opened = await transact(d.db, async (trx) => {
      const kleuters = await trx
        .selectFrom('guardianships as gu')
        .innerJoin('children as ch', 'ch.id', 'gu.child_id')
        .innerJoin('groups as g', 'g.id', 'ch.group_id')
        .select(['gu.person_id', 'gu.child_id'])
        .where('gu.school_id', '=', schoolId)
        .where('gu.person_id', 'in', [...parentIds])
        .where('g.grade', '=', 1)
        .orderBy('gu.person_id')
        .execute()
      const out: string[] = []
      for (const personId of new Set(kleuters.map((k) => k.person_id))) {
        const children = kleuters.filter((k) => k.person_id === personId).map((k) => k.child_id)
        // One offer per family: skip when a guardian of these children already has one.
        const already = await trx
          .selectFrom('buddy_requests as r')
          .select('r.id')
          .where('r.school_id', '=', schoolId)
          .where('r.theme', '=', 'nieuw')
          // A family that said no (a closed 'auto' request) is not asked again.
          .where((eb) => eb.or([eb('r.status', '!=', 'closed'), eb('r.source', '=', 'auto')]))
          .where('r.person_id', 'in', (eb) =>
            eb
              .selectFrom('guardianships')
              .select('person_id')
              .where('school_id', '=', schoolId)
              .where('child_id', 'in', children),
          )
          .executeTakeFirst()
        if (already) continue
        await trx
          .insertInto('buddy_requests')
          .values({ school_id: schoolId, person_id: personId, theme: 'nieuw', source: 'auto' })
          .execute()
        out.push(personId)
      }
      return out
    })
    for (const personId of opened) {
      await mailPerson(
        d.db,
        d.mailer,
        personId,
        (t, name) => ({
          subject: t('mail.buddyNewFamily.subject'),
          text: t('mail.buddyNewFamily.body', { name, url: `${d.baseUrl}/buddies` }),
        }),
        CONFIDENTIAL_MAIL,
      )
    }
    return opened.length
  })
}
