// Reads and validates every environment variable Kringwerk understands, once, at start-up.
// The README's configuration table mirrors this file; keep them in step.
import { resolve } from 'node:path'
import { z } from 'zod'

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  BASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Kringwerk <noreply@kringwerk.example>'),
  KRINGWERK_DEMO: z.enum(['0', '1']).optional(),
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // How many reverse proxies stand in front of the app (0: none, the socket's address counts).
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  /** Absent: the embedded PGlite engine in dataDir. */
  databaseUrl?: string
  baseUrl: string
  smtpUrl?: string
  mailFrom: string
  /** Demo mode: seeds the demo school, lists personas, opens the outbox. Never in production. */
  demo: boolean
  production: boolean
  logLevel: string
  /**
   * The number of trusted reverse proxies in front of the app: the client is the address the
   * outermost of them saw, that many entries from the right of X-Forwarded-For. 0: none.
   */
  trustProxy: number
  /** Session cookies carry `Secure` when the public address is https. */
  secureCookies: boolean
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = Env.parse(env)
  const production = e.NODE_ENV === 'production'
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    baseUrl,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    demo: !production && e.KRINGWERK_DEMO !== '0',
    production,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    secureCookies: baseUrl.startsWith('https:'),
  }
}
