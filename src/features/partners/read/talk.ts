// The wishes to talk: a parent's own (with who it is for and whether contact was made), and
// the open ones a partner should answer, with the parent's name and how to reach them as the
// parent chose (`partners.seeTalk`). Staff of the school never read these.
import type { Db } from '../../../core/db/index.ts'
import type { TalkChannel } from '../../../core/db/schema.ts'
import { NotFound } from '../../../core/errors.ts'
import type { Viewer } from '../../../core/http/viewer.ts'
import type { T } from '../../../core/i18n/index.ts'
import { can } from '../../../policies.ts'
import type { TalkRecord } from '../policy.ts'

export interface OwnTalk {
  id: string
  partnerName: string | null
  createdAt: Date
  contactedAt: Date | null
  record: TalkRecord
}

export interface TalkToAnswer {
  id: string
  parentName: string
  channel: TalkChannel
  phone: string | null
  email: string
  note: string | null
  createdAt: Date
  forMe: boolean
}

const base = (db: Db) =>
  db
    .selectFrom('partner_requests as r')
    .leftJoin('people as pr', 'pr.id', 'r.partner_id')
    .select([
      'r.id',
      'r.school_id',
      'r.person_id',
      'r.partner_id',
      'r.channel',
      'r.phone',
      'r.note',
      'r.created_at',
      'r.contacted_at',
      'r.withdrawn_at',
      'pr.name as partnerName',
    ])

const recordOf = (r: {
  school_id: string
  person_id: string
  partner_id: string | null
  contacted_at: Date | null
  withdrawn_at: Date | null
}): TalkRecord => ({
  schoolId: r.school_id,
  personId: r.person_id,
  partnerId: r.partner_id,
  open: r.contacted_at === null && r.withdrawn_at === null,
})

/** The parent's wishes that still stand or were answered lately (withdrawn ones are gone). */
export async function ownTalks(db: Db, v: Viewer): Promise<OwnTalk[]> {
  const rows = await base(db)
    .where('r.school_id', '=', v.p.schoolId)
    .where('r.person_id', '=', v.p.personId)
    .where('r.withdrawn_at', 'is', null)
    .orderBy('r.created_at', 'desc')
    .limit(5)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    partnerName: r.partnerName,
    createdAt: r.created_at,
    contactedAt: r.contacted_at,
    record: recordOf(r),
  }))
}

/** The open wishes this partner may answer: for them, or for any partner of the school. */
export async function talksToAnswer(db: Db, v: Viewer): Promise<TalkToAnswer[]> {
  const rows = await base(db)
    .innerJoin('people as pa', 'pa.id', 'r.person_id')
    .select(['pa.name as parentName', 'pa.email'])
    .where('r.school_id', '=', v.p.schoolId)
    .where('r.contacted_at', 'is', null)
    .where('r.withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('r.partner_id', 'is', null), eb('r.partner_id', '=', v.p.personId)]))
    .orderBy('r.created_at')
    .execute()
  return rows
    .filter((r) => can(v.p, 'partners.seeTalk', recordOf(r), v.env))
    .map((r) => ({
      id: r.id,
      parentName: r.parentName,
      channel: r.channel,
      phone: r.phone,
      email: r.email,
      note: r.note,
      createdAt: r.created_at,
      forMe: r.partner_id === v.p.personId,
    }))
}

/** One wish as its record for the policy, school-scoped. */
export async function loadTalk(db: Db, schoolId: string, id: string) {
  const r = await base(db)
    .where('r.id', '=', id)
    .where('r.school_id', '=', schoolId)
    .executeTakeFirst()
  if (!r) throw new NotFound()
  return { id: r.id, personId: r.person_id, record: recordOf(r) }
}

/** For "Mijn toestemmingen": "Contact met Karin Mulder" (or with any partner of the school). */
export async function talkNames(
  db: Db,
  schoolId: string,
  subjects: readonly string[],
  t: T,
): Promise<Map<string, string>> {
  if (!subjects.length) return new Map()
  const rows = await base(db)
    .where('r.school_id', '=', schoolId)
    .where('r.id', 'in', subjects)
    .execute()
  return new Map(rows.map((r) => [r.id, r.partnerName ?? t('partners.anyPartnerName')]))
}

/** The phone number on the parent's own profile, to offer in the form. */
export async function ownPhone(db: Db, personId: string): Promise<string> {
  const row = await db
    .selectFrom('people')
    .select('phone')
    .where('id', '=', personId)
    .executeTakeFirst()
  return row?.phone ?? ''
}
