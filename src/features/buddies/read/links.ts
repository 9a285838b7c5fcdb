// Links between a parent and a buddy: their states, named once, and what each side reads of a
// link. Names and chosen contact details are handed out only where the policy's disclosure
// rules say so (both said yes); the SQL asks for consented links as well, as a second lock.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { ContactChannel } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import { can } from '../../../policies.ts'
import { type LinkFacts, type LinkResource, linkDiscloses } from '../policy.ts'

const col = (table: string, column: string) => sql.ref(`${table}.${column}`)

/** A link that still stands: neither closed nor declined. */
export const standing = (l = 'l') =>
  sql<boolean>`(${col(l, 'closed_at')} is null and ${col(l, 'declined_by')} is null)`
/** Both sides said yes: only such a link discloses anything. */
export const consented = (l = 'l') =>
  sql<boolean>`(${col(l, 'parent_consent_at')} is not null and ${col(l, 'buddy_consent_at')} is not null)`
/** Not yet agreed by both: a proposal, or a parent's yes that waits for the buddy. */
export const unconsented = (l = 'l') => sql<boolean>`not ${consented(l)}`
/** Proposed, and the parent has not answered yet (the parent is always asked first). */
export const awaitingParent = (l = 'l') => sql<boolean>`${col(l, 'parent_consent_at')} is null`
/** The parent said yes; the buddy has not answered yet. */
export const awaitingBuddy = (l = 'l') =>
  sql<boolean>`(${col(l, 'parent_consent_at')} is not null and ${col(l, 'buddy_consent_at')} is null)`

export type LoadedLink = LinkResource & { id: string }

export async function loadLink(db: Db, schoolId: string, linkId: string): Promise<LoadedLink> {
  const row = await db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .select([
      'l.id',
      'l.school_id as schoolId',
      'r.person_id as parentId',
      'o.person_id as buddyId',
    ])
    .where('l.school_id', '=', schoolId)
    .where('l.id', '=', linkId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return row
}

export interface ActiveLink {
  id: string
  theme: string
  /** 'buddy': the other person is my buddy; 'parent': I am the other person's buddy. */
  otherIs: 'buddy' | 'parent'
  /** The other side's name; null where the policy does not disclose it. */
  name: string | null
  channel: ContactChannel
  /** The other side's chosen contact; null for 'via school' or where it is not disclosed. */
  contact: string | null
}

/** Consented, standing links of a school (of one person, or one link), with both sides. */
function consentedLinks(db: Db, schoolId: string) {
  return db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .innerJoin('people as parent', 'parent.id', 'r.person_id')
    .innerJoin('people as buddy', 'buddy.id', 'o.person_id')
    .select([
      'l.id',
      'l.school_id as schoolId',
      'r.theme',
      'r.person_id as parentId',
      'o.person_id as buddyId',
      'l.parent_consent_at',
      'l.buddy_consent_at',
      'parent.name as parentName',
      'parent.contact_channel as parentChannel',
      'parent.email as parentEmail',
      'parent.phone as parentPhone',
      'buddy.name as buddyName',
      'o.contact_channel as buddyChannel',
      'buddy.email as buddyEmail',
      'buddy.phone as buddyPhone',
    ])
    .where('l.school_id', '=', schoolId)
    .where(consented('l'))
    .where(standing('l'))
}

type LinkRow = Awaited<ReturnType<ReturnType<typeof consentedLinks>['execute']>>[number]

const factsOf = (r: LinkRow): LinkFacts => ({
  schoolId: r.schoolId,
  parentId: r.parentId,
  buddyId: r.buddyId,
  parentConsent: r.parent_consent_at !== null,
  buddyConsent: r.buddy_consent_at !== null,
})

/** The link as one side reads it, with the other side's name and contact where allowed. */
function sideOf(r: LinkRow, meId: string, may: { name: boolean; contact: boolean }): ActiveLink {
  const iAmParent = r.parentId === meId
  const channel = (iAmParent ? r.buddyChannel : r.parentChannel) as ContactChannel
  const email = iAmParent ? r.buddyEmail : r.parentEmail
  const phone = iAmParent ? r.buddyPhone : r.parentPhone
  const contact = channel === 'email' ? email : channel === 'phone' ? phone : null
  return {
    id: r.id,
    theme: r.theme,
    otherIs: iAmParent ? 'buddy' : 'parent',
    name: may.name ? (iAmParent ? r.buddyName : r.parentName) : null,
    channel,
    contact: may.contact ? contact : null,
  }
}

/** The viewer's links where both said yes: the other side's name and chosen contact. */
export async function activeLinks(db: Db, v: Viewer): Promise<ActiveLink[]> {
  const me = v.p.personId
  const rows = await consentedLinks(db, v.p.schoolId)
    .where((eb) => eb.or([eb('r.person_id', '=', me), eb('o.person_id', '=', me)]))
    .execute()
  return rows.map((r) => {
    const facts = factsOf(r)
    return sideOf(r, me, {
      name: can(v.p, 'buddies.seeName', { on: 'link', ...facts }, v.env),
      contact: can(v.p, 'buddies.seeContact', facts, v.env),
    })
  })
}

/**
 * The introduction mail's content for each side of a link that just became active: the
 * other's name and contact, as the link discloses them to that recipient.
 */
export async function introductions(
  db: Db,
  schoolId: string,
  linkId: string,
): Promise<(ActiveLink & { recipientId: string })[]> {
  const row = await consentedLinks(db, schoolId).where('l.id', '=', linkId).executeTakeFirst()
  if (!row) return []
  return [row.parentId, row.buddyId].flatMap((meId) => {
    const allowed = linkDiscloses(meId, factsOf(row))
    return allowed
      ? [{ ...sideOf(row, meId, { name: true, contact: true }), recipientId: meId }]
      : []
  })
}

/** Proposals waiting for this parent's yes or no: theme only, no buddy name. */
export async function offersForParent(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .select(['l.id', 'r.theme'])
    .where('l.school_id', '=', schoolId)
    .where('r.person_id', '=', personId)
    .where(awaitingParent('l'))
    .where(standing('l'))
    .execute()
}

/** Parents who said yes and now wait for this buddy: theme only, no parent name. */
export async function asksForBuddy(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .select(['l.id', 'r.theme'])
    .where('l.school_id', '=', schoolId)
    .where('o.person_id', '=', personId)
    .where(awaitingBuddy('l'))
    .where(standing('l'))
    .execute()
}

/** The theme of a link (what a buddy who is asked may know of it). */
export async function linkTheme(db: Db, linkId: string): Promise<string> {
  const row = await db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .select('r.theme')
    .where('l.id', '=', linkId)
    .executeTakeFirstOrThrow()
  return row.theme
}

export interface CheckinDue {
  linkId: string
  week: 2 | 6
  theme: string
}

/** "Helpt het?": links of this parent that are 2 or 6 weeks old and not yet answered for that week. */
export async function checkinsDue(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<CheckinDue[]> {
  const rows = await db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .select((eb) => [
      'l.id as linkId',
      'r.theme',
      sql<number>`case when l.buddy_consent_at <= now() - interval '42 days' then 6 else 2 end`.as(
        'week',
      ),
      eb
        .selectFrom('buddy_checkins as k')
        .select(sql<number>`max(k.week)`.as('w'))
        .whereRef('k.link_id', '=', 'l.id')
        .as('answered'),
    ])
    .where('l.school_id', '=', schoolId)
    .where('r.person_id', '=', personId)
    .where(standing('l'))
    .where(consented('l'))
    .where('l.buddy_consent_at', '<=', sql<Date>`now() - interval '14 days'`)
    .execute()
  return rows
    .filter((r) => (r.answered ?? 0) < r.week)
    .map((r) => ({ linkId: r.linkId, week: r.week === 6 ? 6 : 2, theme: r.theme }))
}
