// The season's meetings: adding one, opening, closing (attendance yes/no for every confirmed
// member) and cancelling; and the topic proposals, which live only until their meeting closes
// or is cancelled. Nothing said in a meeting has a column anywhere.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { MeetingStatus } from '../../../core/db/schema.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError } from '../../../core/errors.ts'
import { schoolTime } from '../../../core/time.ts'
import { nextMeeting } from '../read/circle.ts'

const MAX_TOPICS_PER_MEETING = 30

/** Meetings on school dates at a wall-clock time; a date already planned is left as it is. */
export async function insertMeetings(
  db: Db,
  circleId: string,
  dates: readonly string[],
  time: string,
  minutes: number,
) {
  if (dates.length === 0) return
  await db
    .insertInto('circle_meetings')
    .values(
      dates.map((d) => {
        const starts = schoolTime(d, time)
        return {
          circle_id: circleId,
          starts_at: starts,
          ends_at: new Date(starts.getTime() + minutes * 60_000),
        }
      }),
    )
    .onConflict((oc) => oc.columns(['circle_id', 'starts_at']).doNothing())
    .execute()
}

export async function addMeeting(
  db: Db,
  circleId: string,
  input: { date: string; time: string; duration: number },
) {
  await insertMeetings(db, circleId, [input.date], input.time, input.duration)
}

async function setMeetingStatus(
  db: Db,
  circleId: string,
  meetingId: string,
  from: MeetingStatus[],
  to: MeetingStatus,
) {
  const r = await db
    .updateTable('circle_meetings')
    .set({
      status: to,
      ...(to === 'open' ? { opened_at: sql<Date>`now()` } : {}),
      ...(to === 'closed' ? { closed_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', meetingId)
    .where('circle_id', '=', circleId)
    .where('status', 'in', from)
    .executeTakeFirst()
  if (Number(r.numUpdatedRows) === 0) throw new DomainError(409, 'circles.meetingState')
}

export async function openMeeting(db: Db, circleId: string, meetingId: string) {
  await setMeetingStatus(db, circleId, meetingId, ['planned'], 'open')
}

/** Cancelling a meeting forgets its topic proposals too. */
export async function cancelMeeting(db: Db, circleId: string, meetingId: string) {
  await transact(db, async (trx) => {
    await setMeetingStatus(trx, circleId, meetingId, ['planned'], 'cancelled')
    await trx.deleteFrom('circle_topics').where('meeting_id', '=', meetingId).execute()
  })
}

/**
 * Closes a meeting: attendance (present or not) for every confirmed member, and every topic
 * proposal deleted in the same transaction.
 */
export async function closeMeeting(
  db: Db,
  circleId: string,
  meetingId: string,
  presentIds: readonly string[],
): Promise<void> {
  await transact(db, async (trx) => {
    await setMeetingStatus(trx, circleId, meetingId, ['planned', 'open'], 'closed')
    const members = await trx
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('status', '=', 'confirmed')
      .execute()
    const present = new Set(presentIds)
    if (members.length)
      await trx
        .insertInto('circle_attendance')
        .values(
          members.map((m) => ({
            meeting_id: meetingId,
            member_id: m.id,
            present: present.has(m.id),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['meeting_id', 'member_id']).doUpdateSet((eb) => ({
            present: eb.ref('excluded.present'),
          })),
        )
        .execute()
    await trx.deleteFrom('circle_topics').where('meeting_id', '=', meetingId).execute()
  })
}

export async function proposeTopic(
  db: Db,
  circleId: string,
  meetingId: string,
  memberId: string | null,
  topic: string,
): Promise<void> {
  await transact(db, async (trx) => {
    // Only for the coming meeting: a list kept for months is a list that says too much.
    const next = await nextMeeting(trx, circleId)
    if (next?.id !== meetingId) throw new DomainError(409, 'circles.meetingState')
    await trx
      .selectFrom('circle_meetings')
      .select('id')
      .where('id', '=', meetingId)
      .forUpdate()
      .execute()
    const n = await trx
      .selectFrom('circle_topics')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirstOrThrow()
    if (Number(n.n) >= MAX_TOPICS_PER_MEETING) throw new DomainError(409, 'circles.tooManyTopics')
    await trx
      .insertInto('circle_topics')
      .values({ meeting_id: meetingId, member_id: memberId, topic })
      .execute()
  })
}
