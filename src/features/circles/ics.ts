// Calendar feeds (.ics) for a circle and for a person. A calendar app subscribes without a
// cookie, so a person's feed is addressed by a token: their id with an HMAC under the
// server secret over the id and the person's feed counter (people.calendar_feed). Nobody can
// forge one; the person can share it with their own calendar, and replace it when it has
// gone where it should not: raising the counter makes every earlier token worthless.
import { timingSafeEqual } from 'node:crypto'
import { hmac } from '../../core/crypto.ts'
import { toCalendar } from '../../core/ics.ts'
import type { FeedEvent } from './read/feed.ts'

export function feedToken(secret: string, personId: string, counter: number): string {
  // Counter 0 signs what tokens signed before the counter existed, so those keep working.
  const signed = counter === 0 ? `ics:${personId}` : `ics:${personId}:${counter}`
  return `${personId}.${hmac(secret, signed).slice(0, 32)}`
}

/** The person a token claims to be for, if it has a token's shape; check it with feedTokenOk. */
export function claimedPerson(token: string): string | null {
  // A strict UUID: the id goes to the database before the HMAC is checked.
  return (
    /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{32}$/.exec(
      token,
    )?.[1] ?? null
  )
}

/** Whether the token is the person's current one (compared in constant time). */
export function feedTokenOk(
  secret: string,
  personId: string,
  counter: number,
  token: string,
): boolean {
  const expected = Buffer.from(feedToken(secret, personId, counter))
  const given = Buffer.from(token)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

export const toIcs = (events: readonly FeedEvent[], calName: string, baseUrl: string): string =>
  toCalendar(
    events.map((e) => ({
      uid: e.id,
      title: e.name,
      place: e.place,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      url: `${baseUrl}/circles/${e.circleId}`,
      cancelled: e.cancelled,
    })),
    calName,
    baseUrl,
  )
