// Who may write to whom, and who may see what of a message. A teacher writes to the groups they
// teach or to one family of those groups; the director and the IB to the school, some groups or
// some families; the brugfiguur to the families they work with (any family of the school: the
// brugfiguur's work is not recorded group by group). Only the director marks a message urgent
// (it passes the quiet hours). A message to families is seen by its writer and those families
// only; a message to groups or the school also by the school's director, IB and brugfiguur, and
// by the teachers of those groups. How far a message reached is staff's to see; which family
// did not open it, only the writer's ("the juffen think we did not read it again").
import type { MessageAudience } from '../../core/db/schema.ts'
import { definePolicy } from '../../core/policy.ts'
import { hasRole, holds, type Principal } from '../../core/principal.ts'

export const WRITERS = ['teacher', 'director', 'ib', 'brugfiguur'] as const
const OVERSEERS = ['director', 'ib', 'brugfiguur'] as const

/** A message about to be sent, as the policy sees it. */
export interface DraftRecord {
  schoolId: string
  audience: MessageAudience
  /** The groups written to (audience 'groups'). */
  groupIds: readonly string[]
  /** The groups of the children whose families are written to (audience 'families'). */
  childGroupIds: readonly string[]
  urgent: boolean
  /** The groups the writer teaches in this school. */
  taughtGroupIds: readonly string[]
}

/** A sent message, with the asking person's relation to it. */
export interface MessageRecord {
  schoolId: string
  authorId: string | null
  audience: MessageAudience
  groupIds: readonly string[]
  /** The asking person is one of its recipients. */
  recipient: boolean
  /** The groups the asking person teaches in this school. */
  taughtGroupIds: readonly string[]
}

const inSchool = (p: Principal, r: { schoolId: string }) => p.schoolId === r.schoolId
const within = (ids: readonly string[], allowed: readonly string[]) =>
  ids.length > 0 && ids.every((id) => allowed.includes(id))

const author = (p: Principal | null, r: MessageRecord): p is Principal =>
  p !== null && r.authorId !== null && r.authorId === p.personId && inSchool(p, r)

/** Staff who see a message they did not write: never one to families. */
const oversees = (p: Principal | null, r: MessageRecord): boolean =>
  hasRole(p, ...WRITERS) &&
  inSchool(p, r) &&
  r.audience !== 'families' &&
  (holds(p, ...OVERSEERS) ||
    r.audience === 'school' ||
    r.groupIds.some((g) => r.taughtGroupIds.includes(g)))

export const messagesPolicy = definePolicy({
  /** Their own messages: anyone signed in into a school. */
  'messages.list': (p) => p !== null && p.schoolId !== null,
  /** The writing form: staff of the school. */
  'messages.write': (p) => hasRole(p, ...WRITERS),
  'messages.send': (p, r: DraftRecord) => {
    if (!hasRole(p, ...WRITERS) || !inSchool(p, r)) return false
    if (r.urgent && !holds(p, 'director')) return false
    if (holds(p, 'director', 'ib')) return true
    switch (r.audience) {
      case 'school':
        return false
      case 'groups':
        return holds(p, 'teacher') && within(r.groupIds, r.taughtGroupIds)
      case 'families':
        return (
          holds(p, 'brugfiguur') ||
          (holds(p, 'teacher') && within(r.childGroupIds, r.taughtGroupIds))
        )
    }
  },
  'messages.view': (p, r: MessageRecord) =>
    p !== null && ((r.recipient && inSchool(p, r)) || author(p, r) || oversees(p, r)),
  /** How many it reached per language, and the families no mail reached. */
  'messages.seeReach': (p, r: MessageRecord) => author(p, r) || oversees(p, r),
  /** Which families did not open it: the writer only. */
  'messages.seeUnopened': (p, r: MessageRecord) => author(p, r),
  /** A person's own delivery choice (every message, or a daily digest). */
  'messages.settings': (p) => p !== null,
})
