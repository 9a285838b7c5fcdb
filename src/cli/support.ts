// What the commands share once they run: the configuration and a quiet logger, a booted app
// whose database handle is always closed, school lookup and English messages.
import { sql } from 'kysely'
import pino from 'pino'
import { ZodError } from 'zod'
import { wiring } from '../composition.ts'
import { type Booted, boot } from '../core/boot.ts'
import { type Config, loadConfig } from '../core/config.ts'
import { type DatabaseHandle, openDatabase } from '../core/db/index.ts'
import { type MessageKey, translator } from '../core/i18n/index.ts'
import { createLogger, type Logger } from '../core/log.ts'
import { Failure, UsageError } from './io.ts'

export const en = translator('en')
export const message = (key: MessageKey | string) => en(key as MessageKey)

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env)
  } catch (e) {
    if (e instanceof ZodError) {
      const lines = e.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`)
      throw new UsageError(`invalid environment variable ${lines.join('; ')}`)
    }
    throw e
  }
}

/**
 * The CLI logs JSON to stderr, and only warnings and worse unless LOG_LEVEL asks for more:
 * stdout stays free for results, and the terminal for people.
 */
export function cliLogger(env: Record<string, string | undefined> = process.env): Logger {
  return createLogger(env.LOG_LEVEL || 'warn', pino.destination({ fd: 2, sync: true }))
}

export const describeDatabase = (config: Config) =>
  config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`

/** Opens the database alone, without migrating or the rest of the app; always closes it. */
export async function withDatabase<T>(
  fn: (handle: DatabaseHandle, config: Config) => Promise<T>,
): Promise<T> {
  const config = readConfig()
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    return await fn(handle, config)
  } finally {
    await handle.close()
  }
}

/** Boots the app as the server does (migrations, mailer) and always closes the database. */
export async function withApp<T>(fn: (booted: Booted, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig()
  const booted = await boot(config, { wiring: wiring(), log: cliLogger() })
  try {
    return await fn(booted, config)
  } finally {
    await booted.handle.close()
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A school by id, or by name (case-insensitive). A name that several schools share is refused
 * rather than guessed: the id is then the way to say which one.
 */
export async function resolveSchool(
  booted: Booted,
  ref: string,
): Promise<{ id: string; name: string }> {
  const { db } = booted.deps
  const rows = UUID.test(ref)
    ? await db.selectFrom('schools').select(['id', 'name']).where('id', '=', ref).execute()
    : await db
        .selectFrom('schools')
        .select(['id', 'name', 'city'])
        .where(sql<string>`lower(name)`, '=', ref.trim().toLowerCase())
        .orderBy('created_at')
        .execute()
  if (rows.length === 1) return rows[0] as { id: string; name: string }
  if (rows.length > 1) {
    throw new Failure(
      `${rows.length} schools are called "${ref}"; give the id instead:`,
      rows.map((r) => `  ${r.id}  ${r.name}${'city' in r && r.city ? ` (${r.city})` : ''}`),
    )
  }
  const known = await db
    .selectFrom('schools')
    .select(['id', 'name'])
    .orderBy('name')
    .limit(11)
    .execute()
  throw new Failure(
    `no school with ${UUID.test(ref) ? 'id' : 'name'} "${ref}"`,
    known.length === 0
      ? ['There are no schools yet: create one with `kringwerk create-school`.']
      : [
          'Known schools:',
          ...known.slice(0, 10).map((s) => `  ${s.id}  ${s.name}`),
          ...(known.length > 10 ? ['  …'] : []),
        ],
  )
}

/** Where invitation mail went, for the closing line of a command. */
export const mailNote = (booted: Booted) =>
  booted.deps.mailer.kind === 'smtp'
    ? 'sent over SMTP'
    : 'stored in the outbox table (no SMTP_URL set)'
