// /partners: who of the partners comes to this school, what for, how to reach them and when
// they are here (the presence schedule, seed 004 L1076–1086), with how many slots are still
// free; and the viewer's own bookings. Partners' names are the school's to know; bookers'
// names appear only where `partners.seeBooker` allows.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { HourKind, PartnerKind } from '../../../core/db/schema.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import { can } from '../../../policies.ts'
import { slotsOf } from '../slots.ts'
import { teachersOfBooker } from './hour.ts'

/** How far ahead the schedule looks. */
const WEEKS_AHEAD = 13

export interface HourItem {
  id: string
  partnerId: string
  kind: HourKind
  startsAt: Date
  minutes: number
  place: string
  slots: number
  free: number
}

export interface PartnerCard {
  id: string
  name: string
  job: string | null
  organisation: string | null
  organisationKind: PartnerKind | null
  phone: string | null
  about: string | null
  hours: HourItem[]
}

export interface MyBooking {
  id: string
  hourId: string
  startsAt: Date
  place: string
  partnerName: string
  withTeacher: boolean
  mayCancel: boolean
}

/** A talk with the three of them that a parent asked this teacher to join. */
export interface AskedTalk {
  hourId: string
  startsAt: Date
  place: string
  partnerName: string
  bookerName: string
}

export interface Schedule {
  partners: PartnerCard[]
  mine: MyBooking[]
  asked: AskedTalk[]
}

export async function loadSchedule(db: Db, v: Viewer, now = new Date()): Promise<Schedule> {
  const schoolId = v.p.schoolId
  const until = new Date(now.getTime() + WEEKS_AHEAD * 7 * 86_400_000)
  const [partners, hours, mine, asked] = await Promise.all([
    db
      .selectFrom('memberships as m')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .leftJoin('partner_people as pp', 'pp.person_id', 'p.id')
      .leftJoin('partner_organisations as o', 'o.id', 'pp.organisation_id')
      .select([
        'p.id',
        'p.name',
        'pp.job',
        'pp.phone',
        'pp.about',
        'o.name as organisation',
        'o.kind as organisationKind',
        'o.phone as organisationPhone',
      ])
      .where('m.school_id', '=', schoolId)
      .where('m.role', '=', 'partner')
      .orderBy('p.name')
      .execute(),
    upcomingHours(db, schoolId, now, { until }),
    db
      .selectFrom('partner_bookings as b')
      .innerJoin('partner_hours as h', 'h.id', 'b.hour_id')
      .innerJoin('people as pr', 'pr.id', 'h.partner_id')
      .select(['b.id', 'b.hour_id', 'b.starts_at', 'b.with_teacher', 'h.place', 'pr.name'])
      .where('b.school_id', '=', schoolId)
      .where('b.person_id', '=', v.p.personId)
      .where('b.cancelled_at', 'is', null)
      .where('b.starts_at', '>', now)
      .orderBy('b.starts_at')
      .execute(),
    loadAskedTalks(db, v, now),
  ])
  const items = hours
  return {
    partners: partners.map((p) => ({
      id: p.id,
      name: p.name,
      job: p.job,
      organisation: p.organisation,
      organisationKind: p.organisationKind,
      phone: p.phone ?? p.organisationPhone,
      about: p.about,
      hours: items.filter((h) => h.partnerId === p.id),
    })),
    mine: mine.map((b) => ({
      id: b.id,
      hourId: b.hour_id,
      startsAt: b.starts_at,
      place: b.place,
      partnerName: b.name,
      withTeacher: b.with_teacher,
      mayCancel: true,
    })),
    asked,
  }
}

/**
 * The hours at a school that have not ended, soonest first, with how many of their times are
 * still to come and free: the schedule's, and (for one partner, a few) the partner's home.
 */
export async function upcomingHours(
  db: Db,
  schoolId: string,
  now: Date,
  opts: { until?: Date; partnerId?: string; limit?: number },
): Promise<HourItem[]> {
  let q = db
    .selectFrom('partner_hours as h')
    .select([
      'h.id',
      'h.partner_id',
      'h.kind',
      'h.starts_at',
      'h.minutes',
      'h.slot_minutes',
      'h.place',
      sql<number>`(select count(*) from partner_bookings b
        where b.hour_id = h.id and b.cancelled_at is null and b.starts_at > ${now})::int`.as(
        'taken',
      ),
    ])
    .where('h.school_id', '=', schoolId)
    .where(sql<boolean>`h.starts_at + make_interval(mins => h.minutes) > ${now}`)
    .orderBy('h.starts_at')
  if (opts.until) q = q.where('h.starts_at', '<', opts.until)
  if (opts.partnerId) q = q.where('h.partner_id', '=', opts.partnerId)
  if (opts.limit) q = q.limit(opts.limit)
  const rows = await q.execute()
  return rows.map((h) => {
    const slots = slotsOf({
      startsAt: h.starts_at,
      minutes: h.minutes,
      slotMinutes: h.slot_minutes,
    }).filter((s) => s > now).length
    return {
      id: h.id,
      partnerId: h.partner_id,
      kind: h.kind,
      startsAt: h.starts_at,
      minutes: h.minutes,
      place: h.place,
      slots,
      free: Math.max(0, slots - h.taken),
    }
  })
}

/** Talks a parent asked this teacher to join (the only bookings a teacher sees a name of). */
async function loadAskedTalks(db: Db, v: Viewer, now: Date): Promise<AskedTalk[]> {
  const rows = await db
    .selectFrom('partner_bookings as b')
    .innerJoin('partner_hours as h', 'h.id', 'b.hour_id')
    .innerJoin('people as pr', 'pr.id', 'h.partner_id')
    .innerJoin('people as bk', 'bk.id', 'b.person_id')
    .select([
      'b.id',
      'b.hour_id',
      'b.starts_at',
      'b.person_id',
      'b.with_teacher',
      'h.partner_id',
      'h.place',
      'pr.name as partnerName',
      'bk.name as bookerName',
      teachersOfBooker.as('teacher_ids'),
    ])
    .where('b.school_id', '=', v.p.schoolId)
    .where('b.with_teacher', '=', true)
    .where('b.cancelled_at', 'is', null)
    .where('b.starts_at', '>', now)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('guardianships as g')
          .innerJoin('children as ch', 'ch.id', 'g.child_id')
          .innerJoin('group_teachers as gt', 'gt.group_id', 'ch.group_id')
          .select('g.child_id')
          .whereRef('g.person_id', '=', 'b.person_id')
          .where('gt.person_id', '=', v.p.personId)
          .where('g.school_id', '=', v.p.schoolId),
      ),
    )
    .orderBy('b.starts_at')
    .execute()
  return rows
    .filter((r) =>
      can(
        v.p,
        'partners.seeBooker',
        {
          schoolId: v.p.schoolId,
          bookerId: r.person_id,
          partnerId: r.partner_id,
          withTeacher: r.with_teacher,
          teacherIds: r.teacher_ids,
          past: false,
          cancelled: false,
        },
        v.env,
      ),
    )
    .map((r) => ({
      hourId: r.hour_id,
      startsAt: r.starts_at,
      place: r.place,
      partnerName: r.partnerName,
      bookerName: r.bookerName,
    }))
}
