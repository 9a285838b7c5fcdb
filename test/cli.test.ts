// The kringwerk command line, run as a child process (`node bin/kringwerk.mjs ...`) exactly as
// an operator would, against a fresh embedded database in a temporary DATA_DIR, or a fresh
// PostgreSQL database when DATABASE_URL is set. Afterwards the database itself is inspected.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import pg from 'pg'
import { type Db, openDatabase } from '../src/core/db/index.ts'
import { renderTemplate, sendMessage } from '../src/features/messages/index.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** A stack frame line: never shown unless KRINGWERK_DEBUG=1. */
const STACK = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

interface Target {
  /** Runs `node bin/kringwerk.mjs ...args` in the repository root, as `npx kringwerk` would. */
  cli(args: string[]): Promise<Run>
  /** Opens the target's database in this process (only while no CLI process has it open). */
  inDb<T>(fn: (db: Db) => Promise<T>): Promise<T>
  drop(): Promise<void>
}

function runCli(args: string[], targetEnv: Record<string, string>): Promise<Run> {
  // The CLI sees only this target's database, the outbox mailer and its default log level.
  const {
    DATABASE_URL: _db,
    SMTP_URL: _smtp,
    KRINGWERK_DEBUG: _debug,
    LOG_LEVEL: _log,
    NODE_TEST_CONTEXT: _ctx,
    ...inherited
  } = process.env
  const env = { ...inherited, BASE_URL: 'http://kringwerk.test', ...targetEnv }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/kringwerk.mjs', ...args], { cwd: root, env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * A scratch DATA_DIR, with the embedded database in it, or a fresh PostgreSQL database when
 * DATABASE_URL is set. `database: false`: a DATA_DIR only, for runs that must not open one.
 */
async function freshTarget(opts: { database?: boolean } = {}): Promise<Target> {
  const dir = await mkdtemp(join(tmpdir(), 'kringwerk-cli-'))
  const target = (
    env: Record<string, string>,
    open: () => ReturnType<typeof openDatabase>,
    drop: () => Promise<void>,
  ): Target => ({
    cli: (args) => runCli(args, env),
    async inDb(fn) {
      const handle = await open()
      try {
        return await fn(handle.db)
      } finally {
        await handle.close()
      }
    },
    drop,
  })
  const removeDir = () => rm(dir, { recursive: true, force: true })
  const base = process.env.DATABASE_URL
  if (!base || opts.database === false) {
    return target({ DATA_DIR: dir }, () => openDatabase({ dataDir: dir }), removeDir)
  }
  const name = `kw_cli_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  // DATA_DIR too, so that a CLI that ignored DATABASE_URL would write nowhere that matters.
  return target(
    { DATA_DIR: dir, DATABASE_URL: url.toString() },
    () => openDatabase({ databaseUrl: url.toString() }),
    async () => {
      const c = new pg.Client({ connectionString: base })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
      await removeDir()
    },
  )
}

const show = (r: Run) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`

const COMMANDS = [
  'migrate',
  'seed-demo',
  'create-school',
  'invite',
  'import-people',
  'backup',
  'restore',
  'help',
]

const count = async (db: Db, table: 'people' | 'children' | 'outbox' | 'guardianships') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select(sql<number>`count(*)`.as('n'))
        // The outbox stores a row per part of a mail (core/mail.ts): count the mails.
        .$if(table === 'outbox', (q) => q.where(sql<boolean>`part = 0`))
        .executeTakeFirstOrThrow()
    ).n,
  )

// Each PGlite start costs seconds: the usage checks run beside the database story, which
// runs in order on one database.
describe('kringwerk CLI', { concurrency: 2, timeout: 300_000 }, () => {
  describe('help and usage errors (no database opened)', { concurrency: 1 }, () => {
    let t: Target
    before(async () => {
      t = await freshTarget({ database: false })
    })
    after(() => t.drop())

    test('--help and help list every command and the environment variables', async () => {
      const [a, b, one] = await Promise.all([
        t.cli(['--help']),
        t.cli(['help']),
        t.cli(['import-people', '--help']),
      ])
      for (const r of [a, b]) {
        assert.equal(r.code, 0, show(r))
        for (const name of COMMANDS)
          assert.match(r.stdout, new RegExp(`^ {2}${name}\\b`, 'm'), `${name} missing`)
        assert.match(r.stdout, /DATABASE_URL/)
        assert.match(r.stdout, /DATA_DIR/)
      }
      assert.equal(one.code, 0, show(one))
      assert.match(one.stdout, /^Usage: kringwerk import-people FILE\.csv --school/)
    })

    test('an unknown command or bad arguments exit 2 with a clear message and no stack trace', async () => {
      const cases: [string[], RegExp][] = [
        [['frobnicate'], /unknown command "frobnicate"/],
        [['migrate', '--bogus'], /Unknown option '--bogus'/],
        [['create-school', '--name', 'De Linde'], /missing --municipality/],
        [
          [
            'invite',
            '--school',
            'X',
            '--email',
            'not-an-email',
            '--name',
            'N',
            '--role',
            'teacher',
          ],
          /--email: Enter a valid e-mail address/,
        ],
        [
          [
            'invite',
            '--school',
            'X',
            '--email',
            'a@example.org',
            '--name',
            'N',
            '--role',
            'janitor',
          ],
          /unknown role "janitor"/,
        ],
        [['import-people', '--school', 'X'], /missing FILE\.csv/],
        [
          [
            'invite',
            '--school',
            'X',
            '--email',
            'a@example.org',
            '--name',
            'N',
            '--role',
            'parent',
          ],
          /missing --child, --group/,
        ],
      ]
      const runs = await Promise.all(cases.map(([args]) => t.cli(args)))
      runs.forEach((r, i) => {
        assert.equal(r.code, 2, show(r))
        assert.match(r.stderr, cases[i]?.[1] as RegExp)
        assert.match(r.stderr, /--help' for usage/)
        assert.doesNotMatch(r.stderr, STACK)
        assert.equal(r.stdout, '')
      })
    })
  })

  describe('migrate, create-school, import-people, invite', { concurrency: 1 }, () => {
    let t: Target
    let csvDir = ''
    let schoolId = ''
    before(async () => {
      t = await freshTarget()
      csvDir = await mkdtemp(join(tmpdir(), 'kringwerk-csv-'))
    })
    after(async () => {
      await t.drop()
      await rm(csvDir, { recursive: true, force: true })
    })

    test('migrate applies the migrations and lists them', async () => {
      const r = await t.cli(['migrate'])
      assert.equal(r.code, 0, show(r))
      assert.match(r.stdout, /^applied 0001_foundation$/m)
    })

    test('create-school prints the id of the new school', async () => {
      const r = await t.cli([
        'create-school',
        '--name',
        'De Linde',
        '--municipality',
        'Zwolle',
        '--city',
        'Zwolle',
      ])
      assert.equal(r.code, 0, show(r))
      schoolId = r.stdout.trim()
      assert.match(schoolId, UUID)
    })

    test('import-people with a good CSV: parents, children and invitations are in the database', async () => {
      const file = join(csvDir, 'good.csv')
      await writeFile(
        file,
        [
          'naam;emailadres;kind;groep;taal',
          'Anna de Vries;anna@example.org;Lotte;Groep 3;nl',
          'Bram de Vries;bram@example.org;Lotte;3;',
          'Cem Yılmaz;cem@example.org;Ayla;Groep 1/2a;tr',
        ].join('\n'),
      )
      const r = await t.cli(['import-people', file, '--school', schoolId])
      assert.equal(r.code, 0, show(r))
      assert.match(
        r.stdout,
        /Imported 3 line\(s\) into De Linde: 3 new parent\(s\), 2 new child\(ren\)/,
      )

      await t.inDb(async (db) => {
        const groups = await db
          .selectFrom('groups')
          .select('name')
          .where('school_id', '=', schoolId)
          .orderBy('grade')
          .orderBy('name')
          .execute()
        assert.deepEqual(
          groups.map((g) => g.name),
          [
            'Groep 1/2a',
            'Groep 1/2b',
            'Groep 3',
            'Groep 4',
            'Groep 5',
            'Groep 6',
            'Groep 7',
            'Groep 8',
          ],
        )
        const people = await db
          .selectFrom('people')
          .select(['email', 'language'])
          .orderBy('email')
          .execute()
        assert.deepEqual(people, [
          { email: 'anna@example.org', language: 'nl' },
          { email: 'bram@example.org', language: 'nl' },
          { email: 'cem@example.org', language: 'tr' },
        ])
        const children = await db
          .selectFrom('children as c')
          .innerJoin('groups as g', 'g.id', 'c.group_id')
          .select(['c.first_name', 'g.name as group', 'c.school_id'])
          .orderBy('c.first_name')
          .execute()
        assert.deepEqual(children, [
          { first_name: 'Ayla', group: 'Groep 1/2a', school_id: schoolId },
          { first_name: 'Lotte', group: 'Groep 3', school_id: schoolId },
        ])
        const guardians = await db
          .selectFrom('guardianships as gu')
          .innerJoin('people as p', 'p.id', 'gu.person_id')
          .innerJoin('children as c', 'c.id', 'gu.child_id')
          .select(['p.email', 'c.first_name'])
          .orderBy('p.email')
          .execute()
        assert.deepEqual(guardians, [
          { email: 'anna@example.org', first_name: 'Lotte' },
          { email: 'bram@example.org', first_name: 'Lotte' },
          { email: 'cem@example.org', first_name: 'Ayla' },
        ])
        const parents = await db
          .selectFrom('memberships')
          .select('role')
          .where('school_id', '=', schoolId)
          .execute()
        assert.deepEqual(
          parents.map((m) => m.role),
          ['parent', 'parent', 'parent'],
        )
        const mails = await db
          .selectFrom('outbox')
          .select('to_address')
          .where('part', '=', 0)
          .orderBy('to_address')
          .execute()
        assert.deepEqual(
          mails.map((m) => m.to_address),
          ['anna@example.org', 'bram@example.org', 'cem@example.org'],
        )
      })
    })

    test('import-people with a bad CSV: exit 1, every bad line reported, nothing imported', async () => {
      const file = join(csvDir, 'bad.csv')
      await writeFile(
        file,
        [
          'name,email,child,group',
          'Dina Bakker,dina@example.org,Mo,Groep 5', // line 2 is fine, yet must not be imported
          'Eef Smit,not-an-email,Fay,Groep 5',
          'Gijs Mulder,gijs@example.org,,Groep 5',
          'Han Visser,han@example.org,Ize,Groep 12',
        ].join('\n'),
      )
      const r = await t.cli(['import-people', file, '--school', 'De Linde'])
      assert.equal(r.code, 1, show(r))
      assert.match(r.stderr, /Nothing imported: 3 error\(s\)/)
      assert.match(r.stderr, /^line 3, email: Enter a valid e-mail address/m)
      assert.match(r.stderr, /^line 4, child: Please fill this in\.$/m)
      assert.match(r.stderr, /^line 5, group: We do not know this class/m)
      assert.doesNotMatch(r.stderr, /^line 2,/m)
      assert.doesNotMatch(r.stderr, STACK)

      await t.inDb(async (db) => {
        const people = await db
          .selectFrom('people')
          .select('email')
          .where('email', 'in', ['dina@example.org', 'gijs@example.org', 'han@example.org'])
          .execute()
        assert.deepEqual(people, [])
        assert.equal(await count(db, 'people'), 3)
        assert.equal(await count(db, 'children'), 2)
        assert.equal(await count(db, 'guardianships'), 3)
        assert.equal(await count(db, 'outbox'), 3)
      })
    })

    test('invite of a teacher says what it did and where the mail went', async () => {
      const r = await t.cli([
        'invite',
        '--school',
        'de linde',
        '--email',
        'Tina.Teach@Example.org',
        '--name',
        'Tina Teach',
        '--role',
        'teacher',
        '--language',
        'en',
      ])
      assert.equal(r.code, 0, show(r))
      assert.match(r.stdout, /Invited tina\.teach@example\.org as teacher at De Linde/)
      assert.match(r.stderr, /stored in the outbox table/)
    })

    test('invite of a parent goes through the parent import', async () => {
      const r = await t.cli([
        'invite',
        '--school',
        schoolId,
        '--email',
        'pim@example.org',
        '--name',
        'Pim Jansen',
        '--role',
        'parent',
        '--child',
        'Sam',
        '--group',
        '5',
      ])
      assert.equal(r.code, 0, show(r))
      assert.match(r.stdout, /Invited pim@example\.org as parent of Sam \(5\) at De Linde/)
    })

    test('an unknown school fails with exit 1 and names the known schools', async () => {
      const r = await t.cli([
        'invite',
        '--school',
        'Nergens',
        '--email',
        'x@example.org',
        '--name',
        'X',
        '--role',
        'ib',
      ])
      assert.equal(r.code, 1, show(r))
      assert.match(r.stderr, /no school with name "Nergens"/)
      assert.match(r.stderr, new RegExp(`${schoolId}\\s+De Linde`))
      assert.doesNotMatch(r.stderr, STACK)
    })

    test('after both invites: memberships, the new child and both mails in the outbox table', async () => {
      await t.inDb(async (db) => {
        const members = await db
          .selectFrom('memberships as m')
          .innerJoin('people as p', 'p.id', 'm.person_id')
          .select(['p.id', 'p.email', 'p.name', 'p.language', 'm.role', 'm.invited_by'])
          .where('m.school_id', '=', schoolId)
          .where('p.email', 'in', ['pim@example.org', 'tina.teach@example.org'])
          .orderBy('p.email')
          .execute()
        assert.deepEqual(
          members.map(({ id: _id, ...m }) => m),
          [
            {
              email: 'pim@example.org',
              name: 'Pim Jansen',
              language: 'nl',
              role: 'parent',
              invited_by: null,
            },
            {
              email: 'tina.teach@example.org',
              name: 'Tina Teach',
              language: 'en',
              role: 'teacher',
              invited_by: null,
            },
          ],
        )
        const sam = await db
          .selectFrom('children as c')
          .innerJoin('groups as g', 'g.id', 'c.group_id')
          .innerJoin('guardianships as gu', 'gu.child_id', 'c.id')
          .innerJoin('people as p', 'p.id', 'gu.person_id')
          .select(['c.first_name', 'g.name as group', 'p.email'])
          .where('c.school_id', '=', schoolId)
          .where('c.first_name', '=', 'Sam')
          .execute()
        assert.deepEqual(sam, [{ first_name: 'Sam', group: 'Groep 5', email: 'pim@example.org' }])
        const mail = await db
          .selectFrom('outbox')
          .select(['person_id', 'to_address', 'subject', 'body_text'])
          .where('part', '=', 0)
          .where('to_address', 'in', ['pim@example.org', 'tina.teach@example.org'])
          .orderBy('to_address')
          .execute()
        assert.deepEqual(
          mail.map((m) => [m.to_address, m.person_id]),
          members.map((m) => [m.email, m.id]),
        )
        for (const m of mail) {
          assert.match(m.subject, /De Linde/)
          assert.match(m.body_text, /http:\/\/kringwerk\.test\/signin/)
        }
        assert.equal(await count(db, 'people'), 5)
        assert.equal(await count(db, 'outbox'), 5)
      })
    })

    test('deliver-messages mails a message whose moment has come, once', async () => {
      const coffee = renderTemplate(
        'coffee',
        { date: '2027-01-14', time: '08:30', place: 'de aula' },
        'nl',
      )
      assert.ok(coffee)
      await t.inDb(async (db) => {
        const tina = await db
          .selectFrom('people')
          .select('id')
          .where('email', '=', 'tina.teach@example.org')
          .executeTakeFirstOrThrow()
        // Written on a Tuesday morning in the past: its mail may go at once.
        const sent = await sendMessage(
          db,
          schoolId,
          tina.id,
          {
            audience: 'school',
            groupIds: [],
            childIds: [],
            templateKey: 'coffee',
            subject: coffee.subject,
            body: coffee.paragraphs.join('\n\n'),
            params: { date: '2027-01-14', time: '08:30', place: 'de aula' },
            urgent: false,
          },
          new Date('2026-12-01T09:00:00Z'),
        )
        assert.ok(sent.recipients >= 1)
      })
      const first = await t.cli(['deliver-messages'])
      assert.equal(first.code, 0, show(first))
      assert.match(first.stdout, /^mailed [1-9]\d* person\(s\)/m)
      const again = await t.cli(['deliver-messages'])
      assert.equal(again.code, 0, show(again))
      assert.match(again.stdout, /^mailed 0 person\(s\), 0 message\(s\)/m)
      await t.inDb(async (db) => {
        const mail = await db
          .selectFrom('outbox')
          .select(['subject', 'body_text'])
          .where('to_address', '=', 'pim@example.org')
          .where('subject', '=', coffee.subject)
          .execute()
        assert.equal(mail.length, 1)
        assert.match(mail[0]?.body_text ?? '', /http:\/\/kringwerk\.test\/messages\//)
      })
    })

    test('migrate again: up to date', async () => {
      const r = await t.cli(['migrate'])
      assert.equal(r.code, 0, show(r))
      assert.match(r.stdout, /^Up to date/)
    })

    test('backup, then restore into a new database; a second restore is refused unless --replace', async () => {
      const file = join(csvDir, 'school.kwbackup')
      const backup = await t.cli(['backup', file])
      assert.equal(backup.code, 0, show(backup))
      assert.match(backup.stdout, /^Backup of .* written to .*: \d+ rows in \d+ tables\.$/m)
      const other = await freshTarget()
      try {
        const restored = await other.cli(['restore', file])
        assert.equal(restored.code, 0, show(restored))
        const [here, there] = [
          await t.inDb((db) => count(db, 'people')),
          await other.inDb((db) => count(db, 'people')),
        ]
        assert.ok(here > 2)
        assert.equal(there, here)
        const again = await other.cli(['restore', file])
        assert.equal(again.code, 1, show(again))
        assert.match(again.stderr, /not empty.*--replace/)
        assert.doesNotMatch(again.stderr, STACK)
        const replaced = await other.cli(['restore', file, '--replace'])
        assert.equal(replaced.code, 0, show(replaced))
        const missing = await other.cli(['restore', join(csvDir, 'nope.kwbackup')])
        assert.equal(missing.code, 1, show(missing))
        assert.match(missing.stderr, /no such file/)
        assert.doesNotMatch(missing.stderr, STACK)
      } finally {
        await other.drop()
      }
    })
  })

  // Two processes on one embedded database would corrupt it (src/core/db/index.ts locks
  // DATA_DIR). Always the embedded engine: the lock is what keeps it safe.
  describe('the embedded database is locked while a process has it open', {
    concurrency: 1,
  }, () => {
    let t: Target
    before(async () => {
      t = await freshTarget({ database: false })
    })
    after(() => t.drop())

    test('a command refuses, says why, and works once the other process let go', async () => {
      const refused = await t.inDb(() => t.cli(['migrate']))
      assert.equal(refused.code, 1, show(refused))
      assert.match(refused.stderr, /is in use by another Kringwerk process/)
      assert.match(refused.stderr, /DATABASE_URL/)
      assert.doesNotMatch(refused.stderr, STACK)
      // The refused run changed nothing: the migrations are all still to apply.
      const after = await t.cli(['migrate'])
      assert.equal(after.code, 0, show(after))
      assert.match(after.stdout, /^applied 0001_foundation$/m)
    })
  })
})
