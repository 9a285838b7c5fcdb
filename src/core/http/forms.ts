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

/** A path on this site to send a person on to (after sign-in, a language choice): never elsewhere. */
export const isLocalPath = (v: string): boolean => /^\/(?!\/)[\w\-/.?=&%]*$/.test(v)

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
    if (typeof v === 'string') values[k] = v
    // A field named "date.day" is one part of the field "date" (a date input's three boxes).
    const [field, part] = k.split('.', 2) as [string, string | undefined]
    if (part === undefined) raw[k] = v
    else if (typeof v === 'string') {
      const parts = (
        typeof raw[field] === 'object' && raw[field] !== null ? raw[field] : {}
      ) as Record<string, string>
      raw[field] = { ...parts, [part]: v }
    }
  }
  // A NUL byte is never input (PostgreSQL text cannot even hold one): the field is refused
  // as a form error before any schema or query sees it.
  const withNul = Object.entries(values).filter(([, v]) => v.includes('\u0000'))
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v) && v.some((x) => typeof x === 'string' && x.includes('\u0000')))
      withNul.push([k, ''])
  }
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

// ---- dates and times as people type them ----

/** Every month name and abbreviation in the languages we speak, lower case, accents kept. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const names = new Map<string, number>()
  for (const lang of ['nl', 'en', 'fr', 'ar', 'tr', 'pl', 'uk', 'de']) {
    for (const month of ['long', 'short'] as const) {
      // Polish and Ukrainian name a month differently in a date ("12 stycznia"): take both.
      for (const withDay of [false, true]) {
        const f = new Intl.DateTimeFormat(lang, withDay ? { month, day: 'numeric' } : { month })
        for (let m = 0; m < 12; m++) {
          const parts = f.formatToParts(new Date(Date.UTC(2027, m, 12, 12)))
          const name = parts.find((p) => p.type === 'month')?.value.toLocaleLowerCase(lang)
          if (name) names.set(name.replace(/\.$/, ''), m + 1)
        }
      }
    }
  }
  return names
})()

const monthOf = (s: string): number | undefined => {
  const v = s.trim().toLocaleLowerCase().replace(/\.$/, '')
  if (/^\d{1,2}$/.test(v)) return Number(v)
  return MONTHS.get(v)
}

/** yyyy-mm-dd for a real calendar day in 2000–2099, else undefined. */
function isoDay(y: string, m: number, d: number): string | undefined {
  // Two digits are this century ("27" → 2027); four are taken as written ("0027" is no year of ours).
  const year = y.length === 2 ? 2000 + Number(y) : Number(y)
  if (year < 2000 || year > 2099 || m < 1 || m > 12 || d < 1) return undefined
  const date = new Date(Date.UTC(year, m - 1, d))
  if (date.getUTCMonth() !== m - 1) return undefined // 31 February
  return date.toISOString().slice(0, 10)
}

/**
 * A date as people write it: "12-01-2027", "12/1/2027", "12.01.27", "12 januari 2027",
 * "12 jan. 2027", "2027-01-12", or the day / month / year boxes of a date input (the month
 * as a number or a name, in any of our languages; a whole date pasted in one box counts).
 */
export function parseDate(input: string | { day?: string; month?: string; year?: string }) {
  if (typeof input !== 'string') {
    const [d = '', m = '', y = ''] = [input.day, input.month, input.year].map((v) => v?.trim())
    const whole = [d, m, y].filter(Boolean)
    if (whole.length === 1) return parseDate(whole[0] as string)
    const month = monthOf(m)
    if (!/^\d{1,2}$/.test(d) || !/^\d{2}(\d{2})?$/.test(y) || month === undefined) return undefined
    return isoDay(y, month, Number(d))
  }
  const s = input.trim()
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s)
  if (iso) return isoDay(iso[1] as string, Number(iso[2]), Number(iso[3]))
  const dmy = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})$/.exec(s)
  if (dmy) return isoDay(dmy[3] as string, Number(dmy[2]), Number(dmy[1]))
  const named = /^(\d{1,2})\.?\s+([\p{L}.]+)\s+(\d{2}|\d{4})$/u.exec(s)
  if (named) {
    const month = monthOf(named[2] as string)
    return month === undefined ? undefined : isoDay(named[3] as string, month, Number(named[1]))
  }
  return undefined
}

/** A clock time as people write it: "19:30", "19.30", "19u30", "19h30", "1930", "19" → "19:30". */
export function parseTime(input: string): string | undefined {
  const m = /^(\d{1,2})(?:\s*(?:[:.hu]|uur)\s*(\d{2})?|(\d{2}))?\s*(?:uur)?$/i.exec(input.trim())
  if (!m) return undefined
  const h = Number(m[1])
  const min = Number(m[2] ?? m[3] ?? 0)
  if (h > 23 || min > 59) return undefined
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`
}

const datePartsShape = z.object({
  day: z.string().optional(),
  month: z.string().optional(),
  year: z.string().optional(),
})

const toIso =
  (message: string) =>
  (v: Parameters<typeof parseDate>[0], ctx: z.core.$RefinementCtx): string => {
    const iso = parseDate(v)
    if (!iso) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return iso
  }

/** A school date field (DateField sends day / month / year; a text field sends one string). */
export const schoolDate = (message: string = 'form.date') =>
  z.union([z.string(), datePartsShape]).transform(toIso(message))

/** One date written as text (an item of a list of dates), as people write it. */
export const schoolDateText = (message: string = 'form.date') =>
  z.string().transform(toIso(message))

/** A clock time field; the value comes out as "HH:MM". */
export const clockTime = (message: string = 'form.time') =>
  z.string().transform((v, ctx) => {
    const hhmm = parseTime(v)
    if (!hhmm) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return hhmm
  })
