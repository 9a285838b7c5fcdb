// What a member (or someone looking for a circle) sees: the circles list, their own places,
// the circle's page with what the policy lets them see, and the evaluation they may answer.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { MemberStatus } from '../../../core/db/schema.ts'
import type { PolicyEnv } from '../../../core/policy.ts'
import type { Principal } from '../../../core/principal.ts'
import { can } from '../../../policies.ts'
import { activePlace, facilitates, hostOfCircle, RUNNING } from '../standing.ts'
import {
  circleQuery,
  guardedChildren,
  joinRecord,
  type LoadedCircle,
  meetingsOf,
  nextMeeting,
} from './circle.ts'
import { feedHref } from './feed.ts'
import { facilitatorRegister, registerSchools } from './host.ts'
import { rosterFor } from './roster.ts'
import { evaluationsOf } from './runner.ts'

/** The circles open to the person's current school, and every circle they belong to. */
export async function circlesFor(db: Db, p: Principal) {
  const rows = await circleQuery(db)
    .select((eb) => [
      facilitates(p.personId).as('facilitator'),
      eb
        .selectFrom('circle_members as cm')
        .select(sql<MemberStatus[]>`array_agg(cm.status)`.as('s'))
        .whereRef('cm.circle_id', '=', 'c.id')
        .where('cm.person_id', '=', p.personId)
        .where('cm.status', 'in', RUNNING)
        .as('myStatuses'),
    ])
    .where((eb) =>
      eb.or([
        ...(p.schoolId
          ? [
              eb('c.school_id', '=', p.schoolId),
              eb.exists(
                eb
                  .selectFrom('circle_schools as cs')
                  .whereRef('cs.circle_id', '=', 'c.id')
                  .where('cs.school_id', '=', p.schoolId),
              ),
            ]
          : []),
        facilitates(p.personId),
        eb.exists(
          eb
            .selectFrom('circle_members as cm')
            .whereRef('cm.circle_id', '=', 'c.id')
            .where('cm.person_id', '=', p.personId)
            .where('cm.status', 'in', RUNNING),
        ),
      ]),
    )
    .orderBy('c.name')
    .execute()
  return rows.map((r) => ({
    ...r,
    mine: r.facilitator || (r.myStatuses?.length ?? 0) > 0 || r.convenerId === p.personId,
  }))
}

export type ListedCircle = Awaited<ReturnType<typeof circlesFor>>[number]

/** A person's places in a circle (own and children's), any status still in play. */
export async function myPlaces(db: Db, circleId: string, personId: string) {
  return db
    .selectFrom('circle_members as cm')
    .leftJoin('children as ch', 'ch.id', 'cm.child_id')
    .select(['cm.id', 'cm.status', 'cm.child_id as childId', 'ch.first_name as childName'])
    .where('cm.circle_id', '=', circleId)
    .where('cm.person_id', '=', personId)
    .where('cm.status', 'in', RUNNING)
    .where(activePlace('cm'))
    .execute()
}

export type Place = Awaited<ReturnType<typeof myPlaces>>[number]

/** The circle's facilitators, by name: shown to everyone who may see the circle's page. */
export async function facilitatorsOf(db: Db, circleId: string) {
  return db
    .selectFrom('circle_facilitators as f')
    .innerJoin('people as pe', 'pe.id', 'f.person_id')
    .select(['pe.id', 'pe.name'])
    .where('f.circle_id', '=', circleId)
    .orderBy('pe.name')
    .execute()
}

/** The open evaluation this person may still answer, with the children whose place it is. */
export async function evaluationToAnswer(db: Db, circleId: string, personId: string) {
  const row = await db
    .selectFrom('circle_evaluations as e')
    .innerJoin('circle_evaluation_voters as v', 'v.evaluation_id', 'e.id')
    .select((eb) => [
      'e.id',
      eb
        .selectFrom('circle_members as cm')
        .innerJoin('children as ch', 'ch.id', 'cm.child_id')
        .select(sql<string[]>`array_agg(ch.first_name order by ch.first_name)`.as('n'))
        .whereRef('cm.circle_id', '=', 'e.circle_id')
        .whereRef('cm.person_id', '=', 'v.person_id')
        .where('cm.status', '=', 'confirmed')
        .as('children'),
    ])
    .where('e.circle_id', '=', circleId)
    .where('e.closed_at', 'is', null)
    .where('v.person_id', '=', personId)
    .where('v.answered', '=', false)
    .executeTakeFirst()
  return row ? { evaluationId: row.id, children: row.children ?? [] } : null
}

/**
 * Child places named for the parent's consents page: "Amira · Kinderkring groep 3-5". The
 * ledger asks only for the subjects of that parent's own consents, in one school.
 */
export async function childPlaceNames(
  db: Db,
  schoolId: string,
  memberIds: readonly string[],
): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('circle_members as cm')
    .innerJoin('children as ch', 'ch.id', 'cm.child_id')
    .innerJoin('circles as c', 'c.id', 'cm.circle_id')
    .select(['cm.id', 'ch.first_name as child', 'c.name as circle'])
    .where('cm.id', 'in', [...memberIds])
    .where('ch.school_id', '=', schoolId)
    .execute()
  return new Map(rows.map((r) => [r.id, `${r.child} · ${r.circle}`]))
}

/**
 * The /circles page: the person's circles, the open ones the join rule offers them (a
 * leerkrachtkring to the team, a children's circle to a parent with a child who fits) or that
 * they host, and their calendar link.
 */
export async function loadListPage(db: Db, p: Principal, env: PolicyEnv, secret: string) {
  const [rows, feed, children] = await Promise.all([
    circlesFor(db, p),
    feedHref(db, secret, p.personId),
    guardedChildren(db, p.personId),
  ])
  const offered = (x: ListedCircle) =>
    (x.audience === 'child'
      ? children.some((ch) => can(p, 'circles.join', joinRecord(x, ch), env))
      : can(p, 'circles.join', joinRecord(x), env)) ||
    can(
      p,
      'circles.manage',
      { ...x, facilitator: x.facilitator, convener: false, member: false },
      env,
    )
  const circles = rows.map((x) => ({ ...x, offered: offered(x) }))
  return { circles, feed, personId: p.personId }
}

export type ListPage = Awaited<ReturnType<typeof loadListPage>>

/**
 * A circle's page, for whoever may view it: a member, those who run it, its host. Each part
 * is loaded only for whom the policy shows it, all at once.
 */
export async function loadCirclePage(
  db: Db,
  p: Principal,
  env: PolicyEnv,
  secret: string,
  loaded: LoadedCircle,
) {
  const { circle, record } = loaded
  const runs = record.facilitator || record.convener
  // A host who also facilitates or takes part sees both sides of the page.
  const hosts = can(p, 'circles.manage', record, env)
  const [meetings, places, facilitators, evaluations, feed, next, toAnswer, people, register] =
    await Promise.all([
      meetingsOf(db, circle.id),
      myPlaces(db, circle.id, p.personId),
      facilitatorsOf(db, circle.id),
      runs || hosts ? evaluationsOf(db, circle.id) : [],
      feedHref(db, secret, p.personId),
      record.member ? nextMeeting(db, circle.id) : undefined,
      record.member ? evaluationToAnswer(db, circle.id, p.personId) : null,
      rosterFor(db, p, env, loaded, runs ? RUNNING : ['confirmed']),
      hosts
        ? facilitatorRegister(db, hostOfCircle(circle), registerSchools(p, hostOfCircle(circle)))
        : [],
    ])
  return {
    circle,
    runs,
    hosts,
    member: record.member,
    showRoster: can(p, 'circles.seeRoster', record, env),
    meetings,
    places,
    facilitators,
    evaluations,
    feed,
    next,
    toAnswer,
    confirmed: people.filter((m) => m.status === 'confirmed'),
    waiting: people.filter((m) => m.status !== 'confirmed'),
    register,
  }
}

export type CirclePage = Awaited<ReturnType<typeof loadCirclePage>>
