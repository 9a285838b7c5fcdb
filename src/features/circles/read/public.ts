// The open door: what the poster on the school door shows (name, kind, host, place, dates,
// the agreements) to anyone with the link; and, for a signed-in visitor, their own places and
// the children they may sign up, as the join rule (policy.ts) allows. Nothing here names anyone
// else.
import { sql } from 'kysely'
import { sha256 } from '../../../core/crypto.ts'
import type { Db } from '../../../core/db/index.ts'
import { NotFound } from '../../../core/errors.ts'
import type { MessageKey } from '../../../core/i18n/index.ts'
import type { PolicyEnv } from '../../../core/policy.ts'
import type { Principal } from '../../../core/principal.ts'
import { can } from '../../../policies.ts'
import {
  type ChildFacts,
  type Circle,
  getCircle,
  guardedChildren,
  joinRecord,
  upcomingMeetings,
} from './circle.ts'
import { myPlaces } from './member.ts'

/** The circle of a public page, or not found. */
export async function publicCircle(db: Db, circleId: string): Promise<Circle> {
  const circle = await getCircle(db, circleId)
  if (!circle) throw new NotFound()
  return circle
}

/** One of the person's own children, for a child's place; a child not theirs is not found. */
export async function ownChild(db: Db, personId: string, childId: string): Promise<ChildFacts> {
  const [child] = await guardedChildren(db, personId, childId)
  if (!child) throw new NotFound()
  return child
}

/** A mailed join link still waiting for its press: bound to this circle, not yet expired. */
export async function joinLinkWaits(db: Db, circleId: string, link: string): Promise<boolean> {
  const row = await db
    .selectFrom('circle_join_links')
    .select('id')
    .where('link_hash', '=', sha256(link))
    .where('circle_id', '=', circleId)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  return row !== undefined
}

/**
 * The join page: the circle, its coming dates, the visitor's places, what they may sign up
 * for (the join rule, asked for themselves and for each of their children), and, when they
 * came by a mailed link, whether that link still works.
 */
export async function loadJoinPage(
  db: Db,
  p: Principal | null,
  env: PolicyEnv,
  circleId: string,
  link?: string,
) {
  const [circle, upcoming, places, children, linkWaits] = await Promise.all([
    publicCircle(db, circleId),
    upcomingMeetings(db, circleId),
    p ? myPlaces(db, circleId, p.personId) : [],
    p ? guardedChildren(db, p.personId) : [],
    link ? joinLinkWaits(db, circleId, link) : undefined,
  ])
  const forChildren = circle.audience === 'child'
  const taken = new Set(places.map((x) => x.childId))
  const open = children.filter((ch) => !taken.has(ch.id))
  const fits = (child?: ChildFacts) => can(p, 'circles.join', joinRecord(circle, child), env)
  const free = forChildren ? open.filter((ch) => fits(ch)) : []
  // Why no child can be signed up: none at the circle's schools, or none in its groups.
  const childNote: MessageKey | null =
    forChildren && p && free.length === 0 && places.length === 0
      ? open.some((ch) => circle.schoolIds.includes(ch.schoolId))
        ? 'circles.noChildInGroups'
        : 'circles.noChildHere'
      : null
  return {
    circle,
    upcoming,
    places,
    signedIn: p !== null,
    /** May take a place of their own (an adult circle whose audience they are in). */
    mayJoin: !forChildren && fits(),
    freeChildren: free.map((ch) => ({ id: ch.id, firstName: ch.firstName })),
    childNote,
    /** Came by a mailed link: 'waits' to be pressed, or 'spent' (used, expired, elsewhere). */
    link: link === undefined ? null : linkWaits ? ('waits' as const) : ('spent' as const),
    token: linkWaits ? link : undefined,
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
