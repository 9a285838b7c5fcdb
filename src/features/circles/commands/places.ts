// Places in a circle: taking one (one's own, or a child's with the parent's consent in the
// ledger), the facilitator's yes or no, and giving it back. A facilitator's decisions are not
// audit-logged: "place X confirmed" would tell the log's readers who is in a circle.
import { sql } from 'kysely'
import { grantConsent, withdrawConsent } from '../../../core/consent.ts'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { DomainError, NotFound } from '../../../core/errors.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { CONFIDENTIAL_MAIL, gatherMail, mailPerson } from '../../../core/mail.ts'
import { circleChildScope } from '../consents.ts'
import type { Circle } from '../read/circle.ts'
import { activeFacilitator, RUNNING } from '../standing.ts'

export type JoinOutcome = 'asked' | 'waitlist' | 'already'

/** The school a child belongs to: where a consent for the child's place is kept. */
async function childSchool(db: Db, childId: string): Promise<string> {
  const row = await db
    .selectFrom('children')
    .select('school_id')
    .where('id', '=', childId)
    .executeTakeFirstOrThrow()
  return row.school_id
}

/**
 * Takes a place: the person's own, or their child's (the parent's consent goes into the
 * ledger in the same transaction). Within capacity it waits for the facilitator; beyond it,
 * on the waiting list. Who may take which place is the join rule's (policy.ts), asked first.
 */
export async function join(
  db: Db,
  circleId: string,
  personId: string,
  childId: string | null,
): Promise<JoinOutcome> {
  return transact(db, (trx) => takePlace(trx, circleId, personId, childId))
}

/** Takes the place inside the caller's transaction (a mailed link's press claims the link too). */
export async function takePlace(
  trx: Db,
  circleId: string,
  personId: string,
  childId: string | null,
): Promise<JoinOutcome> {
  // Lock the circle so two sign-ups cannot both take the last place.
  const circle = await trx
    .selectFrom('circles')
    .select(['id', 'capacity', 'status', 'audience', 'school_id'])
    .where('id', '=', circleId)
    .forUpdate()
    .executeTakeFirst()
  if (!circle) throw new NotFound()
  if (circle.status !== 'open') throw new DomainError(409, 'circles.closedForSignup')
  if ((circle.audience === 'child') !== (childId !== null))
    throw new DomainError(400, 'error.badRequest')
  if (childId) {
    // Only the child's own parent, for a child of a school the circle is open to.
    const ok = await trx
      .selectFrom('guardianships as g')
      .select('g.child_id')
      .where('g.child_id', '=', childId)
      .where('g.person_id', '=', personId)
      .where((eb) =>
        eb.or([
          ...(circle.school_id ? [eb('g.school_id', '=', circle.school_id)] : []),
          eb.exists(
            eb
              .selectFrom('circle_schools as cs')
              .whereRef('cs.school_id', '=', 'g.school_id')
              .where('cs.circle_id', '=', circleId),
          ),
        ]),
      )
      .executeTakeFirst()
    if (!ok) throw new NotFound()
  }
  const existing = await trx
    .selectFrom('circle_members')
    .select(['id', 'status'])
    .where('circle_id', '=', circleId)
    .where('person_id', '=', personId)
    .where(childId ? sql<boolean>`child_id = ${childId}` : sql<boolean>`child_id is null`)
    // Locked, so the upkeep cannot forget an ended place this sign-up is about to reuse.
    .forUpdate()
    .executeTakeFirst()
  if (existing && RUNNING.includes(existing.status)) return 'already'
  if (childId) {
    // One place per child, whichever guardian asked for it first.
    const held = await trx
      .selectFrom('circle_members')
      .select('id')
      .where('circle_id', '=', circleId)
      .where('child_id', '=', childId)
      .where('status', 'in', RUNNING)
      .executeTakeFirst()
    if (held) return 'already'
  }
  const taken = await trx
    .selectFrom('circle_members')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('circle_id', '=', circleId)
    .where('status', 'in', ['asked', 'confirmed'])
    .executeTakeFirstOrThrow()
  const status = Number(taken.n) < circle.capacity ? 'asked' : 'waitlist'
  let memberId: string
  if (existing) {
    await trx
      .updateTable('circle_members')
      .set({ status, decided_at: null })
      .where('id', '=', existing.id)
      .execute()
    memberId = existing.id
  } else {
    const row = await trx
      .insertInto('circle_members')
      .values({ circle_id: circleId, person_id: personId, child_id: childId, status })
      .returning('id')
      .executeTakeFirstOrThrow()
    memberId = row.id
  }
  // The parent's yes to this place, in the one ledger: "Mijn toestemmingen" lists it, and
  // withdrawing it there ends the place. Taking an ended place again is a new yes.
  if (childId)
    await grantConsent(trx, {
      schoolId: await childSchool(trx, childId),
      personId,
      scope: circleChildScope.of(memberId),
      by: personId,
    })
  return status
}

/**
 * A place taken (`take` writes it) and the runners told, as one moment: the place and the
 * mail commit together.
 */
export function takeAndTell<R>(
  deps: ServiceDeps,
  circle: Circle,
  take: (db: Db) => Promise<R>,
  taken: (result: R) => boolean,
): Promise<R> {
  return gatherMail(deps, async (d) => {
    const result = await take(d.db)
    if (taken(result)) await notifyRunners(d, circle)
    return result
  })
}

/**
 * Tells the people who run a circle that someone signed up: no name in the mail, which may be
 * read on a shared screen; the circle page shows the first name.
 */
async function notifyRunners(deps: ServiceDeps, circle: Circle): Promise<void> {
  const runners = await deps.db
    .selectFrom('circle_facilitators as f')
    .innerJoin('circles as c', 'c.id', 'f.circle_id')
    .select('f.person_id')
    .where('f.circle_id', '=', circle.id)
    .where(activeFacilitator('f', 'c'))
    .execute()
  const ids = new Set(runners.map((r) => r.person_id))
  if (circle.autonomous && circle.convenerId) ids.add(circle.convenerId)
  const url = `${deps.baseUrl}/circles/${circle.id}`
  for (const id of ids)
    await mailPerson(
      deps.db,
      deps.mailer,
      id,
      (t, firstName) => ({
        subject: t('mail.circle.signup.subject', { circle: circle.name }),
        text: t('mail.circle.signup.body', { name: firstName, circle: circle.name, url }),
      }),
      CONFIDENTIAL_MAIL,
    )
}

/**
 * Ends a place still in play (the person left, or withdrew the consent it rested on): its
 * named topic proposals go with it. Returns the place, or undefined when there was none.
 */
export async function endPlace(
  db: Db,
  place: { memberId: string; personId: string; circleId?: string },
) {
  let q = db
    .updateTable('circle_members')
    .set({ status: 'left', decided_at: sql<Date>`now()` })
    .where('id', '=', place.memberId)
    .where('person_id', '=', place.personId)
    .where('status', 'in', RUNNING)
  if (place.circleId) q = q.where('circle_id', '=', place.circleId)
  const ended = await q.returning(['circle_id', 'child_id']).executeTakeFirst()
  if (ended) await db.deleteFrom('circle_topics').where('member_id', '=', place.memberId).execute()
  return ended
}

/**
 * Gives a place back. A child's place takes the parent's consent along (withdrawn in the
 * ledger); a convener who leaves hands the circle back to its host (no longer autonomous).
 */
export async function leave(db: Db, circleId: string, personId: string, memberId: string) {
  await transact(db, async (trx) => {
    const ended = await endPlace(trx, { memberId, personId, circleId })
    if (!ended) throw new NotFound()
    if (ended.child_id !== null)
      await withdrawConsent(trx, {
        schoolId: await childSchool(trx, ended.child_id),
        personId,
        scope: circleChildScope.of(memberId),
        by: personId,
      })
    else
      await trx
        .updateTable('circles')
        .set({ autonomous: false, convener_id: null })
        .where('id', '=', circleId)
        .where('convener_id', '=', personId)
        .execute()
  })
}

/**
 * The facilitator confirms or declines a place; the person hears it kindly, in their language.
 * A declined child's place no longer rests on the parent's consent: it is withdrawn, by the
 * facilitator who declined.
 */
export async function decide(
  deps: ServiceDeps,
  circle: Circle,
  memberId: string,
  decision: 'confirm' | 'decline',
  actorId: string,
): Promise<void> {
  // The decision and its mail commit together.
  await gatherMail(deps, async (d) => {
    const personId = await transact(d.db, async (trx) => {
      await trx.selectFrom('circles').select('id').where('id', '=', circle.id).forUpdate().execute()
      const m = await trx
        .selectFrom('circle_members')
        .select(['id', 'person_id', 'child_id', 'status'])
        .where('id', '=', memberId)
        .where('circle_id', '=', circle.id)
        .where('status', 'in', ['asked', 'waitlist'])
        .executeTakeFirst()
      if (!m) throw new NotFound()
      if (decision === 'confirm') {
        const c = await trx
          .selectFrom('circle_members')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('circle_id', '=', circle.id)
          .where('status', '=', 'confirmed')
          .executeTakeFirstOrThrow()
        if (Number(c.n) >= circle.capacity) throw new DomainError(409, 'circles.full')
      }
      await trx
        .updateTable('circle_members')
        .set({
          status: decision === 'confirm' ? 'confirmed' : 'declined',
          decided_at: sql<Date>`now()`,
        })
        .where('id', '=', m.id)
        .execute()
      if (decision === 'decline' && m.child_id !== null)
        await withdrawConsent(trx, {
          schoolId: await childSchool(trx, m.child_id),
          personId: m.person_id,
          scope: circleChildScope.of(m.id),
          by: actorId,
        })
      return m.person_id
    })
    const url = `${d.baseUrl}/circles/${circle.id}`
    await mailPerson(
      d.db,
      d.mailer,
      personId,
      (t, firstName) =>
        decision === 'confirm'
          ? {
              subject: t('mail.circle.confirmed.subject', { circle: circle.name }),
              text: t('mail.circle.confirmed.body', { name: firstName, circle: circle.name, url }),
            }
          : {
              subject: t('mail.circle.declined.subject', { circle: circle.name }),
              text: t('mail.circle.declined.body', { name: firstName, circle: circle.name }),
            },
      CONFIDENTIAL_MAIL,
    )
  })
}
