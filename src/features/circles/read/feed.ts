// Calendar feeds: a circle's meetings (public, like its poster) and a person's own (the
// circles they hold a confirmed place in or facilitate), and the link to the person's feed.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { feedToken } from '../ics.ts'
import { facilitates, holdsPlace } from '../standing.ts'

export interface FeedEvent {
  id: string
  circleId: string
  name: string
  place: string
  startsAt: Date
  endsAt: Date
  cancelled: boolean
}

const feedSelect = (db: Db) =>
  db
    .selectFrom('circle_meetings as mt')
    .innerJoin('circles as c', 'c.id', 'mt.circle_id')
    .select([
      'mt.id',
      'c.id as circleId',
      'c.name',
      'c.place',
      'mt.starts_at as startsAt',
      'mt.ends_at as endsAt',
      sql<boolean>`mt.status = 'cancelled'`.as('cancelled'),
    ])
    .orderBy('mt.starts_at')

export async function circleFeed(db: Db, circleId: string): Promise<FeedEvent[]> {
  return feedSelect(db).where('c.id', '=', circleId).execute()
}

/** A person's feed: the circles they hold a confirmed place in, or facilitate. */
export async function personFeed(db: Db, personId: string): Promise<FeedEvent[]> {
  return feedSelect(db)
    .where((eb) => eb.or([holdsPlace(personId), facilitates(personId)]))
    .execute()
}

/** The person's calendar feed counter (ics.ts), or null when there is no such person. */
export async function feedCounter(db: Db, personId: string): Promise<number | null> {
  const row = await db
    .selectFrom('people')
    .select('calendar_feed')
    .where('id', '=', personId)
    .executeTakeFirst()
  return row?.calendar_feed ?? null
}

/** The address of the person's own calendar feed, as it stands now. */
export async function feedHref(db: Db, secret: string, personId: string): Promise<string> {
  const counter = await feedCounter(db, personId)
  return `/calendar/${feedToken(secret, personId, counter ?? 0)}.ics`
}
