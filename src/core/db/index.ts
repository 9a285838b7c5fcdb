// The one database handle: Kysely over embedded PGlite (default, data in DATA_DIR) or over a
// PostgreSQL server (DATABASE_URL). Same SQL, same migrations, on both engines.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { migrations } from '../../migrations/index.ts'
import { PGlitePool } from './pglite-pool.ts'
import type { Database } from './schema.ts'

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
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, types: pgTypes })
    // An idle connection that the server drops must not crash the process: the pool replaces it.
    pool.on('error', (err) => opts.onConnectionError?.(err))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, engine: 'postgres', close: () => db.destroy() }
  }
  let dir: string | undefined
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true })
    dir = join(opts.dataDir, 'pglite')
  }
  const lite = await PGlite.create(dir)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new PGlitePool(lite) }) })
  return { db, engine: 'pglite', close: () => db.destroy() }
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
