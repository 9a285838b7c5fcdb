// Profile input: language, how the person likes to be reached, and an optional phone.
import { z } from 'zod'
import { CONTACT_CHANNELS, LANGUAGES } from '../../core/db/schema.ts'
import { label } from '../../core/http/forms.ts'

export const ProfileInput = z
  .object({
    name: label(200),
    language: z.enum(LANGUAGES),
    contactChannel: z.enum(CONTACT_CHANNELS),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[+0-9 ()-]*$/, 'profile.phoneFormat')
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (v.contactChannel === 'phone' && !v.phone) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'profile.phoneNeeded' })
    }
  })
export type ProfileInput = z.output<typeof ProfileInput>
