// Input shapes for circles. The sign-up shapes have no reason, referral or problem field:
// a test checks that none can be added without it failing.
import { z } from 'zod'
import { CIRCLE_KINDS, LANGUAGES } from '../../core/db/schema.ts'
import { clockTime, label, schoolDate, schoolDateText } from '../../core/http/forms.ts'
import { AGREEMENTS, PILLARS } from './kinds.ts'
import { RECURRENCES } from './schedule.ts'

/** A checkbox group arrives as a string (one ticked) or an array (several). */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item))

/** One line of text: no control characters (they would end a line in a calendar or a CSV). */
const text = (max: number) => label(max)
const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), s.optional())

/** A school date: ISO, and within this century (a year 9999 makes no meeting). */
/** A school date, as people write it ("12-01-2027", "12 januari 2027", the three boxes). */
const date = schoolDate('circles.dateFormat')
/** The groups a children's circle is for (groep 1..8); none ticked: every group. */
const grades = many(z.coerce.number().int().min(1).max(8))
/** A clock time: "19.30", "19:30", "19u30" all come out as "19:30". */
const time = clockTime('circles.timeFormat')

export const CircleInput = z
  .object({
    name: text(120),
    kind: z.enum(CIRCLE_KINDS),
    kindLabel: optional(text(60)),
    audience: optional(z.enum(['child', 'adult'])),
    grades,
    place: text(160),
    capacity: z.coerce.number().int().min(2).max(40),
    languages: many(z.enum(LANGUAGES)).pipe(
      z.array(z.enum(LANGUAGES)).min(1, 'circles.pickLanguage'),
    ),
    agreements: many(z.enum(AGREEMENTS)),
    facilitators: many(z.uuid()).pipe(z.array(z.uuid()).max(2, 'circles.twoFacilitators')),
    schools: many(z.uuid()),
    firstDate: date,
    time,
    duration: z.coerce.number().int().min(15).max(240),
    recurrence: z.enum(RECURRENCES),
    count: z.coerce.number().int().min(1).max(40),
    dates: optional(
      z
        .string()
        .max(600)
        .transform((s) =>
          s
            .split(/[,;\n]+/)
            .map((d) => d.trim())
            .filter(Boolean),
        )
        .pipe(z.array(schoolDateText('circles.dateFormat')).max(40)),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'eigen' && !v.kindLabel)
      ctx.addIssue({ code: 'custom', path: ['kindLabel'], message: 'circles.kindLabelNeeded' })
  })
export type CircleInput = z.output<typeof CircleInput>

/** The host's settings: who facilitates, how many places, open or closed. */
export const SettingsInput = z.object({
  facilitators: many(z.uuid()).pipe(z.array(z.uuid()).max(2, 'circles.twoFacilitators')),
  capacity: z.coerce.number().int().min(2).max(40),
  status: z.enum(['open', 'closed']),
  grades,
})
export type SettingsInput = z.output<typeof SettingsInput>

/** The facilitator hands an adult circle to a participant convener (or takes it back). */
export const AutonomyInput = z.object({
  autonomous: z.preprocess((v) => v === 'yes', z.boolean()),
  convenerId: optional(z.uuid()),
})
export type AutonomyInput = z.output<typeof AutonomyInput>

export const LeaveInput = z.object({ memberId: z.uuid() })
/** A form of buttons only. */
export const Nothing = z.object({})

export const FacilitatorInput = z.object({
  personId: z.uuid(),
  training: text(120),
  trainedOn: date,
})

/** Signing up yourself (signed in). Deliberately nothing else: no reason, no referral. */
export const JoinSelfInput = z.object({ for: z.literal('self') })
/** A parent takes a place for a child, and consents to it. */
export const JoinChildInput = z.object({
  for: z.uuid(),
  consent: z.literal('yes', 'circles.consentNeeded'),
})
/** Signing up without an account: a first name and an address to confirm by mail. */
export const JoinByMailInput = z.object({
  firstName: text(100),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
})

/** The press on a mailed join link: the link's secret, nothing else (the rest is bound to it). */
export const JoinLinkInput = z.object({ token: z.string().min(20).max(100) })

export const DecideInput = z.object({ decision: z.enum(['confirm', 'decline']) })
export const TopicInput = z.object({
  topic: text(200),
  anonymous: z.preprocess((v) => v === 'yes', z.boolean()),
})
export const AttendanceInput = z.object({ present: many(z.uuid()) })
export const MeetingInput = z.object({
  date,
  time,
  duration: z.coerce.number().int().min(15).max(240),
})

const score = z.coerce.number().int().min(1).max(5)
export const EvaluationInput = z.object({
  ...(Object.fromEntries(PILLARS.map((p) => [p, score])) as Record<
    (typeof PILLARS)[number],
    typeof score
  >),
})
