// The shape of a request's context: shared dependencies and what the core middleware
// established (principal, language, CSRF token, request id).
import type { Context } from 'hono'
import type { Background } from '../background.ts'
import type { Config } from '../config.ts'
import type { ConsentLedger } from '../consent.ts'
import type { Db, Engine } from '../db/index.ts'
import type { Language } from '../db/schema.ts'
import type { Events, ServiceDeps } from '../events.ts'
import type { T } from '../i18n/index.ts'
import type { Logger } from '../log.ts'
import type { Mailer } from '../mail.ts'
import type { PersonalDataRegistry } from '../personal-data.ts'
import type { Principal } from '../principal.ts'

export interface Deps {
  db: Db
  engine: Engine
  config: Config
  mailer: Mailer
  log: Logger
  secret: string
  /** Work that runs after the answer (see core/background.ts). */
  background: Background
  /** What features tell each other, wired where the app is composed. */
  events: Events
  /** The one consent ledger, with every feature's scopes. */
  consents: ConsentLedger
  /** What each feature holds about a person, for their own download. */
  personalData: PersonalDataRegistry
}

/** How the features are wired together: made once where the app is composed. */
export type Wiring = Pick<Deps, 'events' | 'consents' | 'personalData'>

export interface AppEnv {
  Variables: {
    deps: Deps
    principal: Principal | null
    lang: Language
    t: T
    csrf: string
    requestId: string
  }
}

export type Ctx = Context<AppEnv>

/** What a feature's commands need, from the request's dependencies. */
export const serviceDeps = (c: Ctx): ServiceDeps => {
  const d = c.get('deps')
  return { db: d.db, mailer: d.mailer, baseUrl: d.config.baseUrl, events: d.events }
}
