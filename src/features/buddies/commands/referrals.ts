// Help beyond school: the school's outside programmes, and referring a parent to one, only
// with the parent's consent on record. The programme is mailed the parent's name and contact
// only while that consent stands; the parent withdraws it, or gives it again, on their
// consents page (/profile/consents, through the ledger and consents.ts).
import { sql } from 'kysely'
import { consentState, grantConsent } from '../../../core/consent.ts'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError } from '../../../core/errors.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { translator } from '../../../core/i18n/index.ts'
import { buddyAudit } from '../audit.ts'
import { referralScope } from '../consents.ts'
import { loadProgramme, referralContact } from '../read/settings.ts'
import { isEmailAddress, type ProgrammeInput } from '../schema.ts'

export async function addProgramme(
  db: Db,
  schoolId: string,
  actorId: string,
  input: ProgrammeInput,
) {
  await db
    .insertInto('buddy_programmes')
    .values({ school_id: schoolId, created_by: actorId, ...input })
    .execute()
}

/**
 * Refers a parent to an outside programme. Only with the parent's consent on record: the
 * coordinator records the yes the parent gave them (`recordConsent`), or it is already there.
 * The referral is stored with its time and audit-logged; the programme is mailed the parent's
 * name and contact details only when its contact is an address and the consent holds.
 */
export async function refer(
  deps: ServiceDeps,
  schoolId: string,
  actorId: string,
  parentId: string,
  programmeId: string,
  recordConsent: boolean,
): Promise<{ mailed: boolean }> {
  const programme = await loadProgramme(deps.db, schoolId, programmeId)
  const who = { schoolId, personId: parentId, scope: referralScope.of(programme.id) }
  const referralId = await transact(deps.db, async (trx) => {
    const consent = await consentState(trx, who)
    if (recordConsent && consent === 'none') await grantConsent(trx, { ...who, by: actorId })
    // A parent who withdrew says yes again themselves; a coordinator cannot overrule it.
    else if (recordConsent && consent === 'withdrawn')
      throw new DomainError(409, 'buddies.consentWithdrawn')
    else if (consent !== 'given') throw new DomainError(409, 'buddies.referralNeedsConsent')
    const row = await trx
      .insertInto('buddy_referrals')
      .values({
        school_id: schoolId,
        programme_id: programme.id,
        person_id: parentId,
        referred_by: actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await buddyAudit.record(trx, {
      schoolId,
      actorId,
      action: 'buddy.referral',
      // Not the parent: the audit log's readers include the admin, who is no care role.
      subjectId: null,
      detail: { programmeId: programme.id, referralId: row.id },
    })
    return row.id
  })
  if (!isEmailAddress(programme.contact)) return { mailed: false }
  const contact = await referralContact(deps.db, schoolId, parentId, programme.id)
  if (!contact) return { mailed: false }
  // The programme is the school's partner: it is written to in Dutch.
  const t = translator('nl')
  const outcome = await deps.mailer.send({
    to: programme.contact,
    personId: null,
    subject: t('mail.referral.subject', { school: contact.school }),
    text: t('mail.referral.body', { ...contact, programme: programme.name }),
  })
  // Only mail the programme has (or can read in the outbox) counts as mailed; the page then
  // tells the parent and the coordinator to make contact themselves.
  if (outcome !== 'sent' && outcome !== 'stored') return { mailed: false }
  await deps.db
    .updateTable('buddy_referrals')
    .set({ mailed_at: sql<Date>`now()` })
    .where('id', '=', referralId)
    .execute()
  return { mailed: true }
}
