// The shapes of the partners' forms. The booking form has no reason field on purpose: a
// topic may be given, never asked for (test/partners.test.ts checks the shape).
import { z } from 'zod'
import { HOUR_KINDS, TALK_CHANNELS } from '../../core/db/schema.ts'
import { clockTime, label, schoolDate } from '../../core/http/forms.ts'

const checkbox = z.preprocess((v) => v === 'on' || v === 'yes', z.boolean())
const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), s.optional())

/** Once, or a series on the same weekday (monthly: the same weekday of the month). */
export const PARTNER_RECURRENCES = ['once', 'weekly', 'fortnightly', 'monthly'] as const

/** A partner's hours at the school: one day or a series that skips the school's days off. */
export const HoursInput = z
  .object({
    kind: z.enum(HOUR_KINDS, 'partners.form.kindRequired'),
    firstDate: schoolDate('partners.form.date'),
    time: clockTime('partners.form.time'),
    minutes: z.coerce
      .number('partners.form.minutes')
      .int('partners.form.minutes')
      .min(15, 'partners.form.minutes')
      .max(480, 'partners.form.minutes'),
    slotMinutes: optional(
      z.coerce
        .number('partners.form.slotMinutes')
        .int('partners.form.slotMinutes')
        .min(10, 'partners.form.slotMinutes')
        .max(120, 'partners.form.slotMinutes'),
    ),
    recurrence: z.enum(PARTNER_RECURRENCES, 'partners.form.recurrence'),
    count: optional(
      z.coerce
        .number('partners.form.count')
        .int('partners.form.count')
        .min(1, 'partners.form.count')
        .max(20, 'partners.form.count'),
    ),
    place: label(120),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'spreekuur' && !v.slotMinutes)
      ctx.addIssue({ code: 'custom', path: ['slotMinutes'], message: 'partners.form.slotMinutes' })
    if (v.slotMinutes && v.slotMinutes > v.minutes)
      ctx.addIssue({ code: 'custom', path: ['slotMinutes'], message: 'partners.form.slotMinutes' })
  })
export type HoursInput = z.output<typeof HoursInput>

/** Booking a slot: which one, and — only if the booker wants — a topic and the teacher. */
export const BookInput = z.object({
  slot: z.iso.datetime({ offset: true, message: 'partners.form.slotRequired' }),
  topic: z.string().trim().max(300, 'partners.form.topicTooLong').optional().default(''),
  withTeacher: checkbox,
})
export type BookInput = z.output<typeof BookInput>

/** "Ik wil graag praten": who (or anyone), how to be reached, when it suits; and the yes. */
export const TalkInput = z
  .object({
    partner: z.union([z.literal('any'), z.uuid()], 'partners.form.partnerRequired'),
    channel: z.enum(TALK_CHANNELS, 'partners.form.channelRequired'),
    phone: z.string().trim().max(40, 'partners.form.phone').optional().default(''),
    note: z.string().trim().max(200, 'partners.form.noteTooLong').optional().default(''),
    consent: z.literal('yes', 'partners.form.consentRequired'),
  })
  .superRefine((v, ctx) => {
    if (
      v.channel === 'phone' &&
      (!/^\+?[\d\s\-().]+$/.test(v.phone) || v.phone.replace(/\D/g, '').length < 6)
    )
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'partners.form.phone' })
  })
export type TalkInput = z.output<typeof TalkInput>
