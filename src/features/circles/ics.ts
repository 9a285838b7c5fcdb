// Calendar feeds (.ics) for a circle and for a person. A calendar app subscribes without a
// cookie, so a person's feed is addressed by a token: their id with an HMAC under the
// server secret, which nobody can forge and the person can share with their own calendar.
import { timingSafeEqual } from 'node:crypto'
import { createEvents } from 'ics'
import { hmac } from '../../core/crypto.ts'
import type { FeedEvent } from './service.ts'

export function feedToken(secret: string, personId: string): string {
  return `${personId}.${hmac(secret, `ics:${personId}`).slice(0, 32)}`
}

/** The person id a feed token stands for, or null when it was not made by this server. */
export function personOfToken(secret: string, token: string): string | null {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{32})$/.exec(token)
  if (!m?.[1]) return null
  const expected = Buffer.from(feedToken(secret, m[1]))
  const given = Buffer.from(token)
  return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : null
}

export function toIcs(events: readonly FeedEvent[], calName: string, baseUrl: string): string {
  const host = new URL(baseUrl).hostname
  const { error, value } = createEvents(
    events.map((e) => ({
      uid: `${e.id}@${host}`,
      start: e.startsAt.getTime(),
      startInputType: 'utc' as const,
      startOutputType: 'utc' as const,
      end: e.endsAt.getTime(),
      endInputType: 'utc' as const,
      endOutputType: 'utc' as const,
      title: e.name,
      location: e.place,
      url: `${baseUrl}/circles/${e.circleId}`,
      status: e.cancelled ? ('CANCELLED' as const) : ('CONFIRMED' as const),
    })),
    { productId: 'kringwerk', calName },
  )
  if (error || value === null) throw error ?? new Error('ics failed')
  return value
}
