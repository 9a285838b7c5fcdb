// Form input goes through zod here, and only here. Errors come back as message keys per
// field, so the form re-renders in the user's language with nothing stored.
import { z } from 'zod'
import { DomainError } from '../errors.ts'
import nl from '../i18n/catalogs/nl.json' with { type: 'json' }
import type { MessageKey } from '../i18n/index.ts'
import type { Ctx } from './context.ts'
import type { FieldErrors } from './render.tsx'

/**
 * Characters nobody means to type in a name or a label: control characters (NUL, ESC, CR/LF,
 * DEL, …) and the bidi controls that reorder text and let a name pose as another (U+202A–E,
 * U+2066–9, U+200E/F, U+061C). The zero-width (non-)joiners stay: Persian and Arabic names
 * need them.
 */
const UNTYPEABLE = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u

/** One line a person types as a name or label: trimmed, within bounds, nothing untypeable. */
export const label = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !UNTYPEABLE.test(v), 'form.invalid')

export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string> }

export function messageFor(issue: z.core.$ZodIssue): MessageKey {
  // A schema may name a catalog key as its message: z.string().regex(re, 'signin.codeFormat').
  if (issue.message in nl) return issue.message as MessageKey
  switch (issue.code) {
    case 'too_small':
      return 'form.required'
    case 'too_big':
      return 'form.tooLong'
    case 'invalid_format':
      return (issue as { format?: string }).format === 'email' ? 'form.email' : 'form.invalid'
    case 'invalid_value':
      return 'form.choice'
    case 'invalid_type':
      return 'form.required'
    default:
      return 'form.invalid'
  }
}

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= messageFor(issue)
  }
  return errors
}

/** Reads an urlencoded or multipart body, drops the CSRF field and validates the rest. */
export async function readForm<S extends z.ZodType>(
  c: Ctx,
  schema: S,
): Promise<FormResult<z.output<S>>> {
  // all: a checkbox group sends one key several times; keep every value, not the last.
  const body = await c.req.parseBody({ all: true })
  const values: Record<string, string> = {}
  const raw: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue
    raw[k] = v
    if (typeof v === 'string') values[k] = v
  }
  // A NUL byte is never input (PostgreSQL text cannot even hold one): the field is refused
  // as a form error before any schema or query sees it.
  const withNul = Object.entries(raw).filter(([, v]) =>
    (Array.isArray(v) ? v : [v]).some((x) => typeof x === 'string' && x.includes('\u0000')),
  )
  if (withNul.length) {
    return {
      ok: false,
      errors: Object.fromEntries(withNul.map(([k]) => [k, 'form.invalid' as const])),
      values,
    }
  }
  const parsed = schema.safeParse(raw)
  if (parsed.success) return { ok: true, data: parsed.data }
  return { ok: false, errors: issuesToErrors(parsed.error.issues), values }
}

/**
 * For forms made only of our own buttons, hidden fields and selects: invalid input cannot come
 * from a person filling in the form, so it is a plain bad request, not a re-render.
 */
export async function requireForm<S extends z.ZodType>(c: Ctx, schema: S): Promise<z.output<S>> {
  const form = await readForm(c, schema)
  if (!form.ok) throw new DomainError(400, 'error.badRequest')
  return form.data
}
