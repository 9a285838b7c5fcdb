// Booking a spreekuur slot, and cancelling it. No reason is asked; the booker may add a topic
// for the partner's eyes only, and may ask for their child's teacher to join. Both sides hear
// of it by mail in their own language; the mails carry no topic (a mailbox is not the place).

import { transact } from '../../../core/db/transact.ts'
import { DomainError } from '../../../core/errors.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { CONFIDENTIAL_MAIL, gatherMail, mailPerson } from '../../../core/mail.ts'
import { formatWhen } from '../../../core/time.ts'
import { partnerAudit } from '../audit.ts'
import type { HourDetail, LoadedBooking } from '../read/hour.ts'
import type { BookInput } from '../schema.ts'
import { isSlotOf } from '../slots.ts'

const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && 'code' in e && (e as { code: unknown }).code === '23505'

export async function bookSlot(
  deps: ServiceDeps,
  hour: HourDetail,
  schoolId: string,
  bookerId: string,
  input: BookInput,
): Promise<string> {
  const at = new Date(input.slot)
  const slot = hour.slots.find((s) => s.startsAt.getTime() === at.getTime())
  if (!slot || !isSlotOf(hour, at) || at <= new Date())
    throw new DomainError(400, 'partners.noSuchSlot')
  if (slot.taken) throw new DomainError(409, 'partners.slotTaken')
  return gatherMail(deps, async (d) => {
    let id: string
    try {
      id = await transact(d.db, async (trx) => {
        const row = await trx
          .insertInto('partner_bookings')
          .values({
            hour_id: hour.id,
            school_id: schoolId,
            starts_at: at,
            person_id: bookerId,
            topic: input.topic || null,
            with_teacher: input.withTeacher,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await partnerAudit.record(trx, {
          schoolId,
          actorId: null,
          action: 'partner.book',
          subjectId: hour.id,
        })
        return row.id
      })
    } catch (e) {
      // Someone else took the time a moment ago, or this person booked here already.
      if (isUniqueViolation(e)) throw new DomainError(409, 'partners.slotTaken')
      throw e
    }
    const link = `${d.baseUrl}/partners/hours/${hour.id}`
    await mailPerson(
      d.db,
      d.mailer,
      bookerId,
      (t, firstName, language) => ({
        subject: t('partners.mail.bookedSubject', { name: hour.partnerName }),
        text: [
          t('partners.mail.hello', { name: firstName }),
          t('partners.mail.booked', {
            name: hour.partnerName,
            when: formatWhen(language, at),
            place: hour.place,
          }),
          t('partners.promise'),
          `${t('partners.mail.change')}\n${link}`,
        ].join('\n\n'),
      }),
      CONFIDENTIAL_MAIL,
    )
    await mailPerson(
      d.db,
      d.mailer,
      hour.partnerId,
      (t, firstName, language) => ({
        subject: t('partners.mail.newBookingSubject', { when: formatWhen(language, at) }),
        text: [
          t('partners.mail.hello', { name: firstName }),
          t('partners.mail.newBooking', { when: formatWhen(language, at), place: hour.place }),
          `${t('partners.mail.see')}\n${link}`,
        ].join('\n\n'),
      }),
      CONFIDENTIAL_MAIL,
    )
    return id
  })
}

/** Cancels a booking; the other side hears of it. The slot is free again at once. */
export async function cancelBooking(
  deps: ServiceDeps,
  schoolId: string,
  booking: LoadedBooking,
  actorId: string,
): Promise<void> {
  await gatherMail(deps, async (d) => {
    const cancelled = await transact(d.db, async (trx) => {
      const done = await trx
        .updateTable('partner_bookings')
        .set({ cancelled_at: new Date() })
        .where('id', '=', booking.id)
        .where('cancelled_at', 'is', null)
        .executeTakeFirst()
      // A second press changes nothing: no second entry, no second mail.
      if (!Number(done.numUpdatedRows)) return false
      await partnerAudit.record(trx, {
        schoolId,
        actorId: actorId === booking.partnerId ? actorId : null,
        action: 'partner.cancel',
        subjectId: booking.hourId,
      })
      return true
    })
    if (!cancelled) return
    const other = actorId === booking.bookerId ? booking.partnerId : booking.bookerId
    const link = `${d.baseUrl}/partners`
    await mailPerson(
      d.db,
      d.mailer,
      other,
      (t, firstName, language) => ({
        subject: t('partners.mail.cancelledSubject', {
          when: formatWhen(language, booking.startsAt),
        }),
        text: [
          t('partners.mail.hello', { name: firstName }),
          t('partners.mail.cancelled', {
            when: formatWhen(language, booking.startsAt),
            place: booking.place,
          }),
          `${t('partners.mail.rebook')}\n${link}`,
        ].join('\n\n'),
      }),
      CONFIDENTIAL_MAIL,
    )
  })
}
