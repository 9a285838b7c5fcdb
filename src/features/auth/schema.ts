// Input shapes for signing in.
import { z } from 'zod'
import { isLocalPath } from '../../core/http/forms.ts'
import { PERSONAS } from '../../demo/personas.ts'

const email = z.string().trim().toLowerCase().max(254).pipe(z.email())

/** Only a local path may follow sign-in: never another site. */
export const nextPath = z
  .string()
  .optional()
  .transform((v) => (v && isLocalPath(v) && !v.startsWith('/signin') ? v : '/home'))

export const RequestLink = z.object({ email, next: nextPath })
export const EnterCode = z.object({
  email,
  code: z
    .string()
    .transform((v) => v.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'signin.codeFormat')),
  next: nextPath,
})
export const VerifyLink = z.object({ token: z.string().min(20).max(100), next: nextPath })
export const DemoSignIn = z.object({ persona: z.enum(PERSONAS) })
