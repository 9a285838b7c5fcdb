// Who may do what with a partner's hours at school, and who may see whom. Everyone at the
// school reads the presence schedule: the partners' names, what they do and when they are
// there are public to the school on purpose (a known face lowers the threshold, seed 004).
// A parent or a teacher books a spreekuur slot without giving a reason. Who booked is seen by
// the booker and the partner only; the school sees that a slot is taken, not by whom, unless
// the booker asked for a talk with their child's teacher — then that teacher sees it. The topic
// a booker may add is for the partner alone. A parent's wish to talk goes to the partner they
// chose (or any partner of the school), never to the school's staff (seed 003 L4934: a link
// to the school only if the parents wish it).
import type { HourKind } from '../../core/db/schema.ts'
import { definePolicy } from '../../core/policy.ts'
import { hasRole, holds, type Principal } from '../../core/principal.ts'

export const BOOKERS = ['parent', 'teacher'] as const

export interface HourRecord {
  schoolId: string
  partnerId: string
  kind: HourKind
  /** It has begun (a slot cannot be booked for the past). */
  past: boolean
  free: number
}

export interface BookingRecord {
  schoolId: string
  bookerId: string
  partnerId: string
  withTeacher: boolean
  /** The teachers of the booker's children in this school. */
  teacherIds: readonly string[]
  past: boolean
  cancelled: boolean
}

/** A parent's wish to talk with a partner: whose it is, and which partner (null: any). */
export interface TalkRecord {
  schoolId: string
  personId: string
  partnerId: string | null
  open: boolean
}

const inSchool = (p: Principal | null, r: { schoolId: string }): p is Principal =>
  p !== null && p.schoolId === r.schoolId
const isPartnerOf = (p: Principal | null, r: { schoolId: string; partnerId: string }) =>
  inSchool(p, r) && holds(p, 'partner') && r.partnerId === p.personId

/** A partner the wish is for: the one the parent chose, or any partner of the school. */
const answers = (p: Principal, r: TalkRecord) =>
  holds(p, 'partner') && (r.partnerId === null || r.partnerId === p.personId)

export const partnersPolicy = definePolicy({
  'partners.view': (p) => p !== null && p.schoolId !== null,
  /** Plan hours at the current school: a partner who serves it (holds the role there). */
  'partners.plan': (p) => hasRole(p, 'partner'),
  'partners.manage': (p, r: HourRecord) => isPartnerOf(p, r),
  'partners.book': (p, r: HourRecord) =>
    inSchool(p, r) &&
    holds(p, ...BOOKERS) &&
    r.kind === 'spreekuur' &&
    !r.past &&
    r.free > 0 &&
    r.partnerId !== p.personId,
  'partners.cancel': (p, r: BookingRecord) =>
    (inSchool(p, r) && r.bookerId === p.personId && !r.past && !r.cancelled) ||
    (isPartnerOf(p, r) && !r.past && !r.cancelled),
  'partners.seeBooker': (p, r: BookingRecord) =>
    inSchool(p, r) &&
    (r.bookerId === p.personId ||
      isPartnerOf(p, r) ||
      (r.withTeacher && holds(p, 'teacher') && r.teacherIds.includes(p.personId))),
  'partners.seeTopic': (p, r: BookingRecord) => isPartnerOf(p, r),
  /** "Ik wil graag praten": a parent asks to be contacted (with their consent, by a partner). */
  'partners.askTalk': (p) => hasRole(p, 'parent'),
  /** The wish, with the parent's name and how to reach them: the parent and the partner(s) asked. */
  'partners.seeTalk': (p, r: TalkRecord) =>
    inSchool(p, r) && (r.personId === p.personId || answers(p, r)),
  'partners.confirmTalk': (p, r: TalkRecord) => inSchool(p, r) && answers(p, r) && r.open,
  'partners.withdrawTalk': (p, r: TalkRecord) =>
    inSchool(p, r) && r.personId === p.personId && r.open,
})
