// The open door: what the poster on the school door shows (name, kind, host, place, dates,
// the agreements) to anyone with the link; and, for a signed-in visitor, their own places and
// the children they may sign up. Nothing here names anyone else.
import type { Db } from '../../../core/db/index.ts'
import { NotFound } from '../../../core/errors.ts'
import type { Principal } from '../../../core/principal.ts'
import { type Circle, getCircle, upcomingMeetings } from './circle.ts'
import { myPlaces } from './member.ts'

/** The circle of a public page, or not found. */
export async function publicCircle(db: Db, circleId: string): Promise<Circle> {
  const circle = await getCircle(db, circleId)
  if (!circle) throw new NotFound()
  return circle
}

/** The join page: the circle, its coming dates, the visitor's places and children. */
export async function loadJoinPage(db: Db, p: Principal | null, circleId: string) {
  const [circle, upcoming, places] = await Promise.all([
    publicCircle(db, circleId),
    upcomingMeetings(db, circleId),
    p ? myPlaces(db, circleId, p.personId) : [],
  ])
  // A parent may sign up their children of a school the circle is open to.
  const children =
    p?.schoolId && circle.audience === 'child' && circle.schoolIds.includes(p.schoolId)
      ? p.children
      : []
  const taken = new Set(places.map((x) => x.childId))
  return {
    circle,
    upcoming,
    places,
    signedIn: p !== null,
    freeChildren: children.filter((ch) => !taken.has(ch.id)),
  }
}

export type JoinPage = Awaited<ReturnType<typeof loadJoinPage>>

/** What the poster shows: the circle and its coming meetings. */
export async function loadPoster(db: Db, circleId: string) {
  const [circle, meetings] = await Promise.all([
    publicCircle(db, circleId),
    upcomingMeetings(db, circleId),
  ])
  return { circle, meetings }
}
