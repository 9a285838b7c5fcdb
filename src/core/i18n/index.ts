// The one i18n lookup. One flat catalog per language in ./catalogs; Dutch is the source and
// the fallback. A test fails when any catalog lacks a key that Dutch has.
import type { Language } from '../db/schema.ts'
import { LANGUAGES } from '../db/schema.ts'
import ar from './catalogs/ar.json' with { type: 'json' }
import en from './catalogs/en.json' with { type: 'json' }
import fr from './catalogs/fr.json' with { type: 'json' }
import nl from './catalogs/nl.json' with { type: 'json' }
import pl from './catalogs/pl.json' with { type: 'json' }
import tr from './catalogs/tr.json' with { type: 'json' }
import uk from './catalogs/uk.json' with { type: 'json' }

export type MessageKey = keyof typeof nl
export type Params = Record<string, string | number>
export type T = (key: MessageKey, params?: Params) => string

export const catalogs: Record<Language, Partial<Record<MessageKey, string>>> = {
  nl,
  en,
  fr,
  ar,
  tr,
  pl,
  uk,
}

/** Each language's own name for itself, for language pickers. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  nl: 'Nederlands',
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
  tr: 'Türkçe',
  pl: 'Polski',
  uk: 'Українська',
}

const RTL: ReadonlySet<Language> = new Set<Language>(['ar'])

export const direction = (lang: Language): 'rtl' | 'ltr' => (RTL.has(lang) ? 'rtl' : 'ltr')

export const isLanguage = (v: unknown): v is Language =>
  typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v)

const cache = new Map<Language, T>()

export function translator(lang: Language): T {
  let t = cache.get(lang)
  if (!t) {
    const catalog = catalogs[lang]
    t = (key, params) => {
      const text = catalog[key] ?? nl[key] ?? key
      if (!params) return text
      return text.replace(/\{(\w+)\}/g, (m, name: string) =>
        name in params ? String(params[name]) : m,
      )
    }
    cache.set(lang, t)
  }
  return t
}

/** Picks the best supported language from an Accept-Language header; Dutch when none fits. */
export function negotiate(header: string | undefined | null): Language {
  if (!header) return 'nl'
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=')
      return { lang: tag.toLowerCase().slice(0, 2), q: q ? Number(q) : 1 }
    })
    .sort((a, b) => b.q - a.q)
  return (wanted.find((w) => isLanguage(w.lang))?.lang as Language | undefined) ?? 'nl'
}

// ---- numbers, CSV and language names in the reader's language ----

const numberFormats = new Map<string, Intl.NumberFormat>()

/** A number in the reader's language: 3.8 is "3,8" in Dutch and "3.8" in English. */
export function formatNumber(
  lang: Language,
  n: number,
  opts: Intl.NumberFormatOptions = {},
): string {
  const key = `${lang}:${JSON.stringify(opts)}`
  let f = numberFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(lang, opts)
    numberFormats.set(key, f)
  }
  return f.format(n)
}

/** A number with exactly `digits` decimals: an average of 3.8 on a scale of 1 to 5. */
export const formatDecimal = (lang: Language, n: number, digits = 1): string =>
  formatNumber(lang, n, { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** A share of 0..1 as a whole percentage in the reader's language: "85%", "85 %", "%85". */
export const formatPercent = (lang: Language, share: number): string =>
  formatNumber(lang, share, { style: 'percent', maximumFractionDigits: 0 })

/** The reader's decimal separator: "," in Dutch, "." in English. */
export const decimalSeparator = (lang: Language): string =>
  new Intl.NumberFormat(lang).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.'

/**
 * How a spreadsheet in the reader's language expects a CSV: where the decimal is a comma
 * (Dutch, French, Turkish, Polish, Ukrainian Excel), fields are separated by ";". A UTF-8 BOM
 * always, so Excel reads "Français" and Arabic as UTF-8 instead of the local code page.
 */
export const csvDialect = (lang: Language): { delimiter: ',' | ';'; bom: true } => ({
  delimiter: decimalSeparator(lang) === ',' ? ';' : ',',
  bom: true,
})

const displayNames = new Map<Language, Intl.DisplayNames>()

/**
 * A language's name in the reader's language: "pl" is "Pools" to a Dutch reader and "Polish"
 * to an English one. Any code a person typed (a home language such as "so") is named too; a
 * code Intl does not know stays as it was typed.
 */
export function languageName(code: string, inLang: Language): string {
  let names = displayNames.get(inLang)
  if (!names) {
    names = new Intl.DisplayNames([inLang], { type: 'language', fallback: 'code' })
    displayNames.set(inLang, names)
  }
  try {
    return names.of(code) ?? code
  } catch {
    return code
  }
}

/**
 * The reader's name for a language, to follow its own name where a person picks one: " (Pools)"
 * after "Polski" on a Dutch page; "" where it would repeat the own name ("Nederlands").
 */
export function languageAside(code: Language, inLang: Language): string {
  const own = LANGUAGE_NAMES[code]
  const theirs = languageName(code, inLang)
  return code === inLang || theirs.toLocaleLowerCase(inLang) === own.toLocaleLowerCase(inLang)
    ? ''
    : ` (${theirs})`
}

/** A language in its own name and the reader's: "Polski (Pools)", for a picker's option. */
export const languageLabel = (code: Language, inLang: Language): string =>
  `${LANGUAGE_NAMES[code]}${languageAside(code, inLang)}`
