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
