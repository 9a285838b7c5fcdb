// The home page's circles sections: the circles a person runs, with what needs them next,
// and the places they hold (their own or a child's), with the next meeting.
import { type AliasableExpression, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Db } from '../../../core/db/index.ts'
import type { MemberStatus } from '../../../core/db/schema.ts'
import { activePlace, facilitates, RUNNING } from '../standing.ts'

export interface PlaceRow {
  circleId: string
  circle: string
  status: MemberStatus
  /** The child whose place it is (the parent's own child); null for an adult's own place. */
  child: string | null
  /** The next meeting's start (ISO text, as the statement's JSON carries it), if planned. */
  next: string | null
}

/**
 * The person's places still in play, in any circle (a neighbour who came in by the open door
 * holds places without a school): an expression the home page selects in its one statement.
 */
export function placesQuery(
  db: Db,
  personId: string,
  now = new Date(),
): AliasableExpression<PlaceRow[]> {
  return jsonArrayFrom(
    db
      .selectFrom('circle_members as cm')
      .innerJoin('circles as c', 'c.id', 'cm.circle_id')
      .leftJoin('children as ch', 'ch.id', 'cm.child_id')
      .select((eb) => [
        'c.id as circleId',
        'c.name as circle',
        'cm.status',
        'ch.first_name as child',
        eb
          .selectFrom('circle_meetings as mt')
          .select(sql<string>`min(mt.starts_at)`.as('n'))
          .whereRef('mt.circle_id', '=', 'c.id')
          .where('mt.status', 'in', ['planned', 'open'])
          .where('mt.ends_at', '>', now)
          .as('next'),
      ])
      .where('cm.person_id', '=', personId)
      .where('cm.status', 'in', RUNNING)
      .where(activePlace('cm'))
      .orderBy('c.name')
      .orderBy('ch.first_name'),
  )
}

/** The circles a person runs (facilitates or convenes), with what needs them next. */
export async function runBy(db: Db, personId: string, now = new Date()) {
  return db
    .selectFrom('circles as c')
    .select((eb) => [
      'c.id',
      'c.name',
      eb
        .selectFrom('circle_meetings as mt')
        .select(sql<Date>`min(mt.starts_at)`.as('n'))
        .whereRef('mt.circle_id', '=', 'c.id')
        .where('mt.status', 'in', ['planned', 'open'])
        .where('mt.ends_at', '>', now)
        .as('next'),
      eb
        .selectFrom('circle_members as cm')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('cm.circle_id', '=', 'c.id')
        .where('cm.status', 'in', ['asked', 'waitlist'])
        .as('pending'),
    ])
    .where((eb) =>
      eb.or([
        facilitates(personId),
        eb.and([
          eb('c.autonomous', '=', true),
          eb('c.convener_id', '=', personId),
          eb.exists(
            eb
              .selectFrom('circle_members as cv')
              .whereRef('cv.circle_id', '=', 'c.id')
              .where('cv.person_id', '=', personId)
              .where('cv.child_id', 'is', null)
              .where('cv.status', '=', 'confirmed'),
          ),
        ]),
      ]),
    )
    .orderBy('c.name')
    .execute()
}
