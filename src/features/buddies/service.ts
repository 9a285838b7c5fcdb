// Ouderbuddy's: offers, requests and signals, proposals, answers and links. Consent before
// disclosure is built into the queries: the other person's name and contact details are
// selected only for links where both consent times are set.
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Db } from '../../core/db/index.ts'
import type { ContactChannel, Database, Role } from '../../core/db/schema.ts'
import { DomainError, NotFound } from '../../core/errors.ts'
import { type T, translator } from '../../core/i18n/index.ts'
import { type Mailer, mailPerson } from '../../core/mail.ts'
import { buddyAudit } from './audit.ts'
import {
  type Buddy,
  type BuddyRequest,
  batchMatch,
  type Ranked,
  rankCandidates,
} from './matching.ts'
import { type LinkResource, NAMEABLE_ROLES } from './policy.ts'
import { isEmailAddress, type OfferInput, type ProgrammeInput } from './schema.ts'
import { SCHOOL_THEME_CODE, schoolThemeCode, themeLabel } from './themes.ts'

export interface BuddyDeps {
  db: Db
  mailer: Mailer
  baseUrl: string
}

type Q = Kysely<Database> | Transaction<Database>

/** Buddy mail names a theme, a buddy or a contact: never shown in an admin's outbox view. */
const CONFIDENTIAL_MAIL = { confidential: true }

// ------------------------------------------------------------------------------ themes

export interface SchoolTheme {
  code: string
  label: string
}

/** The school's own themes, as the school typed them. */
export async function schoolThemes(db: Db, schoolId: string): Promise<SchoolTheme[]> {
  const rows = await db
    .selectFrom('buddy_school_themes')
    .select(['id', 'label'])
    .where('school_id', '=', schoolId)
    .orderBy('label')
    .execute()
  return rows.map((r) => ({ code: schoolThemeCode(r.id), label: r.label }))
}

export async function addSchoolTheme(db: Db, schoolId: string, actorId: string, label: string) {
  await db
    .insertInto('buddy_school_themes')
    .values({ school_id: schoolId, label, created_by: actorId })
    .execute()
}

/** A theme in words for a mail: the catalog's for built-in themes, the school's own label else. */
async function themeWords(db: Db, code: string): Promise<(t: T) => string> {
  const id = code.match(SCHOOL_THEME_CODE)?.[1]
  if (!id) return (t) => t(themeLabel(code))
  const row = await db
    .selectFrom('buddy_school_themes')
    .select('label')
    .where('id', '=', id)
    .executeTakeFirst()
  return (t) => row?.label ?? t(themeLabel(code))
}

// ------------------------------------------------------------------------------ consents

/** Records a yes: `by` is the person themselves, or the coordinator they told. */
async function grant(q: Q, schoolId: string, personId: string, scope: string, by: string) {
  await q
    .insertInto('consents')
    .values({ school_id: schoolId, person_id: personId, scope, granted_by: by })
    .execute()
}

async function withdraw(q: Q, schoolId: string, personId: string, scope: string, by: string) {
  await q
    .updateTable('consents')
    .set({ withdrawn_at: sql<Date>`now()`, withdrawn_by: by })
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('scope', '=', scope)
    .where('withdrawn_at', 'is', null)
    .execute()
}

/** A person's consents, oldest first, with the name of whoever recorded one for them. */
export async function consentTrail(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('consents as k')
    .leftJoin('people as by', 'by.id', 'k.granted_by')
    .select([
      'k.scope',
      'k.granted_at',
      'k.granted_by',
      'k.withdrawn_at',
      'by.name as grantedByName',
    ])
    .where('k.school_id', '=', schoolId)
    .where('k.person_id', '=', personId)
    .orderBy('k.granted_at')
    .orderBy('k.id')
    .execute()
}

// ------------------------------------------------------------------------------ offers

export async function getOffer(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_offers')
    .selectAll()
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
}

/** The parent confirms an offer themselves: this is their consent, recorded with its scope. */
export async function saveOffer(db: Db, schoolId: string, personId: string, input: OfferInput) {
  await db.transaction().execute(async (trx) => {
    const values = {
      themes: input.themes,
      languages: input.languages,
      show_name: input.showName,
      contact_channel: input.contactChannel,
      capacity: input.capacity,
      until: input.until ?? null,
      status: 'active' as const,
    }
    await trx
      .insertInto('buddy_offers')
      .values({ school_id: schoolId, person_id: personId, ...values })
      .onConflict((oc) =>
        oc
          .columns(['school_id', 'person_id'])
          .doUpdateSet({ ...values, updated_at: sql<Date>`now()` }),
      )
      .execute()
    await withdraw(trx, schoolId, personId, 'buddy.offer', personId)
    await withdraw(trx, schoolId, personId, 'buddy.showName', personId)
    await grant(trx, schoolId, personId, 'buddy.offer', personId)
    if (input.showName) await grant(trx, schoolId, personId, 'buddy.showName', personId)
  })
}

/** Pause or withdraw: withdrawn offers vanish from the registry and their open proposals end. */
export async function setOfferStatus(
  db: Db,
  schoolId: string,
  personId: string,
  status: 'active' | 'paused' | 'withdrawn',
) {
  await db.transaction().execute(async (trx) => {
    const offer = await trx
      .updateTable('buddy_offers')
      .set({ status, updated_at: sql<Date>`now()` })
      .where('school_id', '=', schoolId)
      .where('person_id', '=', personId)
      .returning('id')
      .executeTakeFirst()
    if (!offer) throw new NotFound()
    if (status === 'active') return
    if (status === 'withdrawn') {
      await withdraw(trx, schoolId, personId, 'buddy.offer', personId)
      await withdraw(trx, schoolId, personId, 'buddy.showName', personId)
    }
    const ended = await trx
      .updateTable('buddy_links')
      .set({ closed_at: sql<Date>`now()` })
      .where('offer_id', '=', offer.id)
      .where('closed_at', 'is', null)
      .where('declined_by', 'is', null)
      .where((eb) =>
        eb.or([eb('parent_consent_at', 'is', null), eb('buddy_consent_at', 'is', null)]),
      )
      .returning('request_id')
      .execute()
    if (ended.length) {
      await trx
        .updateTable('buddy_requests')
        .set({ status: 'open' })
        .where(
          'id',
          'in',
          ended.map((e) => e.request_id),
        )
        .execute()
    }
  })
}

// ------------------------------------------------------------------------------ requests

export async function askForBuddy(db: Db, schoolId: string, personId: string, theme: string) {
  await db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('buddy_requests')
      .select('id')
      .where('school_id', '=', schoolId)
      .where('person_id', '=', personId)
      .where('theme', '=', theme)
      .where('status', 'in', ['open', 'proposed'])
      .executeTakeFirst()
    if (open) return
    await trx
      .insertInto('buddy_requests')
      .values({ school_id: schoolId, person_id: personId, theme, source: 'parent' })
      .execute()
    await grant(trx, schoolId, personId, `buddy.request:${theme}`, personId)
  })
}

// ------------------------------------------------------------------------------ every new family

export async function buddySettings(db: Db, schoolId: string) {
  const row = await db
    .selectFrom('buddy_settings')
    .select('offer_new_families')
    .where('school_id', '=', schoolId)
    .executeTakeFirst()
  return { offerNewFamilies: row?.offer_new_families ?? false }
}

export async function setOfferNewFamilies(db: Db, schoolId: string, actorId: string, on: boolean) {
  await db
    .insertInto('buddy_settings')
    .values({ school_id: schoolId, offer_new_families: on, updated_by: actorId })
    .onConflict((oc) =>
      oc.column('school_id').doUpdateSet({
        offer_new_families: on,
        updated_by: actorId,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute()
}

/**
 * "Bij ons krijgen ouders van een nieuwe kleuter altijd een buddy aangeboden" (seed 001): when
 * the school has it on, each newly invited parent with a child in a groep-1 class gets an open
 * 'nieuw' request (one per family) and a mail in their language that they may simply decline.
 * Nothing is shared: the coordinator's batch proposes later, and both sides still say yes.
 * Called by the people feature after an invitation or import. Returns the requests opened.
 */
export async function offerBuddiesToNewFamilies(
  deps: BuddyDeps,
  schoolId: string,
  parentIds: readonly string[],
): Promise<number> {
  if (!parentIds.length || !(await buddySettings(deps.db, schoolId)).offerNewFamilies) return 0
  const opened = await deps.db.transaction().execute(async (trx) => {
    const kleuters = await trx
      .selectFrom('guardianships as gu')
      .innerJoin('children as ch', 'ch.id', 'gu.child_id')
      .innerJoin('groups as g', 'g.id', 'ch.group_id')
      .select(['gu.person_id', 'gu.child_id'])
      .where('gu.school_id', '=', schoolId)
      .where('gu.person_id', 'in', [...parentIds])
      .where('g.grade', '=', 1)
      .orderBy('gu.person_id')
      .execute()
    const out: string[] = []
    for (const personId of new Set(kleuters.map((k) => k.person_id))) {
      const children = kleuters.filter((k) => k.person_id === personId).map((k) => k.child_id)
      // One offer per family: skip when a guardian of these children already has one.
      const already = await trx
        .selectFrom('buddy_requests as r')
        .select('r.id')
        .where('r.school_id', '=', schoolId)
        .where('r.theme', '=', 'nieuw')
        // A family that said no (a closed 'auto' request) is not asked again.
        .where((eb) => eb.or([eb('r.status', '!=', 'closed'), eb('r.source', '=', 'auto')]))
        .where('r.person_id', 'in', (eb) =>
          eb
            .selectFrom('guardianships')
            .select('person_id')
            .where('school_id', '=', schoolId)
            .where('child_id', 'in', children),
        )
        .executeTakeFirst()
      if (already) continue
      await trx
        .insertInto('buddy_requests')
        .values({ school_id: schoolId, person_id: personId, theme: 'nieuw', source: 'auto' })
        .execute()
      out.push(personId)
    }
    return out
  })
  for (const personId of opened) {
    await mailPerson(
      deps.db,
      deps.mailer,
      personId,
      (t, name) => ({
        subject: t('mail.buddyNewFamily.subject'),
        text: t('mail.buddyNewFamily.body', { name, url: `${deps.baseUrl}/buddies` }),
      }),
      CONFIDENTIAL_MAIL,
    )
  }
  return opened.length
}

/** Offers the school opened for this new family that still wait: the parent may decline. */
export async function newFamilyOffers(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_requests')
    .select(['id', 'theme'])
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('source', '=', 'auto')
    .where('status', '=', 'open')
    .execute()
}

/** The parent says no to an open request; it is closed and nobody is proposed. */
export async function declineRequest(
  db: Db,
  schoolId: string,
  personId: string,
  requestId: string,
) {
  const closed = await db
    .updateTable('buddy_requests')
    .set({ status: 'closed' })
    .where('id', '=', requestId)
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst()
  if (!closed) throw new DomainError(409, 'buddies.notPending')
}

// ------------------------------------------------------------------------------ beyond school

export const referralScope = (programmeId: string) => `buddy.referral:${programmeId}`

export async function programmes(db: Db, schoolId: string) {
  return db
    .selectFrom('buddy_programmes')
    .select(['id', 'name', 'description', 'contact'])
    .where('school_id', '=', schoolId)
    .orderBy('name')
    .execute()
}

export async function addProgramme(
  db: Db,
  schoolId: string,
  actorId: string,
  input: ProgrammeInput,
) {
  await db
    .insertInto('buddy_programmes')
    .values({ school_id: schoolId, created_by: actorId, ...input })
    .execute()
}

export async function loadProgramme(db: Db, schoolId: string, programmeId: string) {
  const row = await db
    .selectFrom('buddy_programmes')
    .select(['id', 'name', 'contact'])
    .where('school_id', '=', schoolId)
    .where('id', '=', programmeId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return row
}

/** Whether the person's consent for `scope` is on record now: their newest word decides. */
async function consentState(
  q: Q,
  schoolId: string,
  personId: string,
  scope: string,
): Promise<'given' | 'withdrawn' | 'none'> {
  const row = await q
    .selectFrom('consents')
    .select('withdrawn_at')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('scope', '=', scope)
    .orderBy('granted_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return !row ? 'none' : row.withdrawn_at ? 'withdrawn' : 'given'
}

/**
 * Refers a parent to an outside programme. Only with the parent's consent on record: the
 * coordinator records the yes the parent gave them (`recordConsent`), or it is already there.
 * The referral is stored with its time and audit-logged; the programme is mailed the parent's
 * name and contact details only when its contact is an address and the consent holds.
 */
export async function refer(
  deps: BuddyDeps,
  schoolId: string,
  actorId: string,
  parentId: string,
  programmeId: string,
  recordConsent: boolean,
): Promise<{ mailed: boolean }> {
  const programme = await loadProgramme(deps.db, schoolId, programmeId)
  const scope = referralScope(programme.id)
  const referralId = await deps.db.transaction().execute(async (trx) => {
    const consent = await consentState(trx, schoolId, parentId, scope)
    if (recordConsent && consent === 'none') await grant(trx, schoolId, parentId, scope, actorId)
    // A parent who withdrew says yes again themselves; a coordinator cannot overrule it.
    else if (recordConsent && consent === 'withdrawn')
      throw new DomainError(409, 'buddies.consentWithdrawn')
    else if (consent !== 'given') throw new DomainError(409, 'buddies.referralNeedsConsent')
    const row = await trx
      .insertInto('buddy_referrals')
      .values({
        school_id: schoolId,
        programme_id: programme.id,
        person_id: parentId,
        referred_by: actorId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await buddyAudit.record(trx, {
      schoolId,
      actorId,
      action: 'buddy.referral',
      // Not the parent: the audit log's readers include the admin, who is no care role.
      subjectId: null,
      detail: { programmeId: programme.id, referralId: row.id },
    })
    return row.id
  })
  if (
    !isEmailAddress(programme.contact) ||
    (await consentState(deps.db, schoolId, parentId, scope)) !== 'given'
  )
    return { mailed: false }
  const [parent, school] = await Promise.all([
    deps.db
      .selectFrom('people')
      .select(['name', 'email', 'phone', 'contact_channel'])
      .where('id', '=', parentId)
      .executeTakeFirstOrThrow(),
    deps.db
      .selectFrom('schools')
      .select('name')
      .where('id', '=', schoolId)
      .executeTakeFirstOrThrow(),
  ])
  // The programme is the school's partner: it is written to in Dutch.
  const t = translator('nl')
  const outcome = await deps.mailer.send({
    to: programme.contact,
    personId: null,
    subject: t('mail.referral.subject', { school: school.name }),
    text: t('mail.referral.body', {
      school: school.name,
      programme: programme.name,
      name: parent.name,
      email: parent.email,
      // The phone number only when the parent chose to be called.
      phone: parent.contact_channel === 'phone' ? (parent.phone ?? '-') : '-',
    }),
  })
  // Only mail the programme has (or can read in the outbox) counts as mailed; the page then
  // tells the parent and the coordinator to make contact themselves.
  if (outcome !== 'sent' && outcome !== 'stored') return { mailed: false }
  await deps.db
    .updateTable('buddy_referrals')
    .set({ mailed_at: sql<Date>`now()` })
    .where('id', '=', referralId)
    .execute()
  return { mailed: true }
}

/** A parent's own referrals, to show on their buddy page. */
export async function referralsOf(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_referrals as r')
    .innerJoin('buddy_programmes as p', (j) =>
      j.onRef('p.id', '=', 'r.programme_id').onRef('p.school_id', '=', 'r.school_id'),
    )
    .select([
      'r.id',
      'p.id as programmeId',
      'p.name',
      'p.description',
      'p.contact',
      'r.referred_at',
    ])
    .where('r.school_id', '=', schoolId)
    .where('r.person_id', '=', personId)
    .orderBy('r.referred_at', 'desc')
    .execute()
}

/** The coordinator's list of recent referrals. */
export async function referralsMade(db: Db, schoolId: string) {
  return db
    .selectFrom('buddy_referrals as r')
    .innerJoin('buddy_programmes as p', (j) =>
      j.onRef('p.id', '=', 'r.programme_id').onRef('p.school_id', '=', 'r.school_id'),
    )
    .innerJoin('people as pe', 'pe.id', 'r.person_id')
    .select(['r.id', 'pe.name as parentName', 'p.name', 'r.referred_at', 'r.mailed_at'])
    .where('r.school_id', '=', schoolId)
    .orderBy('r.referred_at', 'desc')
    .limit(50)
    .execute()
}

/** A parent takes back their consent to share with a programme. */
export async function withdrawReferralConsent(
  db: Db,
  schoolId: string,
  personId: string,
  scope: string,
) {
  await withdraw(db, schoolId, personId, scope, personId)
}

/**
 * A parent who withdrew their consent to share with a programme gives it again, themselves:
 * only a scope they withdrew, and only while it is withdrawn (a coordinator cannot, see refer).
 */
export async function regrantReferralConsent(
  db: Db,
  schoolId: string,
  personId: string,
  scope: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if ((await consentState(trx, schoolId, personId, scope)) !== 'withdrawn') {
      throw new DomainError(409, 'buddies.consentNotWithdrawn')
    }
    await grant(trx, schoolId, personId, scope, personId)
  })
}

/** Is this parent the parent of a child in a class the actor teaches? */
export async function teachesChildOf(db: Db, schoolId: string, actorId: string, parentId: string) {
  const row = await db
    .selectFrom('guardianships as gu')
    .innerJoin('children as ch', 'ch.id', 'gu.child_id')
    .innerJoin('group_teachers as gt', 'gt.group_id', 'ch.group_id')
    .select('gu.person_id')
    .where('gu.school_id', '=', schoolId)
    .where('gu.person_id', '=', parentId)
    .where('gt.person_id', '=', actorId)
    .executeTakeFirst()
  return row !== undefined
}

export async function isParentOf(db: Db, schoolId: string, personId: string) {
  const row = await db
    .selectFrom('memberships')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('role', '=', 'parent')
    .executeTakeFirst()
  return row !== undefined
}

export async function signalParent(
  db: Db,
  schoolId: string,
  actorId: string,
  parentId: string,
  theme: string,
) {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('buddy_requests')
      .values({
        school_id: schoolId,
        person_id: parentId,
        theme,
        source: 'signal',
        signalled_by: actorId,
      })
      .execute()
    await buddyAudit.record(trx, {
      schoolId,
      actorId,
      action: 'buddy.signal',
      subjectId: null,
      detail: { theme },
    })
  })
}

/**
 * A teacher or IB heard a parent's experience and thinks they could help others. That is
 * recorded (audit) and the parent is invited in their language; nothing is active until the
 * parent confirms an offer themselves on /buddies.
 */
export async function inviteToOffer(
  deps: BuddyDeps,
  schoolId: string,
  actorId: string,
  parentId: string,
) {
  await buddyAudit.record(deps.db, {
    schoolId,
    actorId,
    action: 'buddy.recruit',
    subjectId: parentId,
  })
  await mailPerson(
    deps.db,
    deps.mailer,
    parentId,
    (t, name) => ({
      subject: t('mail.buddyRecruit.subject'),
      text: t('mail.buddyRecruit.body', { name, url: `${deps.baseUrl}/buddies#offer` }),
    }),
    CONFIDENTIAL_MAIL,
  )
}

/** What a teacher learns of their signals: the theme and that it arrived. No outcome, no name. */
export async function signalsBy(db: Db, schoolId: string, actorId: string) {
  return db
    .selectFrom('buddy_requests')
    .select(['id', 'theme', 'created_at'])
    .where('school_id', '=', schoolId)
    .where('signalled_by', '=', actorId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute()
}

/** At most this many parents answer a coordinator's search by name. */
export const PARENT_MATCHES = 30

/**
 * The parents an actor may reach (signal, invite as a buddy, refer). A teacher: the parents of
 * their own groups, a short list. A coordinator (IB, director): any parent of the school, but
 * found by name (at least two letters) instead of listed, since a school has hundreds and a
 * page need not carry all their names.
 */
export async function reachableParents(
  db: Db,
  schoolId: string,
  actorId: string,
  reach: { coordinator: false } | { coordinator: true; name: string },
) {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name'])
    .where('m.school_id', '=', schoolId)
    .where('m.role', '=', 'parent')
  if (reach.coordinator) {
    const name = reach.name.trim()
    if (name.length < 2) return []
    // The name is matched as typed: % and _ are letters here, not wildcards.
    q = q.where('p.name', 'ilike', `%${name.replace(/[\\%_]/g, '\\$&')}%`)
  } else {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('guardianships as gu')
          .innerJoin('children as ch', 'ch.id', 'gu.child_id')
          .innerJoin('group_teachers as gt', 'gt.group_id', 'ch.group_id')
          .select('gu.person_id')
          .whereRef('gu.person_id', '=', 'p.id')
          .where('gt.person_id', '=', actorId),
      ),
    )
  }
  return q
    .orderBy('p.name')
    .limit(reach.coordinator ? PARENT_MATCHES : 500)
    .execute()
}

// ------------------------------------------------------------------------------ the parent's view

/** A parent's own requests, and the state of each in plain terms. Never the buddy's identity. */
export async function myRequests(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_requests')
    .select(['id', 'theme', 'status', 'source', 'created_at'])
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .where('status', '!=', 'closed')
    .where((eb) => eb.or([eb('source', '=', 'parent'), eb('status', '!=', 'open')]))
    .orderBy('created_at', 'desc')
    .execute()
}

/** Proposals waiting for this parent's yes or no: theme only, no buddy name. */
export async function offersForParent(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .select(['l.id', 'r.theme'])
    .where('l.school_id', '=', schoolId)
    .where('r.person_id', '=', personId)
    .where('l.parent_consent_at', 'is', null)
    .where('l.declined_by', 'is', null)
    .where('l.closed_at', 'is', null)
    .execute()
}

/** Parents who said yes and now wait for this buddy: theme only, no parent name. */
export async function asksForBuddy(db: Db, schoolId: string, personId: string) {
  return db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .select(['l.id', 'r.theme'])
    .where('l.school_id', '=', schoolId)
    .where('o.person_id', '=', personId)
    .where('l.parent_consent_at', 'is not', null)
    .where('l.buddy_consent_at', 'is', null)
    .where('l.declined_by', 'is', null)
    .where('l.closed_at', 'is', null)
    .execute()
}

export interface ActiveLink {
  id: string
  theme: string
  /** 'buddy': the other person is my buddy; 'parent': I am the other person's buddy. */
  otherIs: 'buddy' | 'parent'
  name: string
  channel: ContactChannel
  contact: string | null
}

export interface CheckinDue {
  linkId: string
  week: 2 | 6
  theme: string
}

/** "Helpt het?": links of this parent that are 2 or 6 weeks old and not yet answered for that week. */
export async function checkinsDue(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<CheckinDue[]> {
  const rows = await db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .select((eb) => [
      'l.id as linkId',
      'r.theme',
      sql<number>`case when l.buddy_consent_at <= now() - interval '42 days' then 6 else 2 end`.as(
        'week',
      ),
      eb
        .selectFrom('buddy_checkins as k')
        .select(sql<number>`max(k.week)`.as('w'))
        .whereRef('k.link_id', '=', 'l.id')
        .as('answered'),
    ])
    .where('l.school_id', '=', schoolId)
    .where('r.person_id', '=', personId)
    .where('l.closed_at', 'is', null)
    .where('l.parent_consent_at', 'is not', null)
    .where('l.buddy_consent_at', '<=', sql<Date>`now() - interval '14 days'`)
    .execute()
  return rows
    .filter((r) => (r.answered ?? 0) < r.week)
    .map((r) => ({ linkId: r.linkId, week: r.week === 6 ? 6 : 2, theme: r.theme }))
}

export async function recordCheckin(
  db: Db,
  schoolId: string,
  personId: string,
  linkId: string,
  answer: 'yes' | 'somewhat' | 'no',
) {
  const due = (await checkinsDue(db, schoolId, personId)).find((d) => d.linkId === linkId)
  if (!due) throw new DomainError(409, 'buddies.notPending')
  await db
    .insertInto('buddy_checkins')
    .values({ link_id: linkId, school_id: schoolId, week: due.week, answer })
    .onConflict((oc) => oc.columns(['link_id', 'week']).doNothing())
    .execute()
}

/** Links where both said yes: only here do names and chosen contact details appear. */
export async function activeLinks(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<ActiveLink[]> {
  const rows = await db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .innerJoin('people as parent', 'parent.id', 'r.person_id')
    .innerJoin('people as buddy', 'buddy.id', 'o.person_id')
    .select([
      'l.id',
      'r.theme',
      'r.person_id as parentId',
      'parent.name as parentName',
      'parent.contact_channel as parentChannel',
      'parent.email as parentEmail',
      'parent.phone as parentPhone',
      'buddy.name as buddyName',
      'o.contact_channel as buddyChannel',
      'buddy.email as buddyEmail',
      'buddy.phone as buddyPhone',
    ])
    .where('l.school_id', '=', schoolId)
    .where('l.parent_consent_at', 'is not', null)
    .where('l.buddy_consent_at', 'is not', null)
    .where('l.closed_at', 'is', null)
    .where((eb) => eb.or([eb('r.person_id', '=', personId), eb('o.person_id', '=', personId)]))
    .execute()
  return rows.map((r) => {
    const iAmParent = r.parentId === personId
    const channel = (iAmParent ? r.buddyChannel : r.parentChannel) as ContactChannel
    const email = iAmParent ? r.buddyEmail : r.parentEmail
    const phone = iAmParent ? r.buddyPhone : r.parentPhone
    return {
      id: r.id,
      theme: r.theme,
      otherIs: iAmParent ? 'buddy' : 'parent',
      name: iAmParent ? r.buddyName : r.parentName,
      channel,
      contact: channel === 'email' ? email : channel === 'phone' ? phone : null,
    }
  })
}

export async function loadLink(
  db: Db,
  schoolId: string,
  linkId: string,
): Promise<LinkResource & { id: string }> {
  const row = await db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .select([
      'l.id',
      'l.school_id as schoolId',
      'r.person_id as parentId',
      'o.person_id as buddyId',
    ])
    .where('l.school_id', '=', schoolId)
    .where('l.id', '=', linkId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return row
}

/**
 * One side answers a proposal. The parent answers first; only then is the buddy asked. When
 * both said yes, each is introduced to the other by mail, in their own language.
 */
export async function answer(
  deps: BuddyDeps,
  link: LinkResource & { id: string },
  personId: string,
  yes: boolean,
) {
  const side = link.parentId === personId ? 'parent' : link.buddyId === personId ? 'buddy' : null
  if (!side) throw new NotFound()
  const becameActive = await deps.db
    .transaction()
    .execute(async (trx): Promise<boolean | 'askBuddy'> => {
      const row = await trx
        .selectFrom('buddy_links')
        .select(['parent_consent_at', 'buddy_consent_at', 'declined_by', 'closed_at', 'request_id'])
        .where('id', '=', link.id)
        .forUpdate()
        .executeTakeFirstOrThrow()
      const waitingFor =
        row.parent_consent_at === null ? 'parent' : row.buddy_consent_at === null ? 'buddy' : null
      if (row.declined_by || row.closed_at || waitingFor !== side)
        throw new DomainError(409, 'buddies.notPending')
      if (!yes) {
        await trx
          .updateTable('buddy_links')
          .set({ declined_by: side, closed_at: sql<Date>`now()` })
          .where('id', '=', link.id)
          .execute()
        await trx
          .updateTable('buddy_requests')
          .set({ status: side === 'parent' ? 'closed' : 'open' })
          .where('id', '=', row.request_id)
          .execute()
        return false
      }
      const column = side === 'parent' ? 'parent_consent_at' : 'buddy_consent_at'
      await trx
        .updateTable('buddy_links')
        .set({ [column]: sql<Date>`now()` })
        .where('id', '=', link.id)
        .execute()
      await grant(trx, link.schoolId, personId, `buddy.link:${link.id}`, personId)
      if (side === 'buddy') {
        await trx
          .updateTable('buddy_requests')
          .set({ status: 'linked' })
          .where('id', '=', row.request_id)
          .execute()
        await buddyAudit.record(trx, {
          schoolId: link.schoolId,
          actorId: personId,
          action: 'buddy.link',
          subjectId: link.id,
        })
        return true
      }
      return 'askBuddy' as const
    })
  if (becameActive === true) await introduce(deps, link.schoolId, link.id)
  if (becameActive === 'askBuddy') await mailBuddyAsk(deps, link.buddyId, link.id)
}

/** Tells a buddy that a parent said yes and waits for them: the theme, never the name. */
async function mailBuddyAsk(deps: BuddyDeps, buddyId: string, linkId: string) {
  const { theme } = await deps.db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .select('r.theme')
    .where('l.id', '=', linkId)
    .executeTakeFirstOrThrow()
  await mailAboutTheme(deps, buddyId, theme, 'buddyAsk')
}

export interface ListedBuddy {
  offerId: string
  name: string
  themes: string[]
}

/**
 * Buddies who allowed their name to be shown to a parent who asks, with room for one more.
 * Only these names ever reach a parent before a link: the buddy chose so, on record.
 */
export async function listedBuddies(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<ListedBuddy[]> {
  const pool = await matchingPool(db, schoolId)
  const listed = await db
    .selectFrom('buddy_offers')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('show_name', '=', true)
    .where('status', '=', 'active')
    .execute()
  const ids = new Set(listed.map((l) => l.id))
  return pool.buddies
    .filter((b) => ids.has(b.id) && b.personId !== personId && b.activeLinks < b.capacity)
    .map((b) => ({ offerId: b.id, name: b.name, themes: [...b.themes] }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** A parent contacts a listed buddy directly: their own yes is given; the buddy is asked. */
export async function contactDirectly(
  deps: BuddyDeps,
  schoolId: string,
  personId: string,
  offerId: string,
  theme: string,
) {
  const listed = (await listedBuddies(deps.db, schoolId, personId)).find(
    (b) => b.offerId === offerId,
  )
  if (!listed?.themes.includes(theme)) throw new NotFound()
  const linkId = await deps.db.transaction().execute(async (trx) => {
    const request = await trx
      .insertInto('buddy_requests')
      .values({
        school_id: schoolId,
        person_id: personId,
        theme,
        source: 'parent',
        status: 'proposed',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const link = await trx
      .insertInto('buddy_links')
      .values({
        school_id: schoolId,
        request_id: request.id,
        offer_id: offerId,
        parent_consent_at: sql<Date>`now()`,
      })
      .returning(['id', 'offer_id'])
      .executeTakeFirstOrThrow()
    await grant(trx, schoolId, personId, `buddy.request:${theme}`, personId)
    await grant(trx, schoolId, personId, `buddy.link:${link.id}`, personId)
    return link.id
  })
  const buddy = await deps.db
    .selectFrom('buddy_offers')
    .select('person_id')
    .where('id', '=', offerId)
    .executeTakeFirstOrThrow()
  await mailBuddyAsk(deps, buddy.person_id, linkId)
}

/** Either side (or a coordinator) ends an active link; the request is closed with it. */
export async function closeLink(db: Db, link: LinkResource & { id: string }, actorId: string) {
  await db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable('buddy_links')
      .set({ closed_at: sql<Date>`now()` })
      .where('id', '=', link.id)
      .where('closed_at', 'is', null)
      .returning('request_id')
      .executeTakeFirst()
    if (!closed) throw new DomainError(409, 'buddies.notPending')
    await trx
      .updateTable('buddy_requests')
      .set({ status: 'closed' })
      .where('id', '=', closed.request_id)
      .execute()
    await buddyAudit.record(trx, {
      schoolId: link.schoolId,
      actorId,
      action: 'buddy.close',
      subjectId: link.id,
    })
  })
}

async function introduce(deps: BuddyDeps, schoolId: string, linkId: string) {
  const sides = await deps.db
    .selectFrom('buddy_links as l')
    .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
    .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
    .select(['r.person_id as parentId', 'o.person_id as buddyId'])
    .where('l.id', '=', linkId)
    .executeTakeFirstOrThrow()
  // Each side gets the other's name and chosen contact, in their own language.
  for (const meId of [sides.parentId, sides.buddyId]) {
    const link = (await activeLinks(deps.db, schoolId, meId)).find((l) => l.id === linkId)
    if (!link) continue
    const words = await themeWords(deps.db, link.theme)
    await mailPerson(
      deps.db,
      deps.mailer,
      meId,
      (t, name) => ({
        subject: t('mail.buddyIntro.subject'),
        text: t(link.otherIs === 'buddy' ? 'mail.buddyIntro.toParent' : 'mail.buddyIntro.toBuddy', {
          name,
          other: link.name,
          theme: words(t),
          how:
            link.channel === 'school'
              ? t('buddies.contactViaSchool')
              : `${t(`profile.contact.${link.channel}`)}: ${link.contact ?? ''}`,
          url: `${deps.baseUrl}/buddies`,
        }),
      }),
      CONFIDENTIAL_MAIL,
    )
  }
}

// ------------------------------------------------------------------------------ coordinator

interface Pool {
  buddies: (Buddy & { personId: string; name: string; offerId: string })[]
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

/** Open requests and available buddies of one school, in the matching engine's terms. */
export async function matchingPool(db: Db, schoolId: string): Promise<Pool> {
  const offers = await db
    .selectFrom('buddy_offers as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select((eb) => [
      'o.id as offerId',
      'o.person_id as personId',
      'p.name',
      'p.language',
      'p.home_languages',
      'o.themes',
      'o.languages',
      'o.capacity',
      eb
        .selectFrom('buddy_links as l')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('l.offer_id', '=', 'o.id')
        .where('l.closed_at', 'is', null)
        .where('l.declined_by', 'is', null)
        .as('load'),
      sql<number>`extract(day from now() - coalesce((select max(l2.created_at) from buddy_links l2 where l2.offer_id = o.id), o.created_at))::int`.as(
        'waitingDays',
      ),
    ])
    .where('o.school_id', '=', schoolId)
    .where('o.status', '=', 'active')
    .where((eb) => eb.or([eb('o.until', 'is', null), eb('o.until', '>=', sql<Date>`current_date`)]))
    .execute()
  const requests = await db
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
    .where('r.status', '=', 'open')
    .orderBy('r.created_at')
    .execute()
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

export interface WorkItem {
  request: Pool['requests'][number]
  candidates: (Ranked & { name: string })[]
}

/** Which themes the asking coordinator may work on (decided by the policy, passed in). */
export type ThemeFilter = (theme: string) => boolean

/**
 * The coordinator's work list: each open request of the themes they coordinate, with its
 * ranked candidates and reasons.
 */
export async function workList(
  db: Db,
  schoolId: string,
  may: ThemeFilter,
  top = 3,
): Promise<WorkItem[]> {
  const pool = await matchingPool(db, schoolId)
  const names = new Map(pool.buddies.map((b) => [b.id, b.name]))
  return pool.requests
    .filter((r) => may(r.theme))
    .map((request) => ({
      request,
      // The engine itself never proposes a parent as their own buddy (personId on both sides).
      candidates: rankCandidates(request, pool.buddies)
        .slice(0, top)
        .map((c) => ({ ...c, name: names.get(c.buddyId) ?? '' })),
    }))
}

async function proposeIn(
  trx: Q,
  schoolId: string,
  actorId: string,
  requestId: string,
  offerId: string,
): Promise<{ parentId: string; theme: string }> {
  const request = await trx
    .updateTable('buddy_requests')
    .set({ status: 'proposed' })
    .where('id', '=', requestId)
    .where('school_id', '=', schoolId)
    .where('status', '=', 'open')
    .returning(['person_id', 'theme'])
    .executeTakeFirst()
  if (!request) throw new DomainError(409, 'buddies.notPending')
  const offer = await trx
    .selectFrom('buddy_offers')
    .select(['person_id'])
    .where('id', '=', offerId)
    .where('school_id', '=', schoolId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!offer || offer.person_id === request.person_id) throw new NotFound()
  const link = await trx
    .insertInto('buddy_links')
    .values({ school_id: schoolId, request_id: requestId, offer_id: offerId, proposed_by: actorId })
    .returning('id')
    .executeTakeFirstOrThrow()
  await buddyAudit.record(trx, { schoolId, actorId, action: 'buddy.propose', subjectId: link.id })
  return { parentId: request.person_id, theme: request.theme }
}

const mailOffer = (deps: BuddyDeps, parentId: string, theme: string) =>
  mailAboutTheme(deps, parentId, theme, 'buddyOffer')

/** A question about a theme ("would you like to talk?"), answered on /buddies. */
async function mailAboutTheme(
  deps: BuddyDeps,
  personId: string,
  theme: string,
  mail: 'buddyAsk' | 'buddyOffer',
) {
  const words = await themeWords(deps.db, theme)
  await mailPerson(
    deps.db,
    deps.mailer,
    personId,
    (t, name) => ({
      subject: t(`mail.${mail}.subject`),
      text: t(`mail.${mail}.body`, { name, theme: words(t), url: `${deps.baseUrl}/buddies` }),
    }),
    CONFIDENTIAL_MAIL,
  )
}

/** Proposes one buddy for one request; the parent is asked first, in their own language. */
export async function propose(
  deps: BuddyDeps,
  schoolId: string,
  actorId: string,
  requestId: string,
  offerId: string,
) {
  const pool = await matchingPool(deps.db, schoolId)
  const request = pool.requests.find((r) => r.id === requestId)
  if (!request) throw new NotFound()
  const eligible = rankCandidates(request, pool.buddies).some((c) => c.buddyId === offerId)
  if (!eligible) throw new DomainError(409, 'buddies.notEligible')
  const made = await deps.db
    .transaction()
    .execute((trx) => proposeIn(trx, schoolId, actorId, requestId, offerId))
  await mailOffer(deps, made.parentId, made.theme)
}

/**
 * The start-of-year batch: one optimal assignment for all open requests (of the themes this
 * coordinator works on) at once.
 */
export async function batchPropose(
  deps: BuddyDeps,
  schoolId: string,
  actorId: string,
  may: ThemeFilter,
) {
  const all = await matchingPool(deps.db, schoolId)
  const pool = { ...all, requests: all.requests.filter((r) => may(r.theme)) }
  const result = batchMatch(pool.requests, pool.buddies)
  const made = await deps.db.transaction().execute(async (trx) => {
    const out: { parentId: string; theme: string }[] = []
    for (const a of result.assignments)
      out.push(await proposeIn(trx, schoolId, actorId, a.requestId, a.buddyId))
    await buddyAudit.record(trx, {
      schoolId,
      actorId,
      action: 'buddy.batch',
      detail: { proposals: out.length, open: pool.requests.length },
    })
    return out
  })
  for (const m of made) await mailOffer(deps, m.parentId, m.theme)
  return { proposals: made.length, open: pool.requests.length, total: result.totalScore }
}

/** An open request of this school, for the record-level coordination check. */
export async function loadRequest(db: Db, schoolId: string, requestId: string) {
  const row = await db
    .selectFrom('buddy_requests')
    .select(['id', 'school_id as schoolId', 'person_id as personId', 'theme', 'source', 'status'])
    .where('school_id', '=', schoolId)
    .where('id', '=', requestId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return row
}

// ------------------------------------------------------------------------------ theme coordinators

export interface NamedCoordinator {
  theme: string
  personId: string
  name: string
}

/** The staff members a director named for 'nieuw' or 'taal'; other themes are the IB's. */
export async function namedCoordinators(db: Db, schoolId: string): Promise<NamedCoordinator[]> {
  return db
    .selectFrom('buddy_theme_coordinators as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.theme', 'c.person_id as personId', 'p.name'])
    .where('c.school_id', '=', schoolId)
    .orderBy('c.theme')
    .execute()
}

/** Directors, IBs and teachers of this school: the people a director may name. */
export async function nameableStaff(db: Db, schoolId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name', sql<Role[]>`array_agg(m.role order by m.role)`.as('roles')])
    .where('m.school_id', '=', schoolId)
    .where('m.role', 'in', NAMEABLE_ROLES)
    .groupBy(['p.id', 'p.name'])
    .orderBy('p.name')
    .execute()
}

/** The roles a person holds in this school (none when they are not of this school). */
export async function rolesIn(db: Db, schoolId: string, personId: string): Promise<Role[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('role')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .execute()
  return rows.map((r) => r.role)
}

/** Names a coordinator for a theme, or (personId null) gives the theme back to the IB. */
export async function nameCoordinator(
  db: Db,
  schoolId: string,
  actorId: string,
  theme: string,
  personId: string | null,
) {
  await db.transaction().execute(async (trx) => {
    if (personId === null) {
      await trx
        .deleteFrom('buddy_theme_coordinators')
        .where('school_id', '=', schoolId)
        .where('theme', '=', theme)
        .execute()
    } else {
      await trx
        .insertInto('buddy_theme_coordinators')
        .values({ school_id: schoolId, theme, person_id: personId, named_by: actorId })
        .onConflict((oc) =>
          oc
            .columns(['school_id', 'theme'])
            .doUpdateSet({ person_id: personId, named_by: actorId, named_at: sql<Date>`now()` }),
        )
        .execute()
    }
    await buddyAudit.record(trx, {
      schoolId,
      actorId,
      action: 'buddy.coordinator',
      subjectId: personId,
      detail: { theme },
    })
  })
}

export interface RegistryRow {
  name: string
  themes: string[]
  languages: string[]
  capacity: number
  load: number
  status: string
  showName: boolean
}

/** The coordinators' overview of buddies. Every view is written to the audit log. */
export async function registry(db: Db, schoolId: string, actorId: string): Promise<RegistryRow[]> {
  const rows = await db
    .selectFrom('buddy_offers as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .select((eb) => [
      'p.name',
      'o.themes',
      'o.languages',
      'o.capacity',
      'o.status',
      'o.show_name as showName',
      eb
        .selectFrom('buddy_links as l')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('l.offer_id', '=', 'o.id')
        .where('l.closed_at', 'is', null)
        .where('l.declined_by', 'is', null)
        .as('load'),
    ])
    .where('o.school_id', '=', schoolId)
    .where('o.status', '!=', 'withdrawn')
    .orderBy('p.name')
    .execute()
  await buddyAudit.record(db, {
    schoolId,
    actorId,
    action: 'buddy.registry.view',
    detail: { rows: rows.length },
  })
  return rows.map((r) => ({ ...r, load: Number(r.load ?? 0) }))
}

export interface Overview {
  open: number
  proposed: number
  active: number
  waitingDaysMax: number
  idleBuddies: number
  /** Answers to "helpt het?": yes / somewhat / no. */
  helps: number
  helpsSomewhat: number
  helpsNot: number
}

export async function overview(db: Db, schoolId: string): Promise<Overview> {
  const r = await sql<Overview>`
    select
      (select count(*)::int from buddy_requests where school_id = ${schoolId} and status = 'open') as open,
      (select count(*)::int from buddy_requests where school_id = ${schoolId} and status = 'proposed') as proposed,
      (select count(*)::int from buddy_links where school_id = ${schoolId} and parent_consent_at is not null
          and buddy_consent_at is not null and closed_at is null) as active,
      (select coalesce(max(extract(day from now() - created_at)), 0)::int from buddy_requests
          where school_id = ${schoolId} and status = 'open') as "waitingDaysMax",
      (select count(*)::int from buddy_offers o where school_id = ${schoolId} and status = 'active'
          and not exists (select 1 from buddy_links l where l.offer_id = o.id and l.closed_at is null
          and l.declined_by is null)) as "idleBuddies",
      (select count(*)::int from buddy_checkins where school_id = ${schoolId} and answer = 'yes') as helps,
      (select count(*)::int from buddy_checkins where school_id = ${schoolId} and answer = 'somewhat') as "helpsSomewhat",
      (select count(*)::int from buddy_checkins where school_id = ${schoolId} and answer = 'no') as "helpsNot"`.execute(
    db,
  )
  return (
    r.rows[0] ?? {
      open: 0,
      proposed: 0,
      active: 0,
      waitingDaysMax: 0,
      idleBuddies: 0,
      helps: 0,
      helpsSomewhat: 0,
      helpsNot: 0,
    }
  )
}
