// Input shapes for offering experience, asking for a buddy, signalling and answering.
import { z } from 'zod'
import { CONTACT_CHANNELS, LANGUAGES } from '../../core/db/schema.ts'
import { label } from '../../core/http/forms.ts'
import { NAMED_COORDINATOR_THEMES, THEMES } from './themes.ts'

/** A checkbox group arrives as a string (one ticked) or an array (several). */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item))

/** The theme codes a school offers: the built-in ones and the school's own. */
type Codes = readonly [string, ...string[]]
const theme = (codes: Codes) => z.enum(codes as [string, ...string[]])

export const offerInput = (codes: Codes = THEMES) =>
  z.object({
    themes: many(theme(codes)).pipe(z.array(theme(codes)).min(1, 'buddies.pickTheme').max(20)),
    languages: many(z.enum(LANGUAGES)),
    showName: z.preprocess((v) => v === 'yes', z.boolean()),
    contactChannel: z.enum(CONTACT_CHANNELS),
    capacity: z.coerce.number().int().min(1).max(5),
    until: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.iso.date('buddies.dateFormat').optional(),
    ),
  })
export type OfferInput = z.output<ReturnType<typeof offerInput>>

export const askInput = (codes: Codes = THEMES) => z.object({ theme: theme(codes) })
export const signalInput = (codes: Codes = THEMES) =>
  z.object({ parentId: z.uuid(), theme: theme(codes) })
export const RecruitInput = z.object({ candidateId: z.uuid() })
export const CheckinInput = z.object({ answer: z.enum(['yes', 'somewhat', 'no']) })
export const AnswerInput = z.object({ answer: z.enum(['yes', 'no']) })
export const ProposeInput = z.object({ offerId: z.uuid() })
export const OfferStatusInput = z.object({ status: z.enum(['active', 'paused', 'withdrawn']) })
/** A director names a coordinator for 'nieuw' or 'taal'; an empty choice gives it back to the IB. */
export const CoordinatorInput = z.object({
  theme: z.enum(NAMED_COORDINATOR_THEMES),
  personId: z.union([z.literal(''), z.uuid()]),
})

/** Most themes a school may add of its own. */
export const MAX_SCHOOL_THEMES = 20

/**
 * A school's own theme: a short label in Dutch, as parents will read it. `taken` holds the
 * labels already in use (the built-in Dutch ones and the school's own), lower-cased.
 */
export const schoolThemeInput = (taken: readonly string[], count: number) =>
  z.object({
    label: z
      .string()
      .trim()
      .min(2)
      .max(60)
      .regex(/^[^<>{}\p{Cc}\p{Cf}]*$/u, 'form.invalid')
      .refine((v) => !taken.includes(v.toLowerCase()), 'buddies.themeTaken')
      .refine(() => count < MAX_SCHOOL_THEMES, 'buddies.themeLimit'),
  })

/** The director's switch: every new groep-1 family is offered a buddy. */
export const NewFamiliesInput = z.object({
  offerNewFamilies: z.preprocess((v) => v === 'yes', z.boolean()),
})

export const isEmailAddress = (v: string): boolean => z.email().safeParse(v).success
const isWebsite = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol)
  } catch {
    return false
  }
}

/** An outside programme: a name, a short description, an e-mail address or a website. */
export const ProgrammeInput = z.object({
  // No control or bidi characters: these go into mails.
  name: label(100, 2),
  description: z
    .string()
    .trim()
    .max(300)
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, 'form.invalid')
    .optional()
    .default(''),
  contact: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .refine((v) => isEmailAddress(v) || isWebsite(v), 'buddies.programmeContactFormat'),
})
export type ProgrammeInput = z.output<typeof ProgrammeInput>

/** A referral; `consent` records the parent's yes (said to the coordinator) first. */
export const ReferInput = z.object({
  parentId: z.uuid(),
  programmeId: z.uuid(),
  consent: z.preprocess((v) => v === 'yes', z.boolean()),
})

/** At most this many parents answer a coordinator's search by name. */
export const PARENT_MATCHES = 30

/** A coordinator's search for a parent by name (`?parent=`); too long counts as no search. */
export const ParentSearchInput = z.object({
  parent: label(100, 0).default(''),
})

/** Ways to narrow the coordinator's work queue. */
export const QUEUE_STATUSES = ['open', 'proposed'] as const
export const QUEUE_WAITS = [0, 7, 14, 30] as const
export const QUEUE_SORTS = ['oldest', 'newest'] as const

/**
 * The work queue's filters. POSTed, like the parent search: a name typed in `q` never lands
 * in a URL. Anything out of range falls back to the default rather than erroring.
 */
export const QueueInput = z.object({
  theme: z.string().max(40).optional().catch(undefined),
  status: z.enum(QUEUE_STATUSES).catch('open'),
  wait: z.coerce
    .number()
    .pipe(z.union(QUEUE_WAITS.map((w) => z.literal(w))))
    .catch(0),
  sort: z.enum(QUEUE_SORTS).catch('oldest'),
  q: z.string().trim().max(100).catch(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
})
export type QueueFilter = z.output<typeof QueueInput>
export const DEFAULT_QUEUE: QueueFilter = {
  theme: undefined,
  status: 'open',
  wait: 0,
  sort: 'oldest',
  q: '',
  page: 1,
}
