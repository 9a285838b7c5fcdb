// What waits in the buddy practice, for the home page. A parent: the proposals and questions
// to answer and the "helpt het?" due, by theme only, never a name (nobody is named before both
// said yes). A coordinator: counts of the work on the themes the policy lets them coordinate.
import { type AliasableExpression, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { Db } from '../../../core/db/index.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import type { T } from '../../../core/i18n/index.ts'
import { holds } from '../../../core/principal.ts'
import { COORDINATORS } from '../policy.ts'
import { themeName } from '../themes.ts'
import { coordination } from './coordinator.ts'
import { awaitingBuddy, awaitingParent, consented, standing } from './links.ts'
import { loadOfOffer } from './pool.ts'

/** A school's own theme, as the school typed it, for the request of row `r`. */
const ownLabel = sql<string | null>`(select st.label from buddy_school_themes st
  where 's:' || st.id::text = r.theme and st.school_id = r.school_id)`

/** The week whose "helpt het?" a link of row `l` is due for: 6 after six weeks, else 2. */
const dueWeek = sql<number>`(case when l.buddy_consent_at <= now() - interval '42 days' then 6 else 2 end)`

interface WaitingRow {
  id: string
  theme: string
  label: string | null
}
interface CheckinRow extends WaitingRow {
  week: number
}

export interface ParentWaitingRows {
  offers: WaitingRow[]
  asks: WaitingRow[]
  checkins: CheckinRow[]
}

/**
 * What waits for this parent's answer, as expressions the home page selects in its one
 * statement (the parent home may cost one query beyond the session, decision 0004). The same
 * conditions as /buddies' offersForParent, asksForBuddy and checkinsDue.
 */
export function parentWaitingQuery(
  db: Db,
  schoolId: string,
  personId: string,
): { [K in keyof ParentWaitingRows]: AliasableExpression<ParentWaitingRows[K]> } {
  const links = () =>
    db
      .selectFrom('buddy_links as l')
      .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
      .where('l.school_id', '=', schoolId)
      .where(standing('l'))
  return {
    offers: jsonArrayFrom(
      links()
        .select(['l.id', 'r.theme', ownLabel.as('label')])
        .where('r.person_id', '=', personId)
        .where(awaitingParent('l'))
        .orderBy('l.created_at'),
    ),
    asks: jsonArrayFrom(
      links()
        .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
        .select(['l.id', 'r.theme', ownLabel.as('label')])
        .where('o.person_id', '=', personId)
        .where(awaitingBuddy('l'))
        .orderBy('l.created_at'),
    ),
    checkins: jsonArrayFrom(
      links()
        .select(['l.id', 'r.theme', ownLabel.as('label'), dueWeek.as('week')])
        .where('r.person_id', '=', personId)
        .where(consented('l'))
        .where('l.buddy_consent_at', '<=', sql<Date>`now() - interval '14 days'`)
        .where(
          sql<boolean>`coalesce((select max(k.week) from buddy_checkins k where k.link_id = l.id), 0) < ${dueWeek}`,
        )
        .orderBy('l.created_at'),
    ),
  }
}

export interface ParentWaiting {
  /** A buddy was proposed: "Een ouder wil graag met u praten". */
  offers: { id: string; theme: string }[]
  /** A parent said yes and waits for this buddy. */
  asks: { id: string; theme: string }[]
  /** "Helpt het?" after 2 or 6 weeks of a link. */
  checkins: { id: string; theme: string; week: 2 | 6 }[]
}

/** The rows in the reader's words: a built-in theme from the catalog, a school's own label. */
export function parentWaiting(rows: ParentWaitingRows, t: T): ParentWaiting {
  const name = (r: WaitingRow) =>
    themeName(t, r.theme, new Map(r.label ? [[r.theme, r.label]] : []))
  return {
    offers: rows.offers.map((r) => ({ id: r.id, theme: name(r) })),
    asks: rows.asks.map((r) => ({ id: r.id, theme: name(r) })),
    checkins: rows.checkins.map((r) => ({
      id: r.id,
      theme: name(r),
      week: Number(r.week) === 6 ? 6 : 2,
    })),
  }
}

/** The coordinator's work in counts; the school-wide figures only for the IB and director. */
export interface CoordinatorWaiting {
  /** Open requests (asked by parents, signalled, or offered to new families). */
  open: number
  /** Of those, signalled by a teacher. */
  signals: number
  /** Days the longest-waiting open request has waited. */
  waitingDaysMax: number
  /** A buddy was proposed; the parent or the buddy has not answered yet. */
  proposed: number
  /** Null for a staff member who coordinates named themes only. */
  school: { active: number; idleBuddies: number } | null
}

/**
 * What waits for a coordinator: requests by theme, kept only for the themes the policy lets
 * this viewer coordinate (the IB and director all, a named teacher theirs). Null for someone
 * who coordinates nothing. No names: counts only.
 */
export async function coordinatorWaiting(db: Db, v: Viewer): Promise<CoordinatorWaiting | null> {
  const { schoolId } = v.p
  const everything = holds(v.p, ...COORDINATORS)
  // Most teachers coordinate nothing: they pay only for finding that out.
  const c = await coordination(db, v)
  if (!c.any) return null
  const [themes, school] = await Promise.all([
    sql<{ theme: string; open: number; signals: number; proposed: number; waiting: number }>`
      select theme,
        count(*) filter (where status = 'open')::int as open,
        count(*) filter (where status = 'open' and source = 'signal')::int as signals,
        count(*) filter (where status = 'proposed')::int as proposed,
        coalesce(max(extract(day from now() - created_at)) filter (where status = 'open'), 0)::int
          as waiting
      from buddy_requests
      where school_id = ${schoolId} and status in ('open', 'proposed')
      group by theme`.execute(db),
    everything
      ? sql<{ active: number; idleBuddies: number }>`select
          (select count(*)::int from buddy_links l where l.school_id = ${schoolId}
            and ${consented('l')} and ${standing('l')}) as active,
          (select count(*)::int from buddy_offers o where o.school_id = ${schoolId}
            and o.status = 'active' and ${loadOfOffer()} = 0) as "idleBuddies"`.execute(db)
      : null,
  ])
  const mine = themes.rows.filter((r) => c.may(r.theme))
  const sum = (k: 'open' | 'signals' | 'proposed') =>
    mine.reduce((n, r) => n + Number(r[k] ?? 0), 0)
  const s = school?.rows[0]
  return {
    open: sum('open'),
    signals: sum('signals'),
    proposed: sum('proposed'),
    waitingDaysMax: mine.reduce((n, r) => Math.max(n, Number(r.waiting ?? 0)), 0),
    school: everything
      ? { active: Number(s?.active ?? 0), idleBuddies: Number(s?.idleBuddies ?? 0) }
      : null,
  }
}

/** What a teacher learns of their signals on the home page: how many arrived. No outcome. */
export async function signalsSent(db: Db, schoolId: string, personId: string): Promise<number> {
  const row = await db
    .selectFrom('buddy_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('school_id', '=', schoolId)
    .where('signalled_by', '=', personId)
    .executeTakeFirst()
  return Number(row?.n ?? 0)
}
