import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { schoolTime } from '../../core/time.ts'
import { dueAt } from './delivery.ts'

// 2027-01-12 is a Tuesday; 2027-01-15 a Friday; 2027-01-16 a Saturday.
const at = (date: string, time: string) => schoolTime(date, time)
const each = { urgent: false, digest: false }

test('during school hours on a weekday a message goes at once', () => {
  const now = at('2027-01-12', '10:15')
  assert.equal(dueAt(now, each).getTime(), now.getTime())
})

test('after 18:00 it waits until 07:00 the next weekday', () => {
  assert.deepEqual(dueAt(at('2027-01-12', '18:00'), each), at('2027-01-13', '07:00'))
  assert.deepEqual(dueAt(at('2027-01-12', '23:59'), each), at('2027-01-13', '07:00'))
  assert.deepEqual(dueAt(at('2027-01-13', '06:30'), each), at('2027-01-13', '07:00'))
})

test('on Friday evening and at the weekend it waits until Monday 07:00', () => {
  assert.deepEqual(dueAt(at('2027-01-15', '19:00'), each), at('2027-01-18', '07:00'))
  assert.deepEqual(dueAt(at('2027-01-16', '11:00'), each), at('2027-01-18', '07:00'))
})

test('urgent passes the quiet hours, also for a digest reader', () => {
  const now = at('2027-01-16', '22:00')
  assert.equal(dueAt(now, { urgent: true, digest: false }).getTime(), now.getTime())
  assert.equal(dueAt(now, { urgent: true, digest: true }).getTime(), now.getTime())
})

test('the digest goes at 16:30 on school days', () => {
  const digest = { urgent: false, digest: true }
  assert.deepEqual(dueAt(at('2027-01-12', '09:00'), digest), at('2027-01-12', '16:30'))
  assert.deepEqual(dueAt(at('2027-01-12', '16:31'), digest), at('2027-01-13', '16:30'))
  assert.deepEqual(dueAt(at('2027-01-15', '17:00'), digest), at('2027-01-18', '16:30'))
})

test('no mail that is not urgent is ever due in quiet hours (any moment, DST included)', () => {
  const wall = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2026-01-01'), max: new Date('2029-12-31'), noInvalidDate: true }),
      fc.boolean(),
      (now, digest) => {
        const due = dueAt(now, { urgent: false, digest })
        assert.ok(due.getTime() >= now.getTime())
        assert.ok(due.getTime() - now.getTime() <= 4 * 86_400_000)
        const parts = Object.fromEntries(wall.formatToParts(due).map((p) => [p.type, p.value]))
        assert.ok(!['Sat', 'Sun'].includes(parts.weekday ?? ''), `weekend: ${due.toISOString()}`)
        const hhmm = `${parts.hour}:${parts.minute}`
        assert.ok(hhmm >= '07:00' && hhmm < '18:00', `quiet hours: ${due.toISOString()} ${hhmm}`)
      },
    ),
    { numRuns: 500 },
  )
})
