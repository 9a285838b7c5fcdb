// What a parent's buddy page shows, in one load: offers and questions waiting for their
// answer, their links (the other side's name and contact only where the policy discloses
// them), their requests and offer, the buddies listed by name and their referrals.
import type { Db } from '../../../core/db/index.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import { can } from '../../../policies.ts'
import {
  type ActiveLink,
  activeLinks,
  asksForBuddy,
  type CheckinDue,
  checkinsDue,
  offersForParent,
} from './links.ts'
import { matchingPool } from './pool.ts'

export async function getOffer(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_offers')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}
export type Offer = NonNullable<Awaited<ReturnType<typeof getOffer>>>

/** A parent's own requests, and the state of each in plain terms. Never the buddy's identity. */
export async function myRequests(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_requests')
    .select(['id', 'theme', 'status', 'source', 'created_at'])
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('status', '!=', 'closed')
    .where((eb) => eb.or([eb('source', '=', 'parent'), eb('status', '!=', 'open')]))
    .orderBy('created_at', 'desc')
    .execute()
}

/** Offers the school opened for this new family that still wait: the parent may decline. */
export async function newFamilyOffers(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_requests')
    .select(['id', 'theme'])
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('source', '=', 'auto')
    .where('status', '=', 'open')
    .execute()
}

/** A parent's own referrals, to show on their buddy page. */
export async function referralsOf(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_referrals as r')
    .innerJoin('buddy_programmes as p', (j) =>
      j.onRef('p.id', '=', 'r.programme_id').onRef('p.school_id', '=', 'r.school_id'),
    )
    .select([
      'r.id',
      'p.id as programmeId',
      'p.name',
      'p.description',
      'p.contact',
      'r.referred_at',
    ])
    .where('r.school_id', '=', schoolId)
    .where('r.person_id', '=', personId)
    .orderBy('r.referred_at', 'desc')
    .execute()
}

export interface ListedOffer {
  offerId: string
  buddyId: string
  showName: boolean
  themes: string[]
  name: string
}

/**
 * Active offers with room for one more whose buddy allowed their name to be shown to a parent
 * who asks, other than the parent's own. The name rides along for listedBuddies, which asks
 * the policy; a command that only checks an offer ignores it.
 */
export async function listedOffers(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<ListedOffer[]> {
  const pool = await matchingPool(db, schoolId)
  return pool.buddies
    .filter((b) => b.showName && b.personId !== personId && b.activeLinks < b.capacity)
    .map((b) => ({
      offerId: b.id,
      buddyId: b.personId,
      showName: b.showName,
      themes: [...b.themes],
      name: b.name,
    }))
}

export interface ListedBuddy {
  offerId: string
  name: string
  themes: string[]
}

/** The buddies a parent may contact directly: only these names reach a parent before a link. */
export async function listedBuddies(db: Db, v: Viewer): Promise<ListedBuddy[]> {
  const { schoolId } = v.p
  return (await listedOffers(db, schoolId, v.p.personId))
    .filter((o) => can(v.p, 'buddies.seeName', { on: 'listing', schoolId, ...o }, v.env))
    .map((o) => ({ offerId: o.offerId, name: o.name, themes: o.themes }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export interface ParentView {
  welcome: { id: string; theme: string }[]
  due: CheckinDue[]
  offers: { id: string; theme: string }[]
  asks: { id: string; theme: string }[]
  links: ActiveLink[]
  requests: Awaited<ReturnType<typeof myRequests>>
  offer: Offer | undefined
  listed: ListedBuddy[]
  referrals: Awaited<ReturnType<typeof referralsOf>>
}

export async function loadParentView(db: Db, v: Viewer): Promise<ParentView> {
  const { schoolId, personId } = v.p
  const [welcome, due, offers, asks, links, requests, offer, listed, referrals] = await Promise.all(
    [
      newFamilyOffers(db, schoolId, personId),
      checkinsDue(db, schoolId, personId),
      offersForParent(db, schoolId, personId),
      asksForBuddy(db, schoolId, personId),
      activeLinks(db, v),
      myRequests(db, schoolId, personId),
      getOffer(db, schoolId, personId),
      listedBuddies(db, v),
      referralsOf(db, schoolId, personId),
    ],
  )
  return { welcome, due, offers, asks, links, requests, offer, listed, referrals }
}
