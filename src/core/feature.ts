// What a feature hands the app where it is composed (src/composition.ts): its routes and
// everything core must know about it without naming it: the notices its redirects use, its
// audit actions, its kinds of consent and the events it listens to.
import type { Scope } from './consent.ts'
import type { Subscription } from './events.ts'
import type { PersonalData } from './personal-data.ts'

export interface Feature<R> {
  name: string
  routes?: (r: R) => void
  /** `?notice=` codes its redirects use; each has a `notice.<code>` key. */
  notices?: readonly string[]
  /** Its audit actions (from defineAudit); each has an `audit.action.<name>` key. */
  audit?: readonly string[]
  /** Its kinds of consent in the one ledger. */
  scopes?: readonly Scope[]
  /** What it does when another feature says something happened. */
  on?: readonly Subscription[]
  /** What it holds about a person, for their own download (core/personal-data.ts). */
  personalData?: PersonalData
}
