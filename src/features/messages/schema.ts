// The shapes of the messages forms.
import { z } from 'zod'
import { MESSAGE_AUDIENCES } from '../../core/db/schema.ts'
import { clockTime, label, schoolDate } from '../../core/http/forms.ts'

const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess(
    (v) =>
      v === '' || (typeof v === 'object' && v !== null && Object.values(v).every((x) => x === ''))
        ? undefined
        : v,
    s.optional(),
  )

const ids = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.uuid()).max(40),
)

/**
 * The writing form. Which fields count depends on the template (templates.ts) and on the
 * audience; `completeness` in the route names what is missing, with the form kept.
 */
export const ComposeInput = z.object({
  template: z
    .string()
    .regex(/^[a-zA-Z]{1,40}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  audience: z.enum(MESSAGE_AUDIENCES, 'messages.form.audienceRequired'),
  groups: ids,
  child: optional(z.uuid('messages.form.childRequired')),
  subject: optional(label(120)),
  body: optional(z.string().trim().max(4000)),
  date: optional(schoolDate()),
  time: optional(clockTime()),
  endTime: optional(clockTime()),
  place: optional(label(120)),
  bring: optional(label(200)),
  amount: optional(label(40)),
  urgent: z.preprocess((v) => v === 'on' || v === 'yes', z.boolean()),
  intent: z.enum(['preview', 'send']),
})
export type ComposeInput = z.output<typeof ComposeInput>

export const DigestInput = z.object({ delivery: z.enum(['each', 'digest']) })
