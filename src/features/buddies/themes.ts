// Ouderbuddy themes: the experiences parents share, from seed 001 (druk gedrag / ADHD?,
// scheiding, dyslexie, andere cultuur, taal, nieuw op school) and a few more schools name.
// Codes only; each language's catalog says them in words (theme.<code>). A school adds its
// own themes ('s:<id>'), shown as the school typed them, in every language.
import type { MessageKey, T } from '../../core/i18n/index.ts'

export const THEMES = [
  'adhd',
  'scheiding',
  'dyslexie',
  'cultuur',
  'taal',
  'nieuw',
  'pesten',
  'ziekte',
] as const
export type Theme = (typeof THEMES)[number]

export const themeLabel = (code: string): MessageKey => `theme.${code}` as MessageKey

/**
 * Themes a school may hand to its own coordinator (seed 001: new kleuters and language
 * buddies are often arranged by the director, bouwcoördinator or groep 1/2 teacher). All
 * other themes are coordinated by the IB.
 */
export const NAMED_COORDINATOR_THEMES = ['nieuw', 'taal'] as const
export type NamedCoordinatorTheme = (typeof NAMED_COORDINATOR_THEMES)[number]

/** A school's own theme code: 's:' and the row id (fits the 40 characters a theme may have). */
export const schoolThemeCode = (id: string): string => `s:${id}`
export const SCHOOL_THEME_CODE =
  /^s:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i
export const isSchoolTheme = (code: string): boolean => SCHOOL_THEME_CODE.test(code)

/** A theme in words: a built-in one from the catalog, a school's own as the school typed it. */
export const themeName = (t: T, code: string, own: ReadonlyMap<string, string>): string =>
  own.get(code) ?? t(themeLabel(code))
