// The words of the circles method (seed 000) as codes; each catalog says them in words.
// Kinds of kring, the agreements a circle keeps, and the six pillars its evaluation asks about.
import type { CircleAudience, CircleKind } from '../../core/db/schema.ts'
import type { MessageKey, T } from '../../core/i18n/index.ts'

export { CIRCLE_KINDS } from '../../core/db/schema.ts'

/** Who takes a place: children and teens through a parent; everyone else for themselves. */
export const AUDIENCE: Record<Exclude<CircleKind, 'eigen'>, CircleAudience> = {
  kinder: 'child',
  puber: 'child',
  jongeren: 'adult',
  ouder: 'adult',
  leerkracht: 'adult',
  mantelzorg: 'adult',
}

/** Always the first agreement, shown at every meeting: it is not a choice. */
export const CONFIDENTIAL = 'confidential'

/** Agreements a facilitator may add; codes so every member reads them in their language. */
export const AGREEMENTS = ['finish', 'noJudging', 'pass', 'own', 'phones', 'lateWelcome'] as const
export type Agreement = (typeof AGREEMENTS)[number]

/** The six pillars of the method, asked in the anonymous evaluation (1 = no .. 5 = yes). */
export const PILLARS = ['story', 'notJudged', 'tips', 'confidence', 'safe', 'shared'] as const

/** An evaluation shows results only when at least this many people answered. */
export const K_ANONYMITY = 5

export const kindLabel = (kind: string): MessageKey => `circles.kind.${kind}` as MessageKey
export const agreementLabel = (code: string): MessageKey =>
  `circles.agreement.${code}` as MessageKey
export const pillarLabel = (code: string): MessageKey => `circles.pillar.${code}` as MessageKey

/** A circle's kind in the reader's words: a host's own kind by its own name. */
export const kindName = (t: T, r: { kind: string; kindLabel: string | null }) =>
  r.kind === 'eigen' && r.kindLabel ? r.kindLabel : t(kindLabel(r.kind))
