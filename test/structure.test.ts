// The layout of decision 0005, checked: views only render, only read/ modules select people's
// names and contact details, routes run no SQL, a feature uses another only through its
// index.ts, and no feature file outgrows 500 lines. Each check is a plain function over a
// file's text, tested first on small examples that break it, so a check that stopped
// finding anything would fail here too.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, it } from 'node:test'

const ROOT = resolve(import.meta.dirname, '..')
const FEATURES = join(ROOT, 'src/features')

interface Source {
  /** Path from the repository root, e.g. src/features/buddies/read/parent.ts */
  path: string
  text: string
}

function sources(dir: string): Source[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f))
    .map((f) => ({ path: relative(ROOT, f), text: readFileSync(f, 'utf8') }))
}

/** Runtime imports (not `import type`) with their specifiers. */
function runtimeImports(text: string): string[] {
  const out: string[] = []
  for (const m of text.matchAll(/^import\s+(type\s+)?([^'"]*?)\s*from\s*'([^']+)'/gms)) {
    if (m[1]) continue
    const names = m[2] ?? ''
    // `import { type A, type B } from` brings in types only.
    const braces = names.match(/^\{([^}]*)\}$/s)
    const specifiers =
      braces?.[1]
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean) ?? []
    if (specifiers.length && specifiers.every((s) => s.startsWith('type '))) continue
    out.push(m[3] ?? '')
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) out.push(m[1] ?? '')
  return out
}

const allImports = (text: string): string[] =>
  [...text.matchAll(/^(?:import|export)\s[^;]*?from\s*'([^']+)'/gms)].map((m) => m[1] ?? '')

/** A view imports no service, command, read module or database. */
export function viewProblems(s: Source): string[] {
  if (!/\/views\//.test(s.path)) return []
  const bad = runtimeImports(s.text).filter(
    (spec) =>
      /(^|\/)(service|commands|read)(\.tsx?$|\/)/.test(spec) ||
      /core\/db\/index\.ts$/.test(spec) ||
      spec === 'kysely' ||
      spec === 'pg' ||
      spec.startsWith('@electric-sql/'),
  )
  const problems = bad.map((spec) => `${s.path} (a view) imports ${spec}`)
  if (/\basync\s+(function|\()/.test(s.text) || /\bawait\b/.test(s.text))
    problems.push(`${s.path} (a view) is async: a page loads its data before it renders`)
  return problems
}

const PERSON_COLUMNS = '(name|first_name|email|phone)'

/** Code that selects a person's name, e-mail or phone, outside a read/ module. */
export function nameProblems(s: Source): string[] {
  if (/\/read\//.test(s.path)) return []
  const problems: string[] = []
  const aliases = new Set<string>()
  for (const m of s.text.matchAll(/'people as (\w+)'/g)) aliases.add(m[1] ?? '')
  for (const q of s.text.matchAll(/sql(?:<[^`]*?>)?`([^`]*)`/gs)) {
    for (const m of (q[1] ?? '').matchAll(/\b(?:from|join)\s+people\s+(?:as\s+)?(\w+)/gi)) {
      if (!/^(on|where|join|left|inner|using)$/i.test(m[1] ?? '')) aliases.add(m[1] ?? '')
    }
  }
  for (const alias of aliases) {
    const re = new RegExp(`'${alias}\\.${PERSON_COLUMNS}(\\s+as\\s+\\w+)?'`, 'g')
    for (const m of s.text.matchAll(re)) problems.push(`${s.path} selects ${m[0]}`)
    for (const q of s.text.matchAll(/sql(?:<[^`]*?>)?`([^`]*)`/gs)) {
      const inSql = new RegExp(`\\b${alias}\\.${PERSON_COLUMNS}\\b`)
      if (inSql.test(q[1] ?? '')) problems.push(`${s.path} selects ${alias}.* in raw SQL`)
    }
  }
  // An unaliased people query: what it selects or returns, up to its execute.
  for (const m of s.text.matchAll(
    /(selectFrom|insertInto|updateTable)\('people'\)([\s\S]*?)\.execute/g,
  )) {
    const chain = m[2] ?? ''
    const picks = chain.match(/\.(select|returning)\(([\s\S]*?)\)\s*(\.|$)/g) ?? []
    for (const pick of picks) {
      if (new RegExp(`'${PERSON_COLUMNS}'`).test(pick))
        problems.push(`${s.path} selects a person's name or contact from people`)
    }
    if (/\.selectAll\(\)|\.returningAll\(\)/.test(chain))
      problems.push(`${s.path} selects every column of people`)
  }
  return problems
}

/** A route file parses, authorizes, calls and renders: no SQL of its own. */
export function routeProblems(s: Source): string[] {
  if (!/\/routes(\.tsx?$|\/)/.test(s.path)) return []
  const hit = s.text.match(/\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`|\bsql</)
  return hit ? [`${s.path} runs SQL (${hit[0]}): that belongs in read/ or commands/`] : []
}

/** Another feature is used through its index.ts, never its files (also from the CLI and demo). */
export function crossFeatureProblems(s: Source): string[] {
  const own = s.path.match(/^src\/features\/([^/]+)\//)?.[1] ?? null
  const problems: string[] = []
  for (const spec of allImports(s.text)) {
    if (!spec.startsWith('.')) continue
    const target = relative(ROOT, resolve(ROOT, dirname(s.path), spec))
    const m = target.match(/^src\/features\/([^/]+)\/(.+)$/)
    if (!m || m[1] === own) continue
    if (m[2] !== 'index.ts') problems.push(`${s.path} reaches into ${target}`)
  }
  return problems
}

const LONG_EXEMPT = /\/matching\.ts$/
export function lengthProblems(s: Source): string[] {
  const lines = s.text.split('\n').length
  return lines > 500 && !LONG_EXEMPT.test(s.path) ? [`${s.path} has ${lines} lines`] : []
}

/**
 * A transaction is opened through core/db/transact.ts only: there, one inside another becomes
 * a savepoint, and a query on the outer handle inside one is refused instead of hanging.
 */
export function transactionProblems(s: Source): string[] {
  if (s.path === 'src/core/db/transact.ts') return []
  return /\.transaction\(\)|\.startTransaction\(\)/.test(s.text)
    ? [`${s.path} opens a transaction itself: use transact() from core/db/transact.ts`]
    : []
}

const checks = [
  viewProblems,
  nameProblems,
  routeProblems,
  crossFeatureProblems,
  lengthProblems,
  transactionProblems,
]

describe('the checks themselves catch what they are for', () => {
  it('a view that imports a read module or the database, or awaits, is caught', () => {
    const v = (text: string) => viewProblems({ path: 'src/features/x/views/a.tsx', text })
    assert.equal(v("import { loadPage } from '../read/parent.ts'\n").length, 1)
    assert.equal(v("import { saveOffer } from '../commands/offers.ts'\n").length, 1)
    assert.equal(v("import { sql } from 'kysely'\n").length, 1)
    assert.equal(v("import { x } from '../service.ts'\n").length, 1)
    assert.equal(v('export async function A() { return 1 }\n').length, 1)
    assert.deepEqual(v("import type { Page } from '../read/parent.ts'\n"), [])
    assert.deepEqual(v("import { type Page } from '../read/parent.ts'\n"), [])
    assert.deepEqual(v("import { page } from '../../../core/http/render.tsx'\n"), [])
  })

  it('a name, address or phone selected outside read/ is caught; inside read/ it is not', () => {
    const aliased = `db.selectFrom('buddy_links as l').innerJoin('people as p', 'p.id', 'l.buddy_id').select(['l.id', 'p.name as buddyName'])`
    const plain = `db.selectFrom('people').select(['id', 'email']).where('id', '=', x).execute()`
    const raw = "db.selectFrom('people as pe').select(sql`pe.phone`.as('x'))"
    const rawFrom = 'sql`select p.email from memberships m join people p on p.id = m.person_id`'
    const all = `db.selectFrom('people').selectAll().executeTakeFirst()`
    for (const text of [aliased, plain, raw, rawFrom, all]) {
      assert.ok(nameProblems({ path: 'src/features/x/commands/a.ts', text }).length > 0, text)
      assert.deepEqual(nameProblems({ path: 'src/features/x/read/a.ts', text }), [])
    }
    const harmless = `db.selectFrom('people').select(['id', 'language']).execute()`
    assert.deepEqual(nameProblems({ path: 'src/features/x/commands/a.ts', text: harmless }), [])
    const school = `db.selectFrom('schools').select('name').execute()`
    assert.deepEqual(nameProblems({ path: 'src/features/x/commands/a.ts', text: school }), [])
  })

  it('SQL in a route file is caught', () => {
    const text = "r.get('/x', 'a.b', async (c) => db.selectFrom('groups').selectAll().execute())"
    assert.equal(routeProblems({ path: 'src/features/x/routes.tsx', text }).length, 1)
    assert.deepEqual(routeProblems({ path: 'src/features/x/read/a.ts', text }), [])
  })

  it('a transaction opened without transact() is caught', () => {
    const path = 'src/features/x/commands/a.ts'
    assert.equal(transactionProblems({ path, text: 'db.transaction().execute(f)' }).length, 1)
    assert.equal(
      transactionProblems({ path, text: 'db\n  .transaction()\n  .execute(f)' }).length,
      1,
    )
    assert.deepEqual(transactionProblems({ path, text: 'transact(db, f)' }), [])
  })

  it("reaching into another feature's files is caught; its index.ts is the way in", () => {
    const path = 'src/features/home/routes.tsx'
    assert.equal(
      crossFeatureProblems({ path, text: "import { runBy } from '../circles/read/home.ts'\n" })
        .length,
      1,
    )
    assert.deepEqual(
      crossFeatureProblems({ path, text: "import { runBy } from '../circles/index.ts'\n" }),
      [],
    )
    assert.deepEqual(
      crossFeatureProblems({ path, text: "import { x } from './read/home.ts'\n" }),
      [],
    )
  })
})

describe('the features follow the layout (decision 0005)', () => {
  const files = sources(FEATURES)

  it('finds the feature files', () => {
    assert.ok(files.length > 40, `only ${files.length} files`)
  })

  for (const check of checks) {
    it(`no file breaks ${check.name.replace(/Problems$/, '')}`, () => {
      assert.deepEqual(files.flatMap(check), [])
    })
  }

  it('the server, the CLI and the demo use a feature only through its index.ts', () => {
    const outside = [
      ...sources(join(ROOT, 'src/cli')),
      ...sources(join(ROOT, 'src/demo')),
      ...sources(join(ROOT, 'src/core')),
      ...['src/server.ts', 'src/app.ts', 'src/composition.ts'].map((path) => ({
        path,
        text: readFileSync(join(ROOT, path), 'utf8'),
      })),
    ]
    assert.deepEqual(outside.flatMap(crossFeatureProblems), [])
    assert.deepEqual(outside.flatMap(transactionProblems), [])
  })

  it('outside the features, only core’s session, mailer and consent ledger select names', () => {
    const core = sources(join(ROOT, 'src/core')).filter(
      (s) => !/src\/core\/(session|mail|consent)\.ts$/.test(s.path),
    )
    assert.deepEqual(core.flatMap(nameProblems), [])
  })
})
