// Backup and restore, the same on both engines: a logical dump of every table in one snapshot,
// gzipped JSON lines, that restores into an empty database of either engine (so a school's
// trial on the embedded database can move to a municipality's PostgreSQL server as it is).
//
// Line 1 is the header (format, the migrations the data was written under, rows per table);
// then each table's rows, up to BATCH per line, in an order that puts every row after the rows
// it refers to. The file holds everything, the server secret and sessions too: it is written
// readable by its owner only, and must be kept like the database itself.

import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { access, rename, rm } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import { createGunzip, createGzip } from 'node:zlib'
import { Migrator, sql } from 'kysely'
import { migrations } from '../../migrations/index.ts'
import type { Db } from './index.ts'
import { transact } from './transact.ts'

export const BACKUP_FORMAT = 'kringwerk-backup/1'
const BATCH = 500
/** Kysely's own bookkeeping: the header carries the migrations instead. */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock'])

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  createdAt: string
  migrations: string[]
  tables: Record<string, number>
}

export class RestoreRefused extends Error {}

type Row = Record<string, unknown>

/** The app's tables, each after every table it refers to. */
async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((t) => !SKIPPED.has(t))
  const refs = (
    await sql<{ t: string; r: string }>`select c.conrelid::regclass::text as t,
      c.confrelid::regclass::text as r from pg_constraint c
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`.execute(db)
  ).rows
  const after = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]))
  for (const { t, r } of refs) {
    // A table that refers to itself would need its rows in order: none does, and one that
    // appears is refused below rather than restored wrongly.
    after.get(t)?.add(r)
  }
  const ordered: string[] = []
  const placed = new Set<string>()
  while (ordered.length < tables.length) {
    const next = tables.filter(
      (t) => !placed.has(t) && [...(after.get(t) ?? [])].every((r) => placed.has(r)),
    )
    if (!next.length) throw new Error('tables refer to each other in a cycle: cannot order them')
    for (const t of next) {
      placed.add(t)
      ordered.push(t)
    }
  }
  // Sessions last: triggers on memberships and guardianships (migration 0003) clear a session's
  // principal snapshot, and nothing refers to a session.
  return [...ordered.filter((t) => t !== 'sessions'), ...ordered.filter((t) => t === 'sessions')]
}

const appliedMigrations = async (db: Db): Promise<string[]> =>
  (await new Migrator({ db, provider: { getMigrations: async () => migrations } }).getMigrations())
    .filter((m) => m.executedAt)
    .map((m) => m.name)

/** Writes every row of the database, as one snapshot, to `file` (owner-only). */
export async function writeBackup(db: Db, file: string): Promise<BackupHeader> {
  // Written beside the target, owner-only from its first byte, and renamed when complete: an
  // older file is never left with looser permissions, nor replaced by half a backup.
  const partial = `${file}.partial`
  const gzip = createGzip()
  const target = createWriteStream(partial, { mode: 0o600, flags: 'wx' })
  let failure: Error | null = null
  const done = new Promise<void>((resolve, reject) => {
    const fail = (e: Error) => {
      failure ??= e
      reject(e)
    }
    target.on('finish', resolve)
    target.on('error', fail)
    gzip.on('error', fail)
  })
  done.catch(() => {})
  gzip.pipe(target)
  const write = async (line: unknown) => {
    if (failure) throw failure
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await Promise.race([once(gzip, 'drain'), done])
  }
  try {
    const header = await transact(db, async (trx) => {
      // One snapshot for every table, also while a server writes on (PostgreSQL).
      await sql`set transaction isolation level repeatable read, read only`.execute(trx)
      const tables = await tablesInOrder(trx)
      const counts: Record<string, number> = {}
      for (const t of tables) {
        const { rows } = await sql<{
          n: number
        }>`select count(*)::int as n from ${sql.table(t)}`.execute(trx)
        counts[t] = rows[0]?.n ?? 0
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        createdAt: new Date().toISOString(),
        migrations: await appliedMigrations(trx),
        tables: counts,
      }
      await write(header)
      for (const t of tables) {
        // Pages in physical order: stable within the snapshot, and no sort of the whole table.
        let after = '(0,0)'
        for (;;) {
          const { rows } = await sql<{ at: string; row: Row }>`select t.ctid::text as at,
            to_jsonb(t) as row from ${sql.table(t)} t where t.ctid > ${after}::tid
            order by t.ctid limit ${BATCH}`.execute(trx)
          if (!rows.length) break
          await write({ table: t, rows: rows.map((r) => r.row) })
          after = rows[rows.length - 1]?.at ?? after
          if (rows.length < BATCH) break
        }
      }
      return header
    })
    gzip.end()
    await done
    await rename(partial, file)
    return header
  } catch (e) {
    gzip.destroy()
    target.destroy()
    await rm(partial, { force: true })
    throw e
  }
}

/** The lines of a backup file: the header, then batches of rows; a read error ends it. */
async function* readLines(file: string): AsyncGenerator<unknown> {
  const source = createReadStream(file)
  const gunzip = createGunzip()
  let failure: Error | null = null
  const fail = (e: Error) => {
    failure ??= e
    gunzip.destroy()
  }
  source.on('error', fail)
  gunzip.on('error', fail)
  const lines = createInterface({ input: source.pipe(gunzip) })
  for await (const line of lines) {
    if (failure) break
    if (line.trim()) yield JSON.parse(line)
  }
  if (failure) throw failure
}

function isHeader(x: unknown): x is BackupHeader {
  const h = x as BackupHeader
  return (
    typeof h === 'object' &&
    h !== null &&
    h.format === BACKUP_FORMAT &&
    Array.isArray(h.migrations) &&
    typeof h.tables === 'object'
  )
}

/** Tables that hold rows, apart from what a start-up writes by itself (the server secret). */
async function rowsPresent(db: Db, tables: readonly string[]): Promise<string[]> {
  const full: string[] = []
  for (const t of tables) {
    if (t === 'app_secrets' || t === 'rate_events') continue
    const { rows } = await sql`select 1 from ${sql.table(t)} limit 1`.execute(db)
    if (rows.length) full.push(t)
  }
  return full
}

export interface RestoreResult {
  header: BackupHeader
  rows: number
}

/**
 * Restores a backup into `db`: refused when the database holds data, unless `replace` (then
 * everything in it is deleted first, in the same transaction). The schema is brought to the
 * backup's migrations first and to the newest after, so an older backup restores into a newer
 * Kringwerk; a backup made by a newer Kringwerk is refused.
 */
export async function restoreBackup(
  db: Db,
  file: string,
  opts: { replace?: boolean } = {},
): Promise<RestoreResult> {
  await access(file)
  const lines = readLines(file)
  const first = await lines.next()
  if (first.done || !isHeader(first.value))
    throw new RestoreRefused(`${file} is not a Kringwerk backup (${BACKUP_FORMAT})`)
  const header = first.value
  const known = Object.keys(migrations)
  const unknown = header.migrations.filter((m) => !known.includes(m))
  if (unknown.length)
    throw new RestoreRefused(
      `the backup was made by a newer Kringwerk (migrations ${unknown.join(', ')}): update first`,
    )
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const applied = await appliedMigrations(db)
  const ahead = applied.filter((m) => !header.migrations.includes(m))
  const last = header.migrations.at(-1)
  if (ahead.length)
    throw new RestoreRefused(
      `the database is on newer migrations than the backup (${ahead.join(', ')}): restore into a new, empty database`,
    )
  if (last) {
    const { error } = await migrator.migrateTo(last)
    if (error) throw error
  }
  let rows = 0
  await transact(db, async (trx) => {
    const tables = await tablesInOrder(trx)
    const present = await rowsPresent(trx, tables)
    if (present.length && !opts.replace)
      throw new RestoreRefused(
        `the database is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}): restore into an empty one, or pass --replace`,
      )
    const missing = Object.keys(header.tables).filter((t) => !tables.includes(t))
    if (missing.length) throw new RestoreRefused(`tables missing here: ${missing.join(', ')}`)
    if (tables.length) await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))}`.execute(trx)
    const seen: Record<string, number> = {}
    for await (const line of lines) {
      const { table, rows: batch } = line as { table: string; rows: Row[] }
      if (!tables.includes(table) || !Array.isArray(batch))
        throw new RestoreRefused(`unexpected line in the backup (table ${String(table)})`)
      await sql`insert into ${sql.table(table)}
        select * from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(batch)}::jsonb)`.execute(
        trx,
      )
      seen[table] = (seen[table] ?? 0) + batch.length
      rows += batch.length
    }
    for (const [t, n] of Object.entries(header.tables))
      if ((seen[t] ?? 0) !== n)
        throw new RestoreRefused(`the backup is incomplete: ${t} has ${seen[t] ?? 0} of ${n} rows`)
  })
  const { error } = await migrator.migrateToLatest()
  if (error) throw error
  return { header, rows }
}
