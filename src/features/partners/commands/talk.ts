// "Ik wil graag praten met de opvoedadviseur": a parent asks to be contacted, and gives the
// partner their name and how to reach them with a yes in the ledger; the partner says when the
// first contact was made; the parent can take it back. The audit log names no parent (the
// director reads it), and the mail to the partner names nobody either.
import { grantConsent, withdrawConsent } from '../../../core/consent.ts'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError } from '../../../core/errors.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { CONFIDENTIAL_MAIL, gatherMail, mailPerson } from '../../../core/mail.ts'
import { partnerAudit } from '../audit.ts'
import { talkScope } from '../consents.ts'
import type { TalkInput } from '../schema.ts'

export async function askTalk(
  deps: ServiceDeps,
  schoolId: string,
  personId: string,
  input: TalkInput,
): Promise<string> {
  return gatherMail(deps, async (d) => {
    const { id, partners } = await transact(d.db, async (trx) => {
      // The partner chosen must serve this school; "any" is every partner who does.
      const serving = await trx
        .selectFrom('memberships')
        .select('person_id')
        .where('school_id', '=', schoolId)
        .where('role', '=', 'partner')
        .execute()
      const ids = serving.map((s) => s.person_id)
      const partnerId = input.partner === 'any' ? null : input.partner
      if (partnerId !== null && !ids.includes(partnerId))
        throw new DomainError(400, 'partners.form.partnerRequired')
      if (!ids.length) throw new DomainError(409, 'partners.empty')
      const open = await trx
        .selectFrom('partner_requests')
        .select('id')
        .where('school_id', '=', schoolId)
        .where('person_id', '=', personId)
        .where('contacted_at', 'is', null)
        .where('withdrawn_at', 'is', null)
        .executeTakeFirst()
      if (open) throw new DomainError(409, 'partners.talkOpen')
      const row = await trx
        .insertInto('partner_requests')
        .values({
          school_id: schoolId,
          person_id: personId,
          partner_id: partnerId,
          channel: input.channel,
          phone: input.channel === 'phone' ? input.phone : null,
          note: input.note || null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await grantConsent(trx, {
        schoolId,
        personId,
        scope: talkScope.of(row.id),
        by: personId,
      })
      await partnerAudit.record(trx, {
        schoolId,
        actorId: null,
        action: 'partner.talk',
        subjectId: row.id,
      })
      return { id: row.id, partners: partnerId ? [partnerId] : ids }
    }).catch((e: unknown) => {
      // Two presses at once: the unique index on an open wish lets only one through.
      if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505')
        throw new DomainError(409, 'partners.talkOpen')
      throw e
    })
    for (const p of partners)
      await mailPerson(
        d.db,
        d.mailer,
        p,
        (t, firstName) => ({
          subject: t('partners.mail.talkSubject'),
          text: [
            t('partners.mail.hello', { name: firstName }),
            t('partners.mail.talk'),
            `${t('partners.mail.see')}\n${d.baseUrl}/partners#talks`,
          ].join('\n\n'),
        }),
        CONFIDENTIAL_MAIL,
      )
    return id
  })
}

/** The partner made the first contact: the wish is answered. */
export async function confirmTalk(db: Db, schoolId: string, id: string, partnerId: string) {
  await transact(db, async (trx) => {
    const done = await trx
      .updateTable('partner_requests')
      .set({ contacted_at: new Date(), contacted_by: partnerId })
      .where('id', '=', id)
      .where('school_id', '=', schoolId)
      .where('contacted_at', 'is', null)
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst()
    // A second press (or a wish just withdrawn) changes nothing and logs nothing.
    if (!Number(done.numUpdatedRows)) return
    await partnerAudit.record(trx, {
      schoolId,
      actorId: partnerId,
      action: 'partner.contact',
      subjectId: id,
    })
  })
}

/** What ends with the consent: the wish (the ledger's onWithdraw, and "toch niet" below). */
export async function endTalk(db: Db, schoolId: string, personId: string, id: string) {
  await db
    .updateTable('partner_requests')
    .set({ withdrawn_at: new Date() })
    .where('id', '=', id)
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('withdrawn_at', 'is', null)
    .execute()
}

/** "Toch niet": the parent takes the yes back on /partners; the wish ends with it. */
export async function withdrawTalk(db: Db, schoolId: string, personId: string, id: string) {
  await transact(db, async (trx) => {
    await withdrawConsent(trx, {
      schoolId,
      personId,
      scope: talkScope.of(id),
      by: personId,
    })
    await endTalk(trx, schoolId, personId, id)
  })
}
