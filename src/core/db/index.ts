// The one database handle: Kysely over embedded PGlite (default, data in DATA_DIR) or over a
// PostgreSQL server (DATABASE_URL). Same SQL, same migrations, on both engines.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import lockfile from 'proper-lockfile'
import { migrations } from '../../migrations/index.ts'
import { PGlitePool } from './pglite-pool.ts'
import type { Database } from './schema.ts'
import { guardPool } from './transact.ts'

export type Db = Kysely<Database>
export type Engine = 'pglite' | 'postgres'

export interface DatabaseHandle {
  db: Db
  engine: Engine
  close(): Promise<void>
}

// pg returns int8 (count(*), sums) as strings; PGlite returns numbers. Agree on numbers.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => Number(v)
    return pg.types.getTypeParser(oid, format as 'text')
  },
}

export interface OpenOptions {
  databaseUrl?: string
  /** Directory for PGlite's files; absent means in-memory (tests). */
  dataDir?: string
  /** Told when an idle server connection fails (server restart, admin termination). */
  onConnectionError?: (err: Error) => void
  /**
   * Told when this process lost its lock on DATA_DIR (another process took it, or this one
   * stalled past the stale time). Writing on could corrupt the database: boot() ends the
   * process.
   */
  onLockLost?: (err: Error) => void
}

/**
 * Two processes on one embedded database would each keep their own buffers over the same
 * files and corrupt them: a running server and a CLI command, or two servers. DATA_DIR is
 * therefore locked while a database is open in it (a lock directory, refreshed every 10 s;
 * one left by a crashed process counts as stale after 30 s).
 */
export const DATA_DIR_LOCK = { file: 'kringwerk.lock', staleMs: 30_000, updateMs: 10_000 }

export class DataDirInUse extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is in use by another Kringwerk process (a running ` +
        'server or command). Stop it first, or use a PostgreSQL server (DATABASE_URL) when ' +
        `several processes need the data. If nothing is running, try again in ${DATA_DIR_LOCK.staleMs / 1000} seconds.`,
    )
  }
}

/** Beside the lock: who holds it (host and process id), to tell a crashed owner at once. */
const ownerFile = (dataDir: string) => join(dataDir, `${DATA_DIR_LOCK.file}.owner`)

/**
 * Whether the lock's owner is known to be gone: it wrote its host and pid beside the lock,
 * runs on this host, and no such process exists. Anything unknown counts as alive, so an
 * owner on another machine sharing the directory still gets the stale time.
 */
function ownerGone(dataDir: string): boolean {
  try {
    const [host, pidText] = readFileSync(ownerFile(dataDir), 'utf8').trim().split(' ')
    const pid = Number(pidText)
    if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid)
      return false
    process.kill(pid, 0)
    return false
  } catch (err) {
    return (err as { code?: string }).code === 'ESRCH'
  }
}

async function lockDataDir(
  dataDir: string,
  onLockLost?: (err: Error) => void,
): Promise<() => Promise<void>> {
  const take = () =>
    lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, DATA_DIR_LOCK.file),
      realpath: false,
      stale: DATA_DIR_LOCK.staleMs,
      update: DATA_DIR_LOCK.updateMs,
      // The default would throw from a timer and end the process; say it instead.
      onCompromised: (err) => onLockLost?.(err),
    })
  let release: () => Promise<void>
  try {
    release = await take()
  } catch (err) {
    if ((err as { code?: string }).code !== 'ELOCKED') throw err
    // A process that crashed (kill -9, power loss) leaves its lock behind: when its owner is
    // certainly gone, the lock is taken over at once instead of after the stale time.
    if (!ownerGone(dataDir)) throw new DataDirInUse(dataDir)
    rmSync(join(dataDir, DATA_DIR_LOCK.file), { recursive: true, force: true })
    try {
      release = await take()
    } catch (again) {
      if ((again as { code?: string }).code === 'ELOCKED') throw new DataDirInUse(dataDir)
      throw again
    }
  }
  writeFileSync(ownerFile(dataDir), `${hostname()} ${process.pid}\n`)
  return async () => {
    rmSync(ownerFile(dataDir), { force: true })
    await release()
  }
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, types: pgTypes })
    // An idle connection that the server drops must not crash the process: the pool replaces it.
    pool.on('error', (err) => opts.onConnectionError?.(err))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardPool(pool) }) })
    return { db, engine: 'postgres', close: () => db.destroy() }
  }
  let dir: string | undefined
  let unlock = async () => {}
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true })
    dir = join(opts.dataDir, 'pglite')
    unlock = await lockDataDir(opts.dataDir, opts.onLockLost)
  }
  let lite: PGlite
  try {
    lite = await PGlite.create(dir)
  } catch (err) {
    await unlock()
    throw err
  }
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: guardPool(new PGlitePool(lite)) }),
  })
  return {
    db,
    engine: 'pglite',
    close: async () => {
      try {
        await db.destroy()
      } finally {
        // A lock already lost (see onLockLost) has nothing left to release.
        await unlock().catch((err: { code?: string }) => {
          if (err.code !== 'ERELEASED') throw err
        })
      }
    },
  }
}

export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db)
}
