// One spreekuur or inloop: its partner, its slots and, per slot, what this viewer may know of
// the booking: that it is taken (everyone), who took it (`partners.seeBooker`), the topic
// (`partners.seeTopic`). The one place a booker's name and a topic are read.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { HourKind } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import { can } from '../../../policies.ts'
import type { BookingRecord, HourRecord } from '../policy.ts'
import { slotsOf } from '../slots.ts'

/**
 * The teachers of the booker's children in the booking's school (a booking aliased `b`): the
 * fact `partners.seeBooker` needs when the parent asked for the teacher to join.
 */
export const teachersOfBooker = sql<string[]>`coalesce((
  select array_agg(distinct gt.person_id::text) from guardianships g
  join children ch on ch.id = g.child_id
  join group_teachers gt on gt.group_id = ch.group_id
  where g.person_id = b.person_id and g.school_id = b.school_id), '{}'::text[])`

export interface SlotView {
  startsAt: Date
  taken: boolean
  booking: {
    id: string
    mine: boolean
    bookerName: string | null
    topic: string | null
    withTeacher: boolean
    mayCancel: boolean
  } | null
}

export interface HourDetail {
  id: string
  kind: HourKind
  startsAt: Date
  minutes: number
  slotMinutes: number | null
  place: string
  partnerId: string
  partnerName: string
  job: string | null
  organisation: string | null
  phone: string | null
  about: string | null
  slots: SlotView[]
  record: HourRecord
  /** The viewer holds a booking in this hour (one per person is enough). */
  booked: boolean
}

/** The hour as its record for the policy, school-scoped: another school's id is not found. */
export async function loadHour(db: Db, v: Viewer, hourId: string, now = new Date()) {
  const h = await db
    .selectFrom('partner_hours as h')
    .innerJoin('people as p', 'p.id', 'h.partner_id')
    .leftJoin('partner_people as pp', 'pp.person_id', 'p.id')
    .leftJoin('partner_organisations as o', 'o.id', 'pp.organisation_id')
    .select([
      'h.id',
      'h.school_id',
      'h.partner_id',
      'h.kind',
      'h.starts_at',
      'h.minutes',
      'h.slot_minutes',
      'h.place',
      'p.name',
      'pp.job',
      'pp.about',
      sql<string | null>`coalesce(pp.phone, o.phone)`.as('phone'),
      'o.name as organisation',
    ])
    .where('h.id', '=', hourId)
    .where('h.school_id', '=', v.p.schoolId)
    .executeTakeFirst()
  if (!h) throw new NotFound()
  const bookings = await db
    .selectFrom('partner_bookings as b')
    .innerJoin('people as bk', 'bk.id', 'b.person_id')
    .select([
      'b.id',
      'b.starts_at',
      'b.person_id',
      'b.topic',
      'b.with_teacher',
      'bk.name',
      teachersOfBooker.as('teacher_ids'),
    ])
    .where('b.hour_id', '=', h.id)
    .where('b.cancelled_at', 'is', null)
    .execute()
  const times = { startsAt: h.starts_at, minutes: h.minutes, slotMinutes: h.slot_minutes }
  const open = slotsOf(times).filter((s) => s > now)
  const byTime = new Map(bookings.map((b) => [b.starts_at.getTime(), b]))
  const slots: SlotView[] = slotsOf(times).map((at) => {
    const b = byTime.get(at.getTime())
    if (!b) return { startsAt: at, taken: false, booking: null }
    const record: BookingRecord = {
      schoolId: h.school_id,
      bookerId: b.person_id,
      partnerId: h.partner_id,
      withTeacher: b.with_teacher,
      teacherIds: b.teacher_ids,
      past: at <= now,
      cancelled: false,
    }
    const seesBooker = can(v.p, 'partners.seeBooker', record, v.env)
    return {
      startsAt: at,
      taken: true,
      booking: seesBooker
        ? {
            id: b.id,
            mine: b.person_id === v.p.personId,
            bookerName: b.name,
            topic: can(v.p, 'partners.seeTopic', record, v.env) ? b.topic : null,
            withTeacher: b.with_teacher,
            mayCancel: can(v.p, 'partners.cancel', record, v.env),
          }
        : null,
    }
  })
  const record: HourRecord = {
    schoolId: h.school_id,
    partnerId: h.partner_id,
    kind: h.kind,
    past: new Date(h.starts_at.getTime() + h.minutes * 60_000) <= now,
    free: open.filter((s) => !byTime.has(s.getTime())).length,
  }
  const detail: HourDetail = {
    id: h.id,
    kind: h.kind,
    startsAt: h.starts_at,
    minutes: h.minutes,
    slotMinutes: h.slot_minutes,
    place: h.place,
    partnerId: h.partner_id,
    partnerName: h.name,
    job: h.job,
    organisation: h.organisation,
    phone: h.phone,
    about: h.about,
    slots,
    record,
    booked: bookings.some((b) => b.person_id === v.p.personId),
  }
  return detail
}

/** A booking as its record for the policy (school-scoped), with what the commands need. */
export async function loadBooking(db: Db, schoolId: string, bookingId: string) {
  const b = await db
    .selectFrom('partner_bookings as b')
    .innerJoin('partner_hours as h', 'h.id', 'b.hour_id')
    .innerJoin('people as pr', 'pr.id', 'h.partner_id')
    .select([
      'b.id',
      'b.hour_id',
      'b.person_id',
      'b.starts_at',
      'b.with_teacher',
      'b.cancelled_at',
      'h.partner_id',
      'h.place',
      'h.slot_minutes',
      'pr.name as partnerName',
    ])
    .where('b.id', '=', bookingId)
    .where('b.school_id', '=', schoolId)
    .executeTakeFirst()
  if (!b) throw new NotFound()
  const record: BookingRecord = {
    schoolId,
    bookerId: b.person_id,
    partnerId: b.partner_id,
    withTeacher: b.with_teacher,
    teacherIds: [],
    past: b.starts_at <= new Date(),
    cancelled: b.cancelled_at !== null,
  }
  return {
    id: b.id,
    hourId: b.hour_id,
    bookerId: b.person_id,
    partnerId: b.partner_id,
    startsAt: b.starts_at,
    minutes: b.slot_minutes ?? 30,
    place: b.place,
    partnerName: b.partnerName,
    cancelled: b.cancelled_at !== null,
    record,
  }
}
export type LoadedBooking = Awaited<ReturnType<typeof loadBooking>>
