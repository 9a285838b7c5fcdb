// From a proposal to a link: a coordinator proposes (one, or the start-of-year batch), the
// parent answers first, then the buddy; both yeses are consents on record, and only then are
// the two introduced by mail. Either side (or a coordinator) closes a link.
import { sql } from 'kysely'
import { grantConsent, withdrawConsent } from '../../../core/consent.ts'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError, NotFound } from '../../../core/errors.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { CONFIDENTIAL_MAIL, gatherMail, mailPerson } from '../../../core/mail.ts'
import { buddyAudit } from '../audit.ts'
import { linkScope, requestScope } from '../consents.ts'
import { batchMatch, rankCandidates } from '../matching.ts'
import type { ThemeFilter } from '../read/coordinator.ts'
import { checkinsDue, introductions, type LoadedLink, linkTheme, standing } from '../read/links.ts'
import { listedOffers } from '../read/parent.ts'
import { matchingPool } from '../read/pool.ts'
import { themeWords } from '../read/themes.ts'

/** A question about a theme ("would you like to talk?"), answered on /buddies. */
async function mailAboutTheme(
  deps: ServiceDeps,
  personId: string,
  theme: string,
  mail: 'buddyAsk' | 'buddyOffer',
) {
  const words = await themeWords(deps.db, theme)
  await mailPerson(
    deps.db,
    deps.mailer,
    personId,
    (t, name) => ({
      subject: t(`mail.${mail}.subject`),
      text: t(`mail.${mail}.body`, { name, theme: words(t), url: `${deps.baseUrl}/buddies` }),
    }),
    CONFIDENTIAL_MAIL,
  )
}

/** Tells a buddy that a parent said yes and waits for them: the theme, never the name. */
const mailBuddyAsk = async (deps: ServiceDeps, buddyId: string, linkId: string) =>
  mailAboutTheme(deps, buddyId, await linkTheme(deps.db, linkId), 'buddyAsk')

async function proposeIn(
  trx: Db,
  schoolId: string,
  actorId: string,
  requestId: string,
  offerId: string,
): Promise<{ parentId: string; theme: string }> {
  const request = await trx
    .updateTable('buddy_requests')
    .set({ status: 'proposed' })
    .where('id', '=', requestId)
    .where('school_id', '=', schoolId)
    .where('status', '=', 'open')
    .returning(['person_id', 'theme'])
    .executeTakeFirst()
  if (!request) throw new DomainError(409, 'buddies.notPending')
  const offer = await trx
    .selectFrom('buddy_offers')
    .select(['person_id'])
    .where('id', '=', offerId)
    .where('school_id', '=', schoolId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!offer || offer.person_id === request.person_id) throw new NotFound()
  const link = await trx
    .insertInto('buddy_links')
    .values({ school_id: schoolId, request_id: requestId, offer_id: offerId, proposed_by: actorId })
    .returning('id')
    .executeTakeFirstOrThrow()
  await buddyAudit.record(trx, { schoolId, actorId, action: 'buddy.propose', subjectId: link.id })
  return { parentId: request.person_id, theme: request.theme }
}

/** Proposes one buddy for one request; the parent is asked first, in their own language. */
export async function propose(
  deps: ServiceDeps,
  schoolId: string,
  actorId: string,
  requestId: string,
  offerId: string,
) {
  // The change and its mail commit together.
  return gatherMail(deps, async (d) => {
    const pool = await matchingPool(d.db, schoolId)
    const request = pool.requests.find((r) => r.id === requestId)
    if (!request) throw new NotFound()
    const eligible = rankCandidates(request, pool.buddies).some((c) => c.buddyId === offerId)
    if (!eligible) throw new DomainError(409, 'buddies.notEligible')
    const made = await transact(d.db, (trx) =>
      proposeIn(trx, schoolId, actorId, requestId, offerId),
    )
    await mailAboutTheme(d, made.parentId, made.theme, 'buddyOffer')
  })
}

/**
 * The start-of-year batch: one optimal assignment for all open requests (of the themes this
 * coordinator works on) at once.
 */
export async function batchPropose(
  deps: ServiceDeps,
  schoolId: string,
  actorId: string,
  may: ThemeFilter,
) {
  // The change and its mail commit together.
  return gatherMail(deps, async (d) => {
    const all = await matchingPool(d.db, schoolId)
    const pool = { ...all, requests: all.requests.filter((r) => may(r.theme)) }
    const result = batchMatch(pool.requests, pool.buddies)
    const made = await transact(d.db, async (trx) => {
      const out: { parentId: string; theme: string }[] = []
      for (const a of result.assignments)
        out.push(await proposeIn(trx, schoolId, actorId, a.requestId, a.buddyId))
      await buddyAudit.record(trx, {
        schoolId,
        actorId,
        action: 'buddy.batch',
        detail: { proposals: out.length, open: pool.requests.length },
      })
      return out
    })
    for (const m of made) await mailAboutTheme(d, m.parentId, m.theme, 'buddyOffer')
    return { proposals: made.length, open: pool.requests.length, total: result.totalScore }
  })
}

/**
 * One side answers a proposal. The parent answers first; only then is the buddy asked. When
 * both said yes, each is introduced to the other by mail, in their own language.
 */
/** A yes or no to a proposal; says what came of it (both said yes: the link is active). */
export async function answer(
  deps: ServiceDeps,
  link: LoadedLink,
  personId: string,
  yes: boolean,
): Promise<'linked' | 'waiting' | 'declined'> {
  // The change and its mail commit together.
  return gatherMail(deps, async (d) => {
    const side = link.parentId === personId ? 'parent' : link.buddyId === personId ? 'buddy' : null
    if (!side) throw new NotFound()
    const becameActive = await transact(d.db, async (trx): Promise<boolean | 'askBuddy'> => {
      const row = await trx
        .selectFrom('buddy_links')
        .select(['parent_consent_at', 'buddy_consent_at', 'declined_by', 'closed_at', 'request_id'])
        .where('id', '=', link.id)
        .forUpdate()
        .executeTakeFirstOrThrow()
      const waitingFor =
        row.parent_consent_at === null ? 'parent' : row.buddy_consent_at === null ? 'buddy' : null
      if (row.declined_by || row.closed_at || waitingFor !== side)
        throw new DomainError(409, 'buddies.notPending')
      if (!yes) {
        await trx
          .updateTable('buddy_links')
          .set({ declined_by: side, closed_at: sql<Date>`now()` })
          .where('id', '=', link.id)
          .execute()
        await trx
          .updateTable('buddy_requests')
          .set({ status: side === 'parent' ? 'closed' : 'open' })
          .where('id', '=', row.request_id)
          .execute()
        await withdrawLinkYes(trx, link.schoolId, [link.id], personId)
        return false
      }
      const column = side === 'parent' ? 'parent_consent_at' : 'buddy_consent_at'
      await trx
        .updateTable('buddy_links')
        .set({ [column]: sql<Date>`now()` })
        .where('id', '=', link.id)
        .execute()
      await grantConsent(trx, {
        schoolId: link.schoolId,
        personId,
        scope: linkScope.of(link.id),
        by: personId,
      })
      if (side === 'parent') return 'askBuddy' as const
      await trx
        .updateTable('buddy_requests')
        .set({ status: 'linked' })
        .where('id', '=', row.request_id)
        .execute()
      await buddyAudit.record(trx, {
        schoolId: link.schoolId,
        actorId: personId,
        action: 'buddy.link',
        subjectId: link.id,
      })
      return true
    })
    if (becameActive === true) await introduce(d, link.schoolId, link.id)
    if (becameActive === 'askBuddy') await mailBuddyAsk(d, link.buddyId, link.id)
    return becameActive === true ? 'linked' : becameActive === 'askBuddy' ? 'waiting' : 'declined'
  })
}

/** A parent contacts a listed buddy directly: their own yes is given; the buddy is asked. */
export async function contactDirectly(
  deps: ServiceDeps,
  schoolId: string,
  personId: string,
  offerId: string,
  theme: string,
) {
  // The change and its mail commit together.
  return gatherMail(deps, async (d) => {
    const listed = (await listedOffers(d.db, schoolId, personId)).find((b) => b.offerId === offerId)
    if (!listed?.themes.includes(theme)) throw new NotFound()
    const linkId = await transact(d.db, async (trx) => {
      const request = await trx
        .insertInto('buddy_requests')
        .values({
          school_id: schoolId,
          person_id: personId,
          theme,
          source: 'parent',
          status: 'proposed',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const link = await trx
        .insertInto('buddy_links')
        .values({
          school_id: schoolId,
          request_id: request.id,
          offer_id: offerId,
          parent_consent_at: sql<Date>`now()`,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const who = { schoolId, personId, by: personId }
      await grantConsent(trx, { ...who, scope: requestScope.of(theme) })
      await grantConsent(trx, { ...who, scope: linkScope.of(link.id) })
      return link.id
    })
    await mailBuddyAsk(d, listed.buddyId, linkId)
  })
}

/** Ends a standing link and closes its request; false when it was no longer standing. */
async function endLink(trx: Db, schoolId: string, linkId: string, actorId: string) {
  const closed = await trx
    .updateTable('buddy_links')
    .set({ closed_at: sql<Date>`now()` })
    .where('id', '=', linkId)
    .where('school_id', '=', schoolId)
    .where(standing('buddy_links'))
    .returning('request_id')
    .executeTakeFirst()
  if (!closed) return false
  await trx
    .updateTable('buddy_requests')
    .set({ status: 'closed' })
    .where('id', '=', closed.request_id)
    .execute()
  await withdrawLinkYes(trx, schoolId, [linkId], actorId)
  await buddyAudit.record(trx, { schoolId, actorId, action: 'buddy.close', subjectId: linkId })
  return true
}

/**
 * The yes given to links that ended (closed, declined, a proposal that lapsed) stands no more,
 * on either side: each person's consents page then says so, with nothing left to withdraw.
 */
export async function withdrawLinkYes(
  trx: Db,
  schoolId: string,
  linkIds: readonly string[],
  by: string,
): Promise<void> {
  if (!linkIds.length) return
  const sides = await trx
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .select(['l.id', 'r.person_id as parentId', 'o.person_id as buddyId'])
    .where('l.school_id', '=', schoolId)
    .where('l.id', 'in', [...linkIds])
    .execute()
  for (const l of sides) {
    for (const personId of [l.parentId, l.buddyId])
      await withdrawConsent(trx, { schoolId, personId, scope: linkScope.of(l.id), by })
  }
}

/** Either side (or a coordinator) ends an active link; the request is closed with it. */
export async function closeLink(db: Db, link: LoadedLink, actorId: string) {
  await transact(db, async (trx) => {
    if (!(await endLink(trx, link.schoolId, link.id, actorId)))
      throw new DomainError(409, 'buddies.notPending')
  })
}

/** A side withdraws their yes to a link (their consents page): the link ends, if it stands. */
export async function endLinkOf(trx: Db, schoolId: string, personId: string, linkId: string) {
  const side = await trx
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .select('l.id')
    .where('l.id', '=', linkId)
    .where('l.school_id', '=', schoolId)
    .where((eb) => eb.or([eb('r.person_id', '=', personId), eb('o.person_id', '=', personId)]))
    .executeTakeFirst()
  if (side) await endLink(trx, schoolId, linkId, personId)
}

export async function recordCheckin(
  db: Db,
  schoolId: string,
  personId: string,
  linkId: string,
  answer: 'yes' | 'somewhat' | 'no',
) {
  const due = (await checkinsDue(db, schoolId, personId)).find((d) => d.linkId === linkId)
  if (!due) throw new DomainError(409, 'buddies.notPending')
  await db
    .insertInto('buddy_checkins')
    .values({ link_id: linkId, school_id: schoolId, week: due.week, answer })
    .onConflict((oc) => oc.columns(['link_id', 'week']).doNothing())
    .execute()
}

/** Each side gets the other's name and chosen contact, in their own language. */
async function introduce(deps: ServiceDeps, schoolId: string, linkId: string) {
  for (const link of await introductions(deps.db, schoolId, linkId)) {
    const words = await themeWords(deps.db, link.theme)
    await mailPerson(
      deps.db,
      deps.mailer,
      link.recipientId,
      (t, name) => ({
        subject: t('mail.buddyIntro.subject'),
        text: t(link.otherIs === 'buddy' ? 'mail.buddyIntro.toParent' : 'mail.buddyIntro.toBuddy', {
          name,
          other: link.name ?? '',
          theme: words(t),
          how:
            link.channel === 'school'
              ? t('buddies.contactViaSchool')
              : `${t(`profile.contact.${link.channel}`)}: ${link.contact ?? ''}`,
          url: `${deps.baseUrl}/buddies`,
        }),
      }),
      CONFIDENTIAL_MAIL,
    )
  }
}
