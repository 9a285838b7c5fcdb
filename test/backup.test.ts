// Backup and restore (core/db/backup.ts) on the engine under test: every table round-trips row
// for row, a database with data is not overwritten unless told, and a damaged file restores
// nothing.
import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gunzipSync, gzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { RestoreRefused, restoreBackup, writeBackup } from '../src/core/db/backup.ts'
import { type DatabaseHandle, type Db, openDatabase } from '../src/core/db/index.ts'
import { type ScratchDatabase, scratchDatabase } from '../src/core/db/scratch.ts'
import { type TestApp, testApp } from './helpers.ts'

let t: TestApp
let dir: string
const scratch: ScratchDatabase[] = []
const opened: DatabaseHandle[] = []

before(async () => {
  t = await testApp({ demo: { families: { regenboog: 4, vlinderboom: 2 } } })
  dir = await mkdtemp(join(tmpdir(), 'kringwerk-backup-'))
})
after(async () => {
  for (const h of opened) await h.close()
  for (const s of scratch) await s.drop()
  await t.close()
  await rm(dir, { recursive: true, force: true })
})

/** A new, empty database on the engine under test (no migrations run). */
async function emptyDatabase(): Promise<Db> {
  const base = process.env.DATABASE_URL
  const s = base ? await scratchDatabase(base, 'kw_restore') : undefined
  if (s) scratch.push(s)
  const h = await openDatabase({ databaseUrl: s?.url })
  opened.push(h)
  return h.db
}

/** Every table's row count and a digest of all its rows, in a stable order. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE'
        and table_name not like 'kysely%' order by 1`.execute(db)
  ).rows.map((r) => r.name)
  const out: Record<string, string> = {}
  for (const name of tables) {
    const { rows } = await sql<{ n: number; digest: string }>`select count(*)::int as n,
      md5(coalesce(string_agg(to_jsonb(x)::text, E'\n' order by to_jsonb(x)::text), '')) as digest
      from ${sql.table(name)} x`.execute(db)
    out[name] = `${rows[0]?.n}:${rows[0]?.digest}`
  }
  return out
}

describe('backup and restore', () => {
  it('restores every row of every table into an empty database, and the file is the owner’s only', async () => {
    // A signed-in person, so a session with its principal snapshot is in it too.
    await t.as('parent')
    const file = join(dir, 'whole.kwbackup')
    // An older file in the way, readable by all: the new backup replaces it, owner-only.
    await writeFile(file, 'old', { mode: 0o644 })
    const header = await writeBackup(t.deps.db, file)
    assert.equal(statSync(file).mode & 0o777, 0o600)
    assert.ok((header.tables.sessions ?? 0) > 0)
    assert.ok((header.tables.people ?? 0) > 10, 'the demo people are in it')
    assert.ok(header.migrations.length >= 22)
    const source = await fingerprint(t.deps.db)
    const target = await emptyDatabase()
    const { rows } = await restoreBackup(target, file)
    assert.equal(
      rows,
      Object.values(header.tables).reduce((a, b) => a + b, 0),
    )
    assert.deepEqual(await fingerprint(target), source)
    // The tables with every kind of column (bytea, arrays, jsonb, dates) hold rows, so the
    // comparison above covers them.
    for (const table of ['people', 'consents', 'circle_meetings', 'messages', 'map_services'])
      assert.ok((header.tables[table] ?? 0) > 0, `${table} has rows in the demo`)
  })

  it('refuses a database that holds data, unless told to replace it', async () => {
    const file = join(dir, 'replace.kwbackup')
    await writeBackup(t.deps.db, file)
    const target = await emptyDatabase()
    await restoreBackup(target, file)
    await target
      .updateTable('people')
      .set({ name: 'Veranderd Na De Backup' })
      .where('email', '=', 'parent@demo.kringwerk.example')
      .execute()
    await assert.rejects(restoreBackup(target, file), (e: Error) => {
      assert.ok(e instanceof RestoreRefused)
      assert.match(e.message, /not empty/)
      return true
    })
    const kept = await target
      .selectFrom('people')
      .select('name')
      .where('email', '=', 'parent@demo.kringwerk.example')
      .executeTakeFirstOrThrow()
    assert.equal(kept.name, 'Veranderd Na De Backup', 'a refused restore changes nothing')
    await restoreBackup(target, file, { replace: true })
    assert.deepEqual(await fingerprint(target), await fingerprint(t.deps.db))
  })

  it('a backup that cannot be written leaves no half file and says why', async () => {
    await assert.rejects(writeBackup(t.deps.db, join(dir, 'no-such-dir', 'x.kwbackup')), /ENOENT/)
    await assert.rejects(restoreBackup(await emptyDatabase(), join(dir, 'missing.kwbackup')), {
      code: 'ENOENT',
    })
  })

  it('a damaged or foreign file restores nothing', async () => {
    const file = join(dir, 'cut.kwbackup')
    await writeBackup(t.deps.db, file)
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .trim()
      .split('\n')
    assert.ok(lines.length > 4)
    const cut = join(dir, 'cut-short.kwbackup')
    await writeFile(cut, gzipSync(`${lines.slice(0, -2).join('\n')}\n`))
    const target = await emptyDatabase()
    await assert.rejects(restoreBackup(target, cut), /incomplete/)
    const people = await target.selectFrom('people').select('id').execute()
    assert.deepEqual(people, [], 'nothing of the cut file stayed')
    const foreign = join(dir, 'foreign.kwbackup')
    await writeFile(foreign, gzipSync('{"hello":"world"}\n'))
    await assert.rejects(restoreBackup(target, foreign), /not a Kringwerk backup/)
    const newer = join(dir, 'newer.kwbackup')
    const header = JSON.parse(lines[0] ?? '{}')
    header.migrations.push('9999_from_the_future')
    await writeFile(newer, gzipSync(`${[JSON.stringify(header), ...lines.slice(1)].join('\n')}\n`))
    await assert.rejects(restoreBackup(target, newer), /newer Kringwerk/)
  })
})
