// Messages benchmark (`npm run bench:messages`): what a message to every family costs, as a
// ratio against writing the same number of rows in the same run, on PGlite and (with
// DATABASE_URL) on PostgreSQL.
//
//   - send: a school-wide template message to every family of a school of MSG_FAMILIES (500)
//     families, each in its own language (sendMessage: one INSERT … SELECT). Baseline: one
//     INSERT of as many rows of the same shape from generate_series, without the join.
//   - large: the same to MSG_LARGE (50,000) families, with the process's memory before and
//     after: the recipients never pass through this process, so memory stays flat.
//   - deliver: mailing the 500-family message (deliverMessages into the outbox), per mail.
//     Baseline: the same number of single-row inserts into the outbox, one at a time.
//   - read-aloud: eSpeak NG, one template message per language (the first call, then warm).
// Exit 1 when a target is missed: send < 1 s, large < 30 s, large's memory growth < 64 MB.
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { loadConfig } from '../src/core/config.ts'
import { type DatabaseHandle, type Db, migrate, openDatabase } from '../src/core/db/index.ts'
import { LANGUAGES } from '../src/core/db/schema.ts'
import { scratchDatabase } from '../src/core/db/scratch.ts'
import { createLogger } from '../src/core/log.ts'
import { createMailer } from '../src/core/mail.ts'
import { synthesize } from '../src/core/speech.ts'
import {
  deliverMessages,
  type NewMessage,
  renderTemplate,
  sendMessage,
} from '../src/features/messages/index.ts'

const envInt = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer`)
  return v
}
const FAMILIES = envInt('MSG_FAMILIES', 500)
const LARGE = envInt('MSG_LARGE', 50_000)
const RUNS = envInt('MSG_RUNS', 5)
const TARGET_SEND_MS = 1_000
const TARGET_LARGE_MS = 30_000
const TARGET_LARGE_MB = 64

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const ms = (n: number) => `${n.toFixed(1)} ms`
const mb = () => process.memoryUsage().rss / 2 ** 20

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

/** A school with `n` families (one parent, one child each), languages spread over all seven. */
async function school(db: Db, name: string, n: number): Promise<string> {
  const { id } = await db
    .insertInto('schools')
    .values({ name })
    .returning('id')
    .executeTakeFirstOrThrow()
  const langs = sql.raw(`array[${LANGUAGES.map((l) => `'${l}'`).join(',')}]`)
  await sql`
    with g as (
      insert into groups (school_id, name, grade)
      select ${id}::uuid, 'Groep ' || k, k from generate_series(1, 8) k returning id, grade
    ), p as (
      insert into people (email, name, first_name, language)
      select ${name} || '-' || i || '@bench.example', 'Ouder ' || i, 'Ouder',
        (${langs})[1 + i % ${LANGUAGES.length}]::text
      from generate_series(1, ${n}) i
      returning id, (regexp_match(email, '-(\\d+)@'))[1]::int as i
    ), ch as (
      insert into children (school_id, group_id, first_name)
      select ${id}::uuid, g.id, 'Kind ' || p.i from p join g on g.grade = 1 + p.i % 8
      returning id, first_name
    )
    insert into guardianships (child_id, person_id, school_id)
    select ch.id, p.id, ${id}::uuid from ch join p on ch.first_name = 'Kind ' || p.i`.execute(db)
  return id
}

const coffee = (date: string): NewMessage => {
  const params = { date, time: '08:30', place: 'de aula' }
  const nl = renderTemplate('coffee', params, 'nl')
  if (!nl) throw new Error('the coffee template is missing')
  return {
    audience: 'school',
    groupIds: [],
    childIds: [],
    templateKey: 'coffee',
    subject: nl.subject,
    body: nl.paragraphs.join('\n\n'),
    params,
    urgent: false,
  }
}

async function author(db: Db): Promise<string> {
  const { id } = await db
    .insertInto('people')
    .values({
      email: `director-${randomBytes(4).toString('hex')}@bench.example`,
      name: 'Directeur',
      first_name: 'D',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** One INSERT of `n` rows shaped like message_recipients, without the audience join. */
async function baselineInsert(db: Db, n: number): Promise<number> {
  await sql`create temporary table if not exists bench_rows
    (message_id uuid, person_id uuid, school_id uuid, language text, due_at timestamptz)`.execute(
    db,
  )
  await sql`truncate bench_rows`.execute(db)
  return time(() =>
    sql`insert into bench_rows
      select gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'nl', now()
      from generate_series(1, ${n})`.execute(db),
  )
}

interface Row {
  engine: string
  what: string
  value: string
  baseline: string
  ratio: string
}

async function engine(
  handle: DatabaseHandle,
  label: string,
): Promise<{ rows: Row[]; ok: boolean }> {
  const { db } = handle
  await migrate(db)
  const rows: Row[] = []
  let ok = true
  const director = await author(db)
  const small = await school(db, `bench-${label}-small`, FAMILIES)
  // A weekday, 10:00 in the school's time zone: mail may go at once.
  const now = new Date('2026-12-03T09:00:00Z')

  const sends: number[] = []
  const bases: number[] = []
  let messageId = ''
  let reached = 0
  for (let run = 0; run < RUNS; run++) {
    bases.push(await baselineInsert(db, FAMILIES))
    sends.push(
      await time(async () => {
        const r = await sendMessage(db, small, director, coffee('2026-12-10'), now)
        messageId = r.id
        reached = r.recipients
      }),
    )
  }
  if (reached !== FAMILIES) throw new Error(`reached ${reached} of ${FAMILIES} families`)
  const send = median(sends)
  const base = median(bases)
  rows.push({
    engine: label,
    what: `send to ${FAMILIES} families (median of ${RUNS})`,
    value: ms(send),
    baseline: ms(base),
    ratio: (base / send).toFixed(2),
  })
  if (send >= TARGET_SEND_MS) ok = false

  // Delivery of the last message only: the earlier runs are marked mailed first.
  await db
    .updateTable('message_recipients')
    .set({ mailed_at: now, outcome: 'stored' })
    .where('message_id', '<>', messageId)
    .execute()
  const config = loadConfig({ LOG_LEVEL: 'silent' })
  const mailer = createMailer({ ...config, smtpUrl: undefined }, db, createLogger('silent'))
  let mailed = 0
  const deliver = await time(async () => {
    mailed = (await deliverMessages({ db, mailer, baseUrl: config.baseUrl }, now)).people
  })
  if (mailed !== FAMILIES) throw new Error(`mailed ${mailed} of ${FAMILIES}`)
  const single = await time(async () => {
    for (let i = 0; i < FAMILIES; i++)
      await db
        .insertInto('outbox')
        .values({
          person_id: null,
          to_address: `x${i}@bench.example`,
          subject: 's',
          body_text: 't',
        })
        .execute()
  })
  rows.push({
    engine: label,
    what: `deliver ${FAMILIES} mails, each in its language`,
    value: `${ms(deliver)} (${ms(deliver / FAMILIES)} per mail)`,
    baseline: ms(single),
    ratio: (single / deliver).toFixed(2),
  })

  const large = await school(db, `bench-${label}-large`, LARGE)
  const before = mb()
  let largeReached = 0
  const largeMs = await time(async () => {
    largeReached = (await sendMessage(db, large, director, coffee('2026-12-11'), now)).recipients
  })
  const growth = mb() - before
  if (largeReached !== LARGE) throw new Error(`reached ${largeReached} of ${LARGE} families`)
  const largeBase = await baselineInsert(db, LARGE)
  rows.push({
    engine: label,
    what: `send to ${LARGE} families (memory +${growth.toFixed(0)} MB)`,
    value: ms(largeMs),
    baseline: ms(largeBase),
    ratio: (largeBase / largeMs).toFixed(2),
  })
  if (largeMs >= TARGET_LARGE_MS || growth >= TARGET_LARGE_MB) ok = false
  return { rows, ok }
}

async function speech(): Promise<Row[]> {
  const rows: Row[] = []
  const params = {
    date: '2026-12-14',
    time: '09:00',
    place: 'de kinderboerderij',
    bring: 'laarzen',
  }
  for (const lang of LANGUAGES) {
    const shown = renderTemplate('trip', params, lang)
    if (!shown) throw new Error('the trip template is missing')
    const text = [shown.subject, ...shown.paragraphs].join('\n\n')
    let bytes = 0
    const first = await time(async () => {
      bytes = (await synthesize(text, lang)).length
    })
    const warm = await time(() => synthesize(text, lang))
    rows.push({
      engine: '-',
      what: `read aloud, ${lang} (${text.length} characters, ${(bytes / 1024).toFixed(0)} KB MP3)`,
      value: `${ms(warm)} warm`,
      baseline: `${ms(first)} first`,
      ratio: '-',
    })
  }
  return rows
}

const rows: Row[] = []
let ok = true
const lite = await openDatabase({})
try {
  const r = await engine(lite, 'pglite')
  rows.push(...r.rows)
  ok &&= r.ok
} finally {
  await lite.close()
}
if (process.env.DATABASE_URL) {
  const fresh = await scratchDatabase(process.env.DATABASE_URL, 'kw_bench')
  const handle = await openDatabase({ databaseUrl: fresh.url })
  try {
    const r = await engine(handle, 'postgres')
    rows.push(...r.rows)
    ok &&= r.ok
  } finally {
    await handle.close()
    await fresh.drop()
  }
}
if (process.env.MSG_SPEECH !== '0') rows.push(...(await speech()))
console.table(rows)
console.log(
  ok
    ? `targets met: send < ${TARGET_SEND_MS} ms, ${LARGE} families < ${TARGET_LARGE_MS} ms with memory growth < ${TARGET_LARGE_MB} MB`
    : 'a target was missed (see above)',
)
process.exit(ok ? 0 : 1)
