// Every form of the router, fed what no form expects (issue #16): text from every Unicode plane,
// right-to-left and control characters, NUL, values near the body cap, fields missing,
// repeated or of the wrong kind, on real record ids of the demo. Never a 500, never a stack trace.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { sql } from 'kysely'
import { type Client, type TestApp, testApp } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp({ demo: { families: { regenboog: 4, vlinderboom: 2 } } })
})
after(() => t.close())

/** Field names the forms use, and a few they do not. */
const FIELDS = [
  'name',
  'email',
  'language',
  'role',
  'theme',
  'themes',
  'title',
  'subject',
  'body',
  'text',
  'date',
  'time',
  'starts',
  'slot',
  'topic',
  'place',
  'for',
  'decision',
  'answer',
  'status',
  'kind',
  'group',
  'groups',
  'child',
  'children',
  'phone',
  'contactChannel',
  'capacity',
  'rhythm',
  'count',
  'do',
  'not',
  'token',
  'code',
  'persona',
  'school',
  'q',
  'op',
  'offerId',
  'requestId',
  'programmeId',
  'withTeacher',
  'minutes',
  'repeat',
  '__proto__',
  'constructor',
]

const NASTY = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202eevil',
  '\u200f\u2067x',
  '\r\n\r\n',
  '\u001b[31m',
  '\ud800',
  '😀👩‍👩‍👧',
  'مرحبا بكم',
  '-1',
  '1e309',
  'NaN',
  '99999999999999999999',
  '2027-02-30',
  '31-12-2027',
  '25:61',
  'true',
  '[]',
  '{"a":1}',
  "'; drop table people; --",
  '<script>alert(1)</script>',
  '00000000-0000-4000-8000-000000000000',
  'x'.repeat(300_000),
]

const value = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer().map(String),
)
const field = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...FIELDS) },
  fc.string({ maxLength: 8 }),
)
/** Pairs, so a field may come twice or not at all. */
const body = fc.array(fc.tuple(field, value), { maxLength: 8 })

/** A real id of the demo for each path parameter, so the forms behind a record are reached. */
async function idsFor(path: string): Promise<string> {
  const first = async (table: string) => {
    const { rows } = await sql<{ id: string }>`select id::text as id from ${sql.table(table)}
      order by id limit 1`.execute(t.deps.db)
    return rows[0]?.id ?? '00000000-0000-4000-8000-000000000000'
  }
  const table = (name: string, before: string): string => {
    if (name === 'personId') return 'people'
    if (name === 'groupId') return 'groups'
    if (name === 'linkId') return 'buddy_links'
    if (name === 'offerId') return 'buddy_offers'
    if (name === 'requestId') return 'buddy_requests'
    if (name === 'eid') return 'circle_evaluations'
    if (name === 'mid') return before.endsWith('/members') ? 'circle_members' : 'circle_meetings'
    if (before.startsWith('/profile/consents')) return 'consents'
    if (before.startsWith('/school/calendar/days-off')) return 'school_days_off'
    if (before.startsWith('/circles')) return 'circles'
    if (before.startsWith('/surveys')) return 'surveys'
    if (before.startsWith('/partners/talks')) return 'partner_requests'
    if (before.startsWith('/partners/hours')) return 'partner_hours'
    if (before.startsWith('/partners/bookings')) return 'partner_bookings'
    throw new Error(`no table for :${name} in ${path}`)
  }
  let out = ''
  for (const part of path.split('/').slice(1)) {
    out += part.startsWith(':') ? `/${await first(table(part.slice(1), out))}` : `/${part}`
  }
  return out
}

describe('every form, fed nonsense', () => {
  it('answers every state-changing route with anything but a 500, whoever posts', async () => {
    // Signing out or in as a persona would change who the rest of the run is.
    const skip = new Set(['/signout', '/signin/demo'])
    const routes = t.router.routes.filter((r) => r.method === 'POST' && !skip.has(r.path))
    assert.ok(routes.length > 50)
    const posters: Client[] = [await t.as('parent'), await t.as('ib'), await t.as('director')]
    const paths = await Promise.all(routes.map((r) => idsFor(r.path)))
    const tally: Record<number, number> = {}
    for (const [i, path] of paths.entries()) {
      await fc.assert(
        fc.asyncProperty(body, fc.nat(posters.length - 1), async (pairs, who) => {
          const c = posters[who] as Client
          const form = new URLSearchParams([['_csrf', c.csrf], ...pairs])
          const res = await c.request(path, {
            method: 'POST',
            body: form,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
          assert.ok(
            res.status < 500,
            `${routes[i]?.path} answered ${res.status} to ${JSON.stringify(pairs).slice(0, 300)}`,
          )
          assert.doesNotMatch(res.text, /\n\s+at .+:\d+:\d+/, 'no stack trace')
          tally[res.status] = (tally[res.status] ?? 0) + 1
        }),
        { numRuns: 6, seed: 20261203 + i },
      )
    }
    // The forms were reached, not only refused at the door: many answers are a form with its
    // errors (400), and some a change made (303).
    assert.ok((tally[400] ?? 0) >= 60, `form errors: ${JSON.stringify(tally)}`)
    assert.ok((tally[303] ?? 0) >= 5, `changes made: ${JSON.stringify(tally)}`)
  })
})
