// The data layer underneath every feature: both engines receive the same parameter values,
// and the embedded engine's one-message queries (src/core/db/pglite-pool.ts) keep their
// statement cache bounded and correct when a query fails or a table changes shape.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import { DataDirInUse, openDatabase } from '../src/core/db/index.ts'
import { PGlitePool, STATEMENT_CACHE_SIZE } from '../src/core/db/pglite-pool.ts'
import { migrations } from '../src/migrations/index.ts'
import { type TestApp, testApp } from './helpers.ts'

describe('parameters, on the engine under test', () => {
  let t: TestApp
  before(async () => {
    t = await testApp({ demo: false })
  })
  after(() => t.close())

  it('round-trips dates, booleans, numbers, arrays, JSON, bytes and null', async () => {
    const when = new Date('2026-03-29T01:30:00.000Z') // the night the clocks go forward
    const bytes = Buffer.from([0, 1, 2, 254, 255])
    const { rows } = await sql<{
      when: Date
      yes: boolean
      n: number
      big: number
      tags: string[]
      doc: { name: string; kids: number[] }
      raw: Buffer | Uint8Array
      nothing: string | null
      text: string
    }>`select ${when}::timestamptz as when, ${true}::boolean as yes, ${42.5}::float8 as n,
        ${9007199254740991}::int8 as big, ${['a', 'b "c"', 'd,e']}::text[] as tags,
        ${JSON.stringify({ name: 'Amira', kids: [1, 2] })}::jsonb as doc, ${bytes}::bytea as raw,
        ${null}::text as nothing, ${"O'Brien; drop table people"} as text`.execute(t.deps.db)
    const row = rows[0]
    assert.ok(row)
    assert.equal(row.when.toISOString(), when.toISOString())
    assert.equal(row.yes, true)
    assert.equal(row.n, 42.5)
    assert.equal(Number(row.big), 9007199254740991)
    assert.deepEqual(row.tags, ['a', 'b "c"', 'd,e'])
    assert.deepEqual(row.doc, { name: 'Amira', kids: [1, 2] })
    assert.deepEqual([...row.raw], [...bytes])
    assert.equal(row.nothing, null)
    assert.equal(row.text, "O'Brien; drop table people")
  })

  it('reports a database error with its code and keeps working', async () => {
    await assert.rejects(
      sql`select ${'not a number'}::int as n`.execute(t.deps.db),
      (err: { code?: string }) => err.code === '22P02',
    )
    const again = await sql<{ n: number }>`select ${7}::int as n`.execute(t.deps.db)
    assert.equal(again.rows[0]?.n, 7)
  })
})

describe('PGlite: one message per query, statements kept by name', () => {
  let lite: PGlite
  let pool: PGlitePool
  let db: Kysely<{ t: { id: number; name: string } }>
  before(async () => {
    lite = await PGlite.create()
    pool = new PGlitePool(lite)
    db = new Kysely({ dialect: new PostgresDialect({ pool }) })
    await sql`create table t (id int primary key, name text not null)`.execute(db)
    await sql`insert into t values (1, 'een'), (2, 'twee')`.execute(db)
  })
  after(() => db.destroy())

  it('keeps a statement once and answers from it with new parameters', async () => {
    const before = pool.statementCount
    for (const id of [1, 2, 1, 2]) {
      const row = await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst()
      assert.equal(row?.name, id === 1 ? 'een' : 'twee')
    }
    assert.equal(pool.statementCount, before + 1)
    // A data change without parameters keeps the statements; DDL would forget them.
    await sql`update t set name = name`.execute(db)
    assert.equal(pool.statementCount, before + 1)
  })

  it('closes the least recently used statement beyond the bound, and still answers it', async () => {
    const kept = () =>
      db.selectFrom('t').select('name').where('id', '=', 2).executeTakeFirstOrThrow()
    await kept()
    for (let i = 0; i < STATEMENT_CACHE_SIZE + 20; i++) {
      const { rows } = await sql<{ n: number }>`select ${i}::int + ${sql.lit(i)} as n`.execute(db)
      assert.equal(rows[0]?.n, 2 * i)
      // Used all along, so never the least recently used: it must survive the evictions.
      if (i % 100 === 0) await kept()
    }
    assert.equal(pool.statementCount, STATEMENT_CACHE_SIZE)
    const names = await lite.query<{ statement: string }>(
      'select statement from pg_prepared_statements',
    )
    assert.ok(
      names.rows.some((r) => r.statement.includes('from "t" where "id" = $1')),
      'the statement in use was closed',
    )
    // The server side holds exactly the statements the pool remembers: none leaks.
    const held = await lite.query<{ n: number }>(
      'select count(*)::int as n from pg_prepared_statements',
    )
    assert.equal(held.rows[0]?.n, STATEMENT_CACHE_SIZE)
    const first = await sql<{ n: number }>`select ${0}::int + ${sql.lit(0)} as n`.execute(db)
    assert.equal(first.rows[0]?.n, 0)
  })

  it('does not keep a statement that failed to parse', async () => {
    const before = pool.statementCount
    await assert.rejects(
      sql`select nope from t where id = ${1}`.execute(db),
      (err: { code?: string }) => err.code === '42703',
    )
    // (A full cache closes its oldest statement to make room, whether or not the parse works.)
    assert.ok(pool.statementCount <= before)
    const held = await lite.query<{ n: number }>(
      'select count(*)::int as n from pg_prepared_statements',
    )
    assert.equal(held.rows[0]?.n, pool.statementCount)
  })

  it('parses a statement again when its table changed shape', async () => {
    const all = () => db.selectFrom('t').selectAll().where('id', '=', 1).executeTakeFirst()
    assert.deepEqual(await all(), { id: 1, name: 'een' })
    // Behind the pool's back, so its own forgetting after DDL does not hide the retry.
    await lite.exec('alter table t add column note text')
    assert.deepEqual(await all(), { id: 1, name: 'een', note: null })
  })

  it('parses again after DDL inside a transaction, and after DEALLOCATE', async () => {
    const one = () => db.selectFrom('t').selectAll().where('id', '=', 2).executeTakeFirst()
    await one()
    await db.transaction().execute(async (tx) => {
      await tx.selectFrom('t').selectAll().where('id', '=', 2).executeTakeFirst()
      await sql`alter table t add column extra int`.execute(tx)
      const row = await tx.selectFrom('t').selectAll().where('id', '=', 2).executeTakeFirst()
      assert.ok(row && 'extra' in row)
    })
    await one()
    await lite.exec('deallocate all')
    assert.equal((await one())?.name, 'twee')
  })

  it('never mixes its results with another user of the same PGlite', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? lite.query<{ n: number }>('select $1::int as n', [i]).then((r) => r.rows[0]?.n)
          : sql<{ n: number }>`select ${i}::int as n`.execute(db).then((r) => r.rows[0]?.n),
      ),
    )
    assert.deepEqual(
      answers,
      Array.from({ length: 20 }, (_, i) => i),
    )
  })

  it('rolls a failed transaction back and leaves the connection usable', async () => {
    await assert.rejects(
      db.transaction().execute(async (tx) => {
        await tx.insertInto('t').values({ id: 3, name: 'drie' }).execute()
        await tx.insertInto('t').values({ id: 3, name: 'dubbel' }).execute()
      }),
      (err: { code?: string }) => err.code === '23505',
    )
    const row = await db.selectFrom('t').select('name').where('id', '=', 3).executeTakeFirst()
    assert.equal(row, undefined)
    assert.equal(lite.isInTransaction(), false)
  })
})

describe('migrations on existing data', () => {
  it('0013 fills in who recorded earlier consents only where the code left no doubt', async () => {
    // The migration's SQL is the same on both engines; a fresh PGlite holds the data before it.
    const pg = await PGlite.create()
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new PGlitePool(pg) }) })
    try {
      const provider = { getMigrations: async () => migrations }
      const step = new Migrator({ db, provider })
      const upTo = await step.migrateTo('0012_calendar_feed')
      assert.equal(upTo.error, undefined)
      const { rows } = await sql<{ school: string; person: string }>`
        with s as (insert into schools (name) values ('School') returning id),
             p as (insert into people (email, name, first_name)
                   values ('a@example.org', 'Anna Jansen', 'Anna') returning id)
        select s.id as school, p.id as person from s, p`.execute(db)
      const { school, person } = rows[0] ?? { school: '', person: '' }
      await sql`
        insert into consents (school_id, person_id, scope, withdrawn_at) values
          (${school}, ${person}, 'buddy.offer', null),
          (${school}, ${person}, 'buddy.request:adhd', now()),
          (${school}, ${person}, 'buddy.referral:00000000-0000-4000-8000-000000000001', null),
          (${school}, ${person}, 'buddy.referral:00000000-0000-4000-8000-000000000002', now())
      `.execute(db)
      assert.equal((await step.migrateToLatest()).error, undefined)
      const after = await sql<{
        scope: string
        granted_by: string | null
        withdrawn_by: string | null
      }>`
        select scope, granted_by, withdrawn_by from consents order by scope`.execute(db)
      assert.deepEqual(
        after.rows.map((r) => [r.scope.slice(0, 16), r.granted_by, r.withdrawn_by]),
        [
          ['buddy.offer', person, null],
          // Who recorded an earlier referral consent is not known: a coordinator may have.
          ['buddy.referral:0', null, null],
          ['buddy.referral:0', null, person],
          ['buddy.request:ad', person, person],
        ],
      )
    } finally {
      await db.destroy()
    }
  })
})

describe('migrations on existing data: 0014', () => {
  it("0014 moves a parent's consent for each child place into the ledger and drops the column", async () => {
    const pg = await PGlite.create()
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new PGlitePool(pg) }) })
    try {
      const provider = { getMigrations: async () => migrations }
      const step = new Migrator({ db, provider })
      assert.equal((await step.migrateTo('0013_consent_recorded_by')).error, undefined)
      const { rows } = await sql<{ school: string; parent: string; adult: string; child: string }>`
        with s as (insert into schools (name) values ('School') returning id),
             p as (insert into people (email, name, first_name)
                   values ('p@example.org', 'Petra de Vries', 'Petra') returning id),
             a as (insert into people (email, name, first_name)
                   values ('a@example.org', 'Anna Jansen', 'Anna') returning id),
             g as (insert into groups (school_id, name, grade) select id, '5a', 5 from s
                   returning id, school_id),
             ch as (insert into children (school_id, group_id, first_name)
                    select school_id, id, 'Amira' from g returning id, school_id),
             gu as (insert into guardianships (child_id, person_id, school_id)
                    select ch.id, p.id, ch.school_id from ch, p returning child_id)
        select s.id as school, p.id as parent, a.id as adult, ch.id as child
        from s, p, a, ch, gu`.execute(db)
      const { school, parent, adult, child } = rows[0] ?? {
        school: '',
        parent: '',
        adult: '',
        child: '',
      }
      const circles = await sql<{ id: string; kind: string }>`
        insert into circles (school_id, kind, audience, name, place, capacity) values
          (${school}, 'kinder', 'child', 'Kinderkring', 'Lokaal 1', 8),
          (${school}, 'puber', 'child', 'Puberkring', 'Lokaal 2', 8),
          (${school}, 'ouder', 'adult', 'Ouderkring', 'Lokaal 3', 8)
        returning id, kind`.execute(db)
      const circle = (kind: string) => circles.rows.find((r) => r.kind === kind)?.id ?? ''
      const other = await sql<{ id: string }>`
        insert into circles (school_id, kind, audience, name, place, capacity)
        values (${school}, 'kinder', 'child', 'Kinderkring B', 'Lokaal 4', 8)
        returning id`.execute(db)
      const given = '2026-09-01T10:00:00Z'
      const ended = '2026-10-01T10:00:00Z'
      // A standing place, one the parent left, one a facilitator declined (no time known),
      // and an adult's own place (no consent: it is their own).
      const places = await sql<{ id: string; status: string }>`
        insert into circle_members (circle_id, person_id, child_id, status, parent_consent_at,
                                    decided_at) values
          (${circle('kinder')}, ${parent}, ${child}, 'confirmed', ${given}, ${given}),
          (${circle('puber')}, ${parent}, ${child}, 'left', ${given}, ${ended}),
          (${circle('ouder')}, ${parent}, ${child}, 'declined', ${given}, null),
          (${circle('ouder')}, ${adult}, null, 'confirmed', null, null)
        returning id, status`.execute(db)
      // A place taken by someone who is no longer the child's guardian: it had lapsed.
      const lapsed = await sql<{ id: string }>`
        insert into circle_members (circle_id, person_id, child_id, status, parent_consent_at)
        values (${other.rows[0]?.id}, ${adult}, ${child}, 'waitlist', ${given})
        returning id`.execute(db)
      assert.equal((await step.migrateToLatest()).error, undefined)

      const ledger = await sql<{
        school_id: string
        person_id: string
        scope: string
        granted_at: Date
        granted_by: string | null
        withdrawn_at: Date | null
        withdrawn_by: string | null
      }>`select school_id, person_id, scope, granted_at, granted_by, withdrawn_at, withdrawn_by
         from consents order by scope`.execute(db)
      const placeOf = (status: string) => places.rows.find((r) => r.status === status)?.id
      const expected = [
        // In play: a standing yes, given by the parent when they took the place.
        ['confirmed', null, null],
        // Left: withdrawn by the parent when the place ended.
        ['left', ended, parent],
        // Declined without a time: withdrawn as of the yes itself, by nobody named.
        ['declined', given, null],
      ] as const
      assert.equal(
        ledger.rows.length,
        expected.length + 1,
        'one row per child place, none for adults',
      )
      const exGuardian = ledger.rows.find((r) => r.scope === `circle.child:${lapsed.rows[0]?.id}`)
      assert.equal(exGuardian?.person_id, adult)
      assert.ok(exGuardian?.withdrawn_at instanceof Date, "a lapsed place's consent is withdrawn")
      assert.equal(exGuardian?.withdrawn_by, null)
      for (const [status, withdrawnAt, withdrawnBy] of expected) {
        const row = ledger.rows.find((r) => r.scope === `circle.child:${placeOf(status)}`)
        assert.ok(row, `a consent for the ${status} place`)
        assert.equal(row.school_id, school, "in the child's school")
        assert.equal(row.person_id, parent)
        assert.equal(row.granted_by, parent)
        assert.equal(row.granted_at.toISOString(), new Date(given).toISOString())
        assert.equal(
          row.withdrawn_at?.toISOString() ?? null,
          withdrawnAt && new Date(withdrawnAt).toISOString(),
        )
        assert.equal(row.withdrawn_by, withdrawnBy)
      }
      const cols = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_name = 'circle_members' and column_name = 'parent_consent_at'`.execute(db)
      assert.equal(cols.rows.length, 0, 'the column is gone')
      // And its check with it: a child's place needs no consent column any more.
      await sql`insert into circle_members (circle_id, person_id, child_id)
        values (${circle('puber')}, ${adult}, ${child})`.execute(db)
    } finally {
      await db.destroy()
    }
  })
})

describe('DATA_DIR: one process at a time on the embedded database', () => {
  it('refuses a second opening until the first is closed, and leaves no lock behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kringwerk-lock-'))
    try {
      const first = await openDatabase({ dataDir: dir })
      await assert.rejects(openDatabase({ dataDir: dir }), DataDirInUse)
      await sql`create table kept (n int)`.execute(first.db)
      await first.close()
      const second = await openDatabase({ dataDir: dir })
      // The data written by the first process is there for the second.
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from kept`.execute(
        second.db,
      )
      assert.equal(rows[0]?.n, 0)
      await second.close()
      assert.deepEqual(await readdir(dir), ['pglite'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('after a crash (kill -9) the next start takes the lock at once, not after the stale time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kringwerk-crash-'))
    // Each opening in a process of its own, as a server would be: the first is killed.
    const run = (script: string) =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'inherit'],
      })
    const open = `import { openDatabase } from './src/core/db/index.ts'
      const started = Date.now()
      const db = await openDatabase({ dataDir: ${JSON.stringify(dir)} })`
    const said = (child: ReturnType<typeof run>) =>
      new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout?.on('data', (d) => {
          out += String(d)
          if (out.includes('\n')) resolve(out.trim())
        })
        child.once('exit', (code) => reject(new Error(`exited ${code} having said ${out}`)))
      })
    try {
      const first = run(`${open}
        console.log('open')
        setInterval(() => {}, 1000)`)
      assert.equal(await said(first), 'open')
      // While it runs, the directory is refused.
      await assert.rejects(openDatabase({ dataDir: dir }), DataDirInUse)
      first.kill('SIGKILL')
      await new Promise((resolve) => first.once('exit', resolve))
      const second = run(`${open}
        console.log(Date.now() - started)
        await db.close()
        process.exit(0)`)
      const ms = Number(await said(second))
      assert.ok(ms < 10_000, `taken over after ${ms} ms, not after the stale time`)
      await new Promise((resolve) => second.once('exit', resolve))
      assert.deepEqual(await readdir(dir), ['pglite'], 'no lock or owner file left behind')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
