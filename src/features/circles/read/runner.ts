// What the people who run a circle (its facilitators, or the convener of an autonomous one)
// see: the meeting screen with the rule in every language present, the topic proposals and
// who is here; and the evaluations, whose averages show only when closed with K answers.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { PolicyEnv } from '../../../core/policy.ts'
import type { Principal } from '../../../core/principal.ts'
import { K_ANONYMITY } from '../kinds.ts'
import { type Circle, getMeeting, type LoadedCircle } from './circle.ts'
import { rosterFor } from './roster.ts'

export async function evaluationsOf(db: Db, circleId: string) {
  const rows = await db
    .selectFrom('circle_evaluations')
    .select(['id', 'opened_at', 'closed_at', 'answers', 'sums'])
    .where('circle_id', '=', circleId)
    .orderBy('opened_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    answers: r.answers,
    /** Averages only once closed and with at least K answers: never one person's view. */
    averages: r.closed_at && r.answers >= K_ANONYMITY ? r.sums.map((s) => s / r.answers) : null,
  }))
}

export type Evaluation = Awaited<ReturnType<typeof evaluationsOf>>[number]

/** The topic list for the facilitator: a first name only when the member chose to give it. */
export async function topicsOf(db: Db, meetingId: string) {
  return db
    .selectFrom('circle_topics as tp')
    .leftJoin('circle_members as cm', 'cm.id', 'tp.member_id')
    .leftJoin('people as pe', 'pe.id', 'cm.person_id')
    .leftJoin('children as ch', 'ch.id', 'cm.child_id')
    .select([
      'tp.id',
      'tp.topic',
      sql<string | null>`coalesce(ch.first_name, pe.first_name)`.as('by'),
    ])
    .where('tp.meeting_id', '=', meetingId)
    .execute()
}

/** The languages the circle's agreements are shown in: the circle's and its members'. */
export async function meetingLanguages(db: Db, circle: Circle): Promise<string[]> {
  const rows = await db
    .selectFrom('circle_members as cm')
    .innerJoin('people as pe', 'pe.id', 'cm.person_id')
    .select('pe.language')
    .distinct()
    .where('cm.circle_id', '=', circle.id)
    .where('cm.status', '=', 'confirmed')
    .execute()
  return [...new Set([...circle.languages, ...rows.map((r) => r.language)])]
}

/** The meeting screen: the rule in every language present, the topics, who is here. */
export async function loadMeetingPage(
  db: Db,
  p: Principal,
  env: PolicyEnv,
  loaded: LoadedCircle,
  meetingId: string,
) {
  const meeting = await getMeeting(db, loaded.circle.id, meetingId)
  const [languages, people, topics] = await Promise.all([
    meetingLanguages(db, loaded.circle),
    rosterFor(db, p, env, loaded, ['confirmed']),
    topicsOf(db, meeting.id),
  ])
  return { circle: loaded.circle, meeting, languages, people, topics }
}

export type MeetingPage = Awaited<ReturnType<typeof loadMeetingPage>>
