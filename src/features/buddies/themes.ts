// Ouderbuddy themes: the experiences parents share, from seed 001 (druk gedrag / ADHD?,
// scheiding, dyslexie, andere cultuur, taal, nieuw op school) and a few more schools name.
// Codes only; each language's catalog says them in words (theme.<code>).
import type { MessageKey } from '../../core/i18n/index.ts'

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
