// A parent's offer to be a buddy: made and changed by the parent themselves (that is their
// consent, recorded with its scope), paused, resumed or withdrawn.
import { sql } from 'kysely'
import { grantConsent, withdrawConsent } from '../../../core/consent.ts'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { NotFound } from '../../../core/errors.ts'
import { offerScope, showNameScope } from '../consents.ts'
import { standing, unconsented } from '../read/links.ts'
import type { OfferInput } from '../schema.ts'
import { withdrawLinkYes } from './links.ts'

/** The parent confirms an offer themselves: this is their consent, recorded with its scope. */
export async function saveOffer(db: Db, schoolId: string, personId: string, input: OfferInput) {
  await transact(db, async (trx) => {
    const values = {
      themes: input.themes,
      languages: input.languages,
      show_name: input.showName,
      contact_channel: input.contactChannel,
      capacity: input.capacity,
      until: input.until ?? null,
      status: 'active' as const,
    }
    await trx
      .insertInto('buddy_offers')
      .values({ school_id: schoolId, person_id: personId, ...values })
      .onConflict((oc) =>
        oc
          .columns(['school_id', 'person_id'])
          .doUpdateSet({ ...values, updated_at: sql<Date>`now()` }),
      )
      .execute()
    const who = { schoolId, personId, by: personId }
    await withdrawConsent(trx, { ...who, scope: offerScope.of() })
    await withdrawConsent(trx, { ...who, scope: showNameScope.of() })
    await grantConsent(trx, { ...who, scope: offerScope.of() })
    if (input.showName) await grantConsent(trx, { ...who, scope: showNameScope.of() })
  })
}

/** Proposals of this offer that were not yet agreed by both end; their requests open again. */
async function endOpenProposals(trx: Db, schoolId: string, personId: string, offerId: string) {
  const ended = await trx
    .updateTable('buddy_links')
    .set({ closed_at: sql<Date>`now()` })
    .where('offer_id', '=', offerId)
    .where(standing('buddy_links'))
    .where(unconsented('buddy_links'))
    .returning(['id', 'request_id'])
    .execute()
  await withdrawLinkYes(
    trx,
    schoolId,
    ended.map((e) => e.id),
    personId,
  )
  if (ended.length) {
    await trx
      .updateTable('buddy_requests')
      .set({ status: 'open' })
      .where(
        'id',
        'in',
        ended.map((e) => e.request_id),
      )
      .execute()
  }
}

async function setStatus(
  trx: Db,
  schoolId: string,
  personId: string,
  status: 'active' | 'paused' | 'withdrawn',
) {
  return (
    trx
      .updateTable('buddy_offers')
      .set({ status, updated_at: sql<Date>`now()` })
      .where('school_id', '=', schoolId)
      .where('person_id', '=', personId)
      // A withdrawn offer is made again with its choices and a new yes (saveOffer), never
      // switched back on: its consents were withdrawn with it.
      .where('status', '!=', 'withdrawn')
      .returning('id')
      .executeTakeFirst()
  )
}

/**
 * Stopping as a buddy: the offer is withdrawn with both its consents, it vanishes from the
 * registry and its open proposals end. Also what withdrawing 'buddy.offer' does.
 */
export async function endOffer(trx: Db, schoolId: string, personId: string): Promise<void> {
  const offer = await setStatus(trx, schoolId, personId, 'withdrawn')
  await hideName(trx, schoolId, personId)
  const who = { schoolId, personId, by: personId }
  await withdrawConsent(trx, { ...who, scope: offerScope.of() })
  await withdrawConsent(trx, { ...who, scope: showNameScope.of() })
  if (offer) await endOpenProposals(trx, schoolId, personId, offer.id)
}

/** Pause or withdraw: withdrawn offers vanish from the registry and their open proposals end. */
export async function setOfferStatus(
  db: Db,
  schoolId: string,
  personId: string,
  status: 'active' | 'paused' | 'withdrawn',
) {
  await transact(db, async (trx) => {
    if (status === 'withdrawn') {
      if (!(await getOfferId(trx, schoolId, personId))) throw new NotFound()
      return endOffer(trx, schoolId, personId)
    }
    const offer = await setStatus(trx, schoolId, personId, status)
    if (!offer) throw new NotFound()
    if (status === 'paused') await endOpenProposals(trx, schoolId, personId, offer.id)
  })
}

async function getOfferId(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_offers')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

/** The buddy takes back "my name may be shown": they are no longer listed to parents. */
export async function hideName(trx: Db, schoolId: string, personId: string): Promise<void> {
  await trx
    .updateTable('buddy_offers')
    .set({ show_name: false, updated_at: sql<Date>`now()` })
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .execute()
}
