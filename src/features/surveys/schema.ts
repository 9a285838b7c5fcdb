// The shapes of the bevragingen' forms.
import { z } from 'zod'
import { SURVEY_ASKERS, SURVEY_KINDS } from '../../core/db/schema.ts'
import { label } from '../../core/http/forms.ts'

const ids = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.uuid()).max(40),
)
const text = (max: number, message: string) => z.string(message).trim().min(1, message).max(max)

export const PlanInput = z.object({
  kind: z.enum(SURVEY_KINDS, 'surveys.form.kindRequired'),
  title: label(120),
  asker: z.enum(SURVEY_ASKERS, 'surveys.form.askerRequired'),
  purpose: text(1000, 'surveys.form.purposeRequired'),
  audience: z.enum(['school', 'groups'], 'surveys.form.audienceRequired'),
  groups: ids,
  team: z.preprocess((v) => v === 'on' || v === 'yes', z.boolean()),
})
export type PlanInput = z.output<typeof PlanInput>

export const FeedbackInput = z.object({
  do: text(2000, 'surveys.form.doRequired'),
  not: z.string().trim().max(2000).optional().default(''),
})
