// Opens the database, migrates, seeds the demo when asked and the database is empty, and
// assembles the dependencies. Shared by the server, the CLI, tests and benchmarks.
import { Background } from './background.ts'
import type { Config } from './config.ts'
import { type DatabaseHandle, migrate, openDatabase } from './db/index.ts'
import type { Deps, Wiring } from './http/context.ts'
import { createLogger, type Logger } from './log.ts'
import { createMailer } from './mail.ts'
import { loadSecret } from './secrets.ts'

export interface Booted {
  deps: Deps
  handle: DatabaseHandle
}

export async function boot(
  config: Config,
  opts: { wiring: Wiring; log?: Logger; inMemory?: boolean },
): Promise<Booted> {
  const log = opts.log ?? createLogger(config.logLevel)
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: opts.inMemory ? undefined : config.dataDir,
    onConnectionError: (err) =>
      log.warn(
        { event: 'db.connection.error', errorCode: (err as { code?: string }).code },
        'database connection lost',
      ),
    // Another process may be writing the same files now: stop at once rather than corrupt
    // them. A supervisor restarts the server, which then waits for the lock like anyone.
    onLockLost: (err) => {
      log.fatal(
        { event: 'db.lock.lost', errorCode: (err as { code?: string }).code },
        'lost the lock on DATA_DIR; stopping before the database is corrupted',
      )
      process.exit(75)
    },
  })
  let secret: string
  try {
    const applied = await migrate(handle.db)
    if (applied.length) log.info({ event: 'migrate', applied }, 'migrations applied')
    secret = await loadSecret(handle.db)
  } catch (e) {
    await handle.close()
    throw e
  }
  const mailer = createMailer(config, handle.db, log)
  const background = new Background(log)
  return {
    deps: {
      db: handle.db,
      engine: handle.engine,
      config,
      mailer,
      log,
      secret,
      background,
      ...opts.wiring,
    },
    handle,
  }
}
