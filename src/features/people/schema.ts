// Input shapes for inviting staff and parents, changing roles and importing a parent list.
import { z } from 'zod'
import { LANGUAGES, ROLES } from '../../core/db/schema.ts'
import { label } from '../../core/http/forms.ts'

export const email = z.string().trim().toLowerCase().max(254).pipe(z.email())
const name = label(200)
const language = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
  z.enum(LANGUAGES).default('nl'),
)

export const StaffInvite = z.object({
  name,
  email,
  role: z.enum(ROLES.filter((r) => r !== 'parent') as [string, ...string[]]),
  language,
})
export type StaffInvite = z.output<typeof StaffInvite>

export const RoleChangeInput = z.object({
  role: z.enum(ROLES),
  op: z.enum(['grant', 'revoke']),
})

/** One parent: from the single-invite form, or one line of a CSV list. */
export const ParentRow = z
  .object({
    name,
    email,
    child: label(100, 0).optional().default(''),
    group: label(40, 0).optional().default(''),
    language,
    /** An existing child of the class, picked on the class page (a second parent). */
    childId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
  })
  .superRefine((v, ctx) => {
    if (!v.child && !v.childId)
      ctx.addIssue({ code: 'custom', path: ['child'], message: 'form.required' })
  })
export type ParentRow = z.output<typeof ParentRow>

export const AssignTeacher = z.object({ personId: z.uuid() })

/** The CSV columns, in order, when the file has no header line. */
export const CSV_COLUMNS = ['name', 'email', 'child', 'group', 'language'] as const
export const MAX_IMPORT_ROWS = 2000
