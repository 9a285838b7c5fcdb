// Open requests and available buddies of one school, in the matching engine's terms. The
// names come along for the audiences that may read them (coordinators, and parents for a
// listed buddy); each read module asks the policy before it hands one out.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { Buddy, BuddyRequest } from '../matching.ts'
import { standing } from './links.ts'

export interface Pool {
  buddies: (Buddy & { personId: string; name: string; offerId: string; showName: boolean })[]
  requests: (BuddyRequest & {
    personId: string
    name: string
    source: string
    waitingDays: number
  })[]
}

const languagesOf = (language: string, home: string[]) => [...new Set([language, ...home])]

async function childGrades(db: Db, schoolId: string, personIds: string[]) {
  if (!personIds.length) return new Map<string, number[]>()
  const rows = await db
    .selectFrom('guardianships as gu')
    .innerJoin('children as ch', 'ch.id', 'gu.child_id')
    .innerJoin('groups as g', 'g.id', 'ch.group_id')
    .select(['gu.person_id', 'g.grade'])
    .where('gu.school_id', '=', schoolId)
    .where('gu.person_id', 'in', personIds)
    .execute()
  const map = new Map<string, number[]>()
  for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.grade])
  return map
}

/** How many parents the buddy of offer `o` supports now: its standing links. */
export const loadOfOffer = () =>
  sql<number>`(select count(*)::int from buddy_links l where l.offer_id = o.id and ${standing('l')})`

/** A school's requests in one status, oldest first, with the asker and the days waited. */
export function requestsIn(db: Db, schoolId: string, status: 'open' | 'proposed') {
  return db
    .selectFrom('buddy_requests as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.person_id as personId',
      'p.name',
      'p.language',
      'p.home_languages',
      'r.theme',
      'r.source',
      sql<number>`extract(day from now() - r.created_at)::int`.as('waitingDays'),
    ])
    .where('r.school_id', '=', schoolId)
    .where('r.status', '=', status)
    .orderBy('r.created_at')
    .execute()
}

export async function matchingPool(db: Db, schoolId: string): Promise<Pool> {
  const [offers, requests] = await Promise.all([
    db
      .selectFrom('buddy_offers as o')
      .innerJoin('people as p', 'p.id', 'o.person_id')
      .select([
        'o.id as offerId',
        'o.person_id as personId',
        'p.name',
        'p.language',
        'p.home_languages',
        'o.themes',
        'o.languages',
        'o.capacity',
        'o.show_name as showName',
        loadOfOffer().as('load'),
        sql<number>`extract(day from now() - coalesce((select max(l2.created_at) from buddy_links l2 where l2.offer_id = o.id), o.created_at))::int`.as(
          'waitingDays',
        ),
      ])
      .where('o.school_id', '=', schoolId)
      .where('o.status', '=', 'active')
      .where((eb) =>
        eb.or([eb('o.until', 'is', null), eb('o.until', '>=', sql<Date>`current_date`)]),
      )
      .execute(),
    requestsIn(db, schoolId, 'open'),
  ])
  const grades = await childGrades(db, schoolId, [
    ...offers.map((o) => o.personId),
    ...requests.map((r) => r.personId),
  ])
  return {
    buddies: offers.map((o) => ({
      id: o.offerId,
      offerId: o.offerId,
      personId: o.personId,
      name: o.name,
      showName: o.showName,
      themes: o.themes,
      languages: [...new Set([...o.languages, ...languagesOf(o.language, o.home_languages)])],
      childGrades: grades.get(o.personId) ?? [],
      capacity: o.capacity,
      activeLinks: Number(o.load ?? 0),
      availableSinceDays: Math.max(0, Number(o.waitingDays ?? 0)),
    })),
    requests: requests.map((r) => ({
      id: r.id,
      personId: r.personId,
      name: r.name,
      theme: r.theme,
      source: r.source,
      waitingDays: Number(r.waitingDays ?? 0),
      languages: languagesOf(r.language, r.home_languages),
      childGrades: grades.get(r.personId) ?? [],
    })),
  }
}
