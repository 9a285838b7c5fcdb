// The home page's circles section: the circles a person runs, with what needs them next.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { facilitates } from '../standing.ts'

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
