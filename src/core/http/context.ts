// The shape of a request's context: shared dependencies and what the core middleware
// established (principal, language, CSRF token, request id).
import type { Context } from 'hono'
import type { Background } from '../background.ts'
import type { Config } from '../config.ts'
import type { Db, Engine } from '../db/index.ts'
import type { Language } from '../db/schema.ts'
import type { T } from '../i18n/index.ts'
import type { Logger } from '../log.ts'
import type { Mailer } from '../mail.ts'
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
}

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
