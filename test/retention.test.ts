// The retention rules core enforces (core/retention.ts, docs/retention.md), one test per rule:
// what has passed its time goes, what has not stays.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { forgetExpired, RETENTION } from '../src/core/retention.ts'
import { type TestApp, testApp } from './helpers.ts'

let t: TestApp
let person = ''
const now = new Date('2027-03-01T12:00:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms)
const HOUR = 3_600_000
const DAY = 24 * HOUR

before(async () => {
  t = await testApp({ demo: false })
  person = (
    await t.deps.db
      .insertInto('people')
      .values({
        email: 'bewaar@example.org',
        name: 'Bewaar Test',
        first_name: 'Bewaar',
        language: 'nl',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const { db } = t.deps
  await db
    .insertInto('sessions')
    .values([
      { id: 'ended', person_id: person, school_id: null, expires_at: ago(1000) },
      { id: 'open', person_id: person, school_id: null, expires_at: new Date(now.getTime() + DAY) },
    ])
    .execute()
  const token = (id: string, expires: Date) => ({
    id: randomUUID(),
    person_id: person,
    link_hash: id,
    code_hash: id,
    expires_at: expires,
  })
  await db
    .insertInto('signin_tokens')
    .values([token('old', ago(RETENTION.signinTokenDays * DAY + HOUR)), token('recent', ago(HOUR))])
    .execute()
  await db
    .insertInto('rate_events')
    .values([
      { bucket: 'old', at: ago(RETENTION.rateEventHours * HOUR + 1000) },
      { bucket: 'recent', at: ago(HOUR) },
    ])
    .execute()
  const mail = (subject: string, at: Date) => ({
    mail_id: randomUUID(),
    part: 0,
    person_id: person,
    to_address: 'bewaar@example.org',
    subject,
    body_text: subject,
    created_at: at,
  })
  await db
    .insertInto('outbox')
    .values([mail('old', ago(RETENTION.outboxDays * DAY + HOUR)), mail('recent', ago(DAY))])
    .execute()
})
after(() => t.close())

describe('retention (core)', () => {
  it('forgets ended sessions, day-old sign-in tokens, day-old rate events and outbox mail after 90 days, and nothing younger', async () => {
    const { db } = t.deps
    const done = await forgetExpired(db, now)
    assert.deepEqual(done, { sessions: 1, signinTokens: 1, rateEvents: 1, outbox: 1 })
    const left = {
      sessions: (await db.selectFrom('sessions').select('id').execute()).map((r) => r.id),
      tokens: (await db.selectFrom('signin_tokens').select('link_hash').execute()).map(
        (r) => r.link_hash,
      ),
      events: (await db.selectFrom('rate_events').select('bucket').execute()).map((r) => r.bucket),
      outbox: (await db.selectFrom('outbox').select('subject').execute()).map((r) => r.subject),
    }
    assert.deepEqual(left, {
      sessions: ['open'],
      tokens: ['recent'],
      events: ['recent'],
      outbox: ['recent'],
    })
    assert.deepEqual(await forgetExpired(db, now), {
      sessions: 0,
      signinTokens: 0,
      rateEvents: 0,
      outbox: 0,
    })
  })
})
