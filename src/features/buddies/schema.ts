// Input shapes for offering experience, asking for a buddy, signalling and answering.
import { z } from 'zod'
import { CONTACT_CHANNELS, LANGUAGES } from '../../core/db/schema.ts'
import { NAMED_COORDINATOR_THEMES, THEMES } from './themes.ts'

/** A checkbox group arrives as a string (one ticked) or an array (several). */
const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item))

export const OfferInput = z.object({
  themes: many(z.enum(THEMES)).pipe(z.array(z.enum(THEMES)).min(1, 'buddies.pickTheme')),
  languages: many(z.enum(LANGUAGES)),
  showName: z.preprocess((v) => v === 'yes', z.boolean()),
  contactChannel: z.enum(CONTACT_CHANNELS),
  capacity: z.coerce.number().int().min(1).max(5),
  until: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.iso.date('buddies.dateFormat').optional(),
  ),
})
export type OfferInput = z.output<typeof OfferInput>

export const AskInput = z.object({ theme: z.enum(THEMES) })
export const SignalInput = z.object({ parentId: z.uuid(), theme: z.enum(THEMES) })
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
