// Every rule of every feature's policy.ts, as a table: who may, with the most favourable record,
// and which single fact of that record makes each rule deny (issue #16: no rule may loosen unseen).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ROLES, type Role } from '../src/core/db/schema.ts'
import type { PolicyEnv, ResourceOf } from '../src/core/policy.ts'
import type { Principal } from '../src/core/principal.ts'
import type { CircleRecord, JoinRecord } from '../src/features/circles/policy.ts'
import type { DraftRecord, MessageRecord } from '../src/features/messages/policy.ts'
import type { BookingRecord, HourRecord, TalkRecord } from '../src/features/partners/policy.ts'
import type { SurveyRecord } from '../src/features/surveys/policy.ts'
import { type Action, type AppPolicies, can, policies } from '../src/policies.ts'

/** Who asks: one role at the school, a signed-in person with no role anywhere, or nobody. */
type Who = Role | 'no role' | 'anonymous'

interface Variant<R> {
  /** The one fact changed, as the test name says it. */
  if: string
  // Method syntax on purpose: a case of one member of a union (buddies.seeName) fits the union.
  change(r: R): R
  /** Who may still, after the change; nobody when left out. */
  still?: readonly Who[]
}

interface Case<R> {
  /** The record, from the asking person's side. */
  on: string
  /** The most favourable record for the person asking (always person ME) in `school`. */
  record(school: string): R
  /** Exactly who may, asking in the record's own school. */
  allowed: readonly Who[]
  /** One variant per condition of the rule: each must deny (all but `still`). */
  unless?: readonly Variant<R>[]
  /**
   * Left out: the rule is school-scoped, so nobody working in another school may. Given: the
   * roles that may anyway, and why the rule legitimately does not look at the school.
   */
  acrossSchools?: { roles: readonly Role[]; why: string }
}

/**
 * What the table says of one action, typed by the rule's own resource: a rule that takes none
 * has only its route answer; one that may be asked without a record (at the route, in a menu)
 * has both; one asked only with a record has only cases.
 */
type Spec<R> = [R] extends [undefined]
  ? { route: readonly Who[]; inDemo?: readonly Who[] }
  : undefined extends R
    ? { route: readonly Who[]; records: readonly Case<Exclude<R, undefined>>[] }
    : { records: readonly Case<R>[] }

type Specs = { [A in Action]: Spec<ResourceOf<AppPolicies, A>> }

const A = 'school-a'
const B = 'school-b'
const C = 'school-c'
const ME = 'person-me'
const OTHER = 'person-other'
const THIRD = 'person-third'
const G1 = 'group-1'
const G2 = 'group-2'

const SIGNED_IN: readonly Who[] = ['no role', ...ROLES]
const EVERYONE: readonly Who[] = ['anonymous', ...SIGNED_IN]
const STAFF: readonly Who[] = ['teacher', 'director', 'ib', 'brugfiguur']

// The relation flags of a circle (member, facilitator, convener) are loaded for the person by
// their id, not within a school (read/circle.ts loadCircle): a bovenschoolse kring has people of
// several schools, and a facilitator may serve another school's circle.
const RELATION = {
  roles: ROLES,
  why: 'the relation is the person’s own, loaded by their id: a circle has people of several schools',
}

const person = (role: Role | null, school = A): Principal => ({
  sessionId: 'session',
  personId: ME,
  name: 'Sam Peeters',
  firstName: 'Sam',
  email: 'sam@example.org',
  language: 'nl',
  schoolId: role ? school : null,
  schoolName: role ? `School ${school}` : null,
  roles: role ? [role] : [],
  memberships: role ? [{ schoolId: school, schoolName: `School ${school}`, role }] : [],
  children: [],
})

const SUBJECTS: readonly (readonly [Who, Principal | null])[] = [
  ['anonymous', null],
  ['no role', person(null)],
  ...ROLES.map((r) => [r, person(r)] as const),
]

const circle = (school: string, over: Partial<CircleRecord> = {}): CircleRecord => ({
  schoolId: school,
  municipalityId: 'municipality',
  schoolIds: [school],
  facilitator: false,
  convener: false,
  member: false,
  audience: 'adult',
  ...over,
})
/** A bovenschoolse kring: hosted by the municipality, open to this school and another. */
const bovenschools = (school: string): CircleRecord =>
  circle(school, { schoolId: null, schoolIds: [school, C] })

const joining = (school: string, over: Partial<JoinRecord> = {}): JoinRecord => ({
  kind: 'ouder',
  audience: 'adult',
  schoolIds: [school],
  grades: null,
  ...over,
})
const childPlace = (school: string, grades: readonly number[] | null): JoinRecord =>
  joining(school, {
    kind: 'kinder',
    audience: 'child',
    grades,
    child: { schoolId: school, grade: 3, guardianIds: [ME] },
  })
const withChild = (r: JoinRecord, over: Partial<NonNullable<JoinRecord['child']>>): JoinRecord => ({
  ...r,
  child: r.child && { ...r.child, ...over },
})

const draft = (school: string, over: Partial<DraftRecord>): DraftRecord => ({
  schoolId: school,
  audience: 'school',
  groupIds: [],
  childGroupIds: [],
  urgent: false,
  taughtGroupIds: [G1],
  ...over,
})
const message = (school: string, over: Partial<MessageRecord> = {}): MessageRecord => ({
  schoolId: school,
  authorId: OTHER,
  audience: 'school',
  groupIds: [],
  recipient: false,
  taughtGroupIds: [],
  ...over,
})

const hour = (school: string): HourRecord => ({
  schoolId: school,
  partnerId: OTHER,
  kind: 'spreekuur',
  past: false,
  free: 2,
})
const booking = (school: string, over: Partial<BookingRecord> = {}): BookingRecord => ({
  schoolId: school,
  bookerId: ME,
  partnerId: OTHER,
  withTeacher: false,
  teacherIds: [],
  past: false,
  cancelled: false,
  ...over,
})
const talk = (school: string, over: Partial<TalkRecord> = {}): TalkRecord => ({
  schoolId: school,
  personId: ME,
  partnerId: OTHER,
  open: true,
  ...over,
})

const survey = (school: string, over: Partial<SurveyRecord> = {}): SurveyRecord => ({
  schoolId: school,
  ownerId: ME,
  status: 'open',
  feedbackSent: false,
  side: null,
  answered: false,
  ...over,
})

// Variants used by many rules, named once.
const othersSurvey = {
  if: 'it is someone else’s',
  change: (r: SurveyRecord) => ({ ...r, ownerId: OTHER }),
}
const unownedSurvey = {
  if: 'it has no owner',
  change: (r: SurveyRecord) => ({ ...r, ownerId: null }),
}
const stillOpen = {
  if: 'it is still open',
  change: (r: SurveyRecord) => ({ ...r, status: 'open' as const }),
}
const closed = {
  if: 'it is closed',
  change: (r: SurveyRecord) => ({ ...r, status: 'closed' as const }),
}

const SPECS = {
  'audit.read': { route: ['director', 'admin'] },
  'session.end': { route: SIGNED_IN },

  // ---- buddies ----
  'buddies.view': { route: ['parent', 'teacher', 'ib', 'director'] },
  'buddies.offer': { route: ['parent'] },
  'buddies.ask': { route: ['parent'] },
  'buddies.answer': {
    route: ['parent'],
    records: [
      {
        on: 'their own link, as the parent who asked',
        record: (school) => ({ schoolId: school, parentId: ME, buddyId: OTHER }),
        allowed: ['parent'],
        unless: [
          {
            if: 'it links two other parents',
            change: (l) => ({ ...l, parentId: OTHER, buddyId: THIRD }),
          },
        ],
      },
      {
        on: 'their own link, as the buddy',
        record: (school) => ({ schoolId: school, parentId: OTHER, buddyId: ME }),
        allowed: ['parent'],
      },
    ],
  },
  'buddies.checkin': {
    route: ['parent'],
    records: [
      {
        on: 'their own link, as the parent who asked',
        record: (school) => ({ schoolId: school, parentId: ME, buddyId: OTHER }),
        allowed: ['parent'],
        unless: [
          // The check-in is the asking parent's: the buddy is asked about, not asking.
          { if: 'they are its buddy', change: (l) => ({ ...l, parentId: OTHER, buddyId: ME }) },
          {
            if: 'it links two other parents',
            change: (l) => ({ ...l, parentId: OTHER, buddyId: THIRD }),
          },
        ],
      },
    ],
  },
  'buddies.contact': { route: ['parent'] },
  'buddies.decline': {
    route: ['parent'],
    records: [
      {
        on: 'their own request',
        record: (school) => ({ schoolId: school, personId: ME }),
        allowed: ['parent'],
        unless: [{ if: 'it is another parent’s', change: (r) => ({ ...r, personId: OTHER }) }],
      },
    ],
  },
  'buddies.close': {
    route: ['parent', 'ib', 'director'],
    records: [
      {
        on: 'their own link, as the parent who asked',
        record: (school) => ({ schoolId: school, parentId: ME, buddyId: OTHER }),
        allowed: ['parent', 'ib', 'director'],
        unless: [
          {
            if: 'it links two other parents',
            change: (l) => ({ ...l, parentId: OTHER, buddyId: THIRD }),
            still: ['ib', 'director'],
          },
        ],
      },
      {
        on: 'their own link, as the buddy',
        record: (school) => ({ schoolId: school, parentId: OTHER, buddyId: ME }),
        allowed: ['parent', 'ib', 'director'],
      },
    ],
  },
  'buddies.signal': {
    route: ['teacher', 'ib', 'director'],
    records: [
      {
        on: 'a parent of a class they teach',
        record: (school) => ({
          schoolId: school,
          parentId: OTHER,
          personRoles: ['parent'],
          teacherIds: [ME],
        }),
        allowed: ['teacher', 'ib', 'director'],
        unless: [
          {
            if: 'the person is staff, not a parent',
            change: (r) => ({ ...r, personRoles: ['teacher'] }),
          },
          { if: 'the person is not of the school', change: (r) => ({ ...r, personRoles: [] }) },
          {
            if: 'they do not teach the child',
            change: (r) => ({ ...r, teacherIds: [OTHER] }),
            still: ['ib', 'director'],
          },
        ],
      },
    ],
  },
  'buddies.recruit': {
    route: ['teacher', 'ib', 'director'],
    records: [
      {
        on: 'a parent of a class they teach',
        record: (school) => ({
          schoolId: school,
          parentId: OTHER,
          personRoles: ['parent'],
          teacherIds: [ME],
        }),
        allowed: ['teacher', 'ib', 'director'],
        unless: [
          {
            if: 'the person is staff, not a parent',
            change: (r) => ({ ...r, personRoles: ['teacher'] }),
          },
          { if: 'the person is not of the school', change: (r) => ({ ...r, personRoles: [] }) },
          {
            if: 'they do not teach the child',
            change: (r) => ({ ...r, teacherIds: [OTHER] }),
            still: ['ib', 'director'],
          },
        ],
      },
    ],
  },
  'buddies.coordinate': {
    route: ['teacher', 'ib', 'director'],
    records: [
      {
        on: 'a theme the director named them for',
        record: (school) => ({ schoolId: school, theme: 'nieuw', namedCoordinatorId: ME }),
        allowed: ['teacher', 'ib', 'director'],
        unless: [
          {
            if: 'it is named to someone else',
            change: (r) => ({ ...r, namedCoordinatorId: OTHER }),
            still: ['ib', 'director'],
          },
          {
            if: 'it is left to the IB',
            change: (r) => ({ ...r, namedCoordinatorId: null }),
            still: ['ib', 'director'],
          },
        ],
      },
    ],
  },
  'buddies.registry': {
    route: ['ib', 'director'],
    records: [
      {
        on: 'the school’s registry',
        record: (school) => ({ schoolId: school }),
        allowed: ['ib', 'director'],
      },
    ],
  },
  'buddies.manage': {
    route: ['ib', 'director'],
    records: [
      {
        on: 'the school’s buddies',
        record: (school) => ({ schoolId: school }),
        allowed: ['ib', 'director'],
      },
    ],
  },
  'buddies.refer': {
    route: ['ib', 'director'],
    records: [
      {
        on: 'a parent of the school',
        record: (school) => ({ schoolId: school, parentId: OTHER, personRoles: ['parent'] }),
        allowed: ['ib', 'director'],
        unless: [
          {
            if: 'the person is not a parent there',
            change: (r) => ({ ...r, personRoles: ['teacher'] }),
          },
        ],
      },
    ],
  },
  'buddies.settings': {
    route: ['director'],
    records: [
      {
        on: 'the school’s settings',
        record: (school) => ({ schoolId: school }),
        allowed: ['director'],
      },
    ],
  },
  'buddies.coordinators': {
    route: ['director'],
    records: [
      {
        on: 'naming a teacher for a theme',
        record: (school) => ({ schoolId: school, personRoles: ['teacher'] }),
        allowed: ['director'],
        unless: [
          { if: 'the person is a parent', change: (r) => ({ ...r, personRoles: ['parent'] }) },
          { if: 'the person holds no role there', change: (r) => ({ ...r, personRoles: [] }) },
        ],
      },
      {
        on: 'giving a theme back to the IB',
        record: (school) => ({ schoolId: school, personRoles: null }),
        allowed: ['director'],
      },
    ],
  },
  // Disclosure: asked by the read modules for every row, never without a record.
  'buddies.seeName': {
    route: [],
    records: [
      {
        // No role is asked: the sides of a link are parents by construction; the link is the key.
        on: 'the other side of their link, both said yes (as the parent who asked)',
        record: (school) => ({
          on: 'link',
          schoolId: school,
          parentId: ME,
          buddyId: OTHER,
          parentConsent: true,
          buddyConsent: true,
        }),
        allowed: ROLES,
        unless: [
          { if: 'the parent did not say yes', change: (r) => ({ ...r, parentConsent: false }) },
          { if: 'the buddy did not say yes', change: (r) => ({ ...r, buddyConsent: false }) },
          {
            if: 'it links two other parents',
            change: (r) => ({ ...r, parentId: OTHER, buddyId: THIRD }),
          },
        ],
      },
      {
        on: 'the other side of their link, both said yes (as the buddy)',
        record: (school) => ({
          on: 'link',
          schoolId: school,
          parentId: OTHER,
          buddyId: ME,
          parentConsent: true,
          buddyConsent: true,
        }),
        allowed: ROLES,
      },
      {
        on: 'a buddy listed by name',
        record: (school) => ({ on: 'listing', schoolId: school, buddyId: OTHER, showName: true }),
        allowed: ['parent'],
        unless: [
          { if: 'the buddy keeps their name hidden', change: (r) => ({ ...r, showName: false }) },
        ],
      },
      {
        on: 'a theme the director named them for',
        record: (school) => ({
          on: 'coordination',
          schoolId: school,
          theme: 'taal',
          namedCoordinatorId: ME,
        }),
        allowed: ['teacher', 'ib', 'director'],
        unless: [
          {
            if: 'it is named to someone else',
            change: (r) => ({ ...r, namedCoordinatorId: OTHER }),
            still: ['ib', 'director'],
          },
          {
            if: 'it is left to the IB',
            change: (r) => ({ ...r, namedCoordinatorId: null }),
            still: ['ib', 'director'],
          },
        ],
      },
      {
        on: 'a parent of a class they teach',
        record: (school) => ({
          on: 'reach',
          schoolId: school,
          parentId: OTHER,
          personRoles: ['parent'],
          teacherIds: [ME],
        }),
        allowed: ['teacher', 'ib', 'director'],
        unless: [
          {
            if: 'the person is staff, not a parent',
            change: (r) => ({ ...r, personRoles: ['teacher'] }),
          },
          {
            if: 'they do not teach the child',
            change: (r) => ({ ...r, teacherIds: [OTHER] }),
            still: ['ib', 'director'],
          },
        ],
      },
      {
        on: 'the school’s overview',
        record: (school) => ({ on: 'school', schoolId: school }),
        allowed: ['ib', 'director'],
      },
    ],
  },
  'buddies.seeContact': {
    route: [],
    records: [
      {
        on: 'the other side of their link, both said yes (as the parent who asked)',
        record: (school) => ({
          schoolId: school,
          parentId: ME,
          buddyId: OTHER,
          parentConsent: true,
          buddyConsent: true,
        }),
        allowed: ['parent'],
        unless: [
          { if: 'the parent did not say yes', change: (l) => ({ ...l, parentConsent: false }) },
          { if: 'the buddy did not say yes', change: (l) => ({ ...l, buddyConsent: false }) },
          {
            if: 'it links two other parents',
            change: (l) => ({ ...l, parentId: OTHER, buddyId: THIRD }),
          },
        ],
      },
      {
        on: 'the other side of their link, both said yes (as the buddy)',
        record: (school) => ({
          schoolId: school,
          parentId: OTHER,
          buddyId: ME,
          parentConsent: true,
          buddyConsent: true,
        }),
        allowed: ['parent'],
      },
    ],
  },

  // ---- circles ----
  'circles.list': { route: SIGNED_IN },
  'circles.feed': { route: SIGNED_IN },
  'circles.view': {
    route: SIGNED_IN,
    records: [
      {
        on: 'a circle they are a member of',
        record: (school) => circle(school, { member: true }),
        allowed: SIGNED_IN,
        // Only the hosts still see it, as hosts.
        unless: [
          {
            if: 'they are not a member',
            change: (r) => ({ ...r, member: false }),
            still: ['director', 'ib'],
          },
        ],
        acrossSchools: RELATION,
      },
      {
        on: 'a circle they facilitate',
        record: (school) => circle(school, { facilitator: true }),
        allowed: SIGNED_IN,
        acrossSchools: RELATION,
      },
      {
        on: 'an autonomous circle they convene',
        record: (school) => circle(school, { convener: true }),
        allowed: SIGNED_IN,
        acrossSchools: RELATION,
      },
      {
        on: 'a circle their school hosts',
        record: (school) => circle(school),
        allowed: ['director', 'ib'],
      },
      {
        on: 'a bovenschoolse kring open to their school',
        record: bovenschools,
        allowed: ['municipal'],
      },
    ],
  },
  'circles.manage': {
    route: ['director', 'ib', 'municipal'],
    records: [
      {
        on: 'a circle their school hosts',
        record: (school) => circle(school),
        allowed: ['director', 'ib'],
      },
      {
        on: 'a bovenschoolse kring open to their school',
        record: bovenschools,
        allowed: ['municipal'],
      },
    ],
  },
  'circles.facilitate': {
    route: SIGNED_IN,
    records: [
      {
        on: 'a circle they facilitate',
        record: (school) => circle(school, { facilitator: true }),
        allowed: SIGNED_IN,
        unless: [
          { if: 'they do not facilitate it', change: (r) => ({ ...r, facilitator: false }) },
          {
            if: 'they are only a member',
            change: (r) => ({ ...r, facilitator: false, member: true }),
          },
        ],
        acrossSchools: RELATION,
      },
      {
        on: 'an autonomous circle they convene',
        record: (school) => circle(school, { convener: true }),
        allowed: SIGNED_IN,
        unless: [{ if: 'they do not convene it', change: (r) => ({ ...r, convener: false }) }],
        acrossSchools: RELATION,
      },
    ],
  },
  'circles.hand-over': {
    route: SIGNED_IN,
    records: [
      {
        on: 'a circle they facilitate',
        record: (school) => circle(school, { facilitator: true }),
        allowed: SIGNED_IN,
        unless: [
          // Handing over is the facilitator's call, not the convener's.
          {
            if: 'they only convene it',
            change: (r) => ({ ...r, facilitator: false, convener: true }),
          },
        ],
        acrossSchools: RELATION,
      },
    ],
  },
  'circles.take-part': {
    route: SIGNED_IN,
    records: [
      {
        on: 'a circle they are a member of',
        record: (school) => circle(school, { member: true }),
        allowed: SIGNED_IN,
        unless: [
          {
            if: 'they only facilitate it',
            change: (r) => ({ ...r, member: false, facilitator: true }),
          },
        ],
        acrossSchools: RELATION,
      },
    ],
  },
  'circles.seeRoster': {
    route: [],
    records: [
      {
        on: 'a children’s circle they facilitate',
        record: (school) => circle(school, { facilitator: true, audience: 'child' }),
        allowed: SIGNED_IN,
        unless: [
          { if: 'they do not facilitate it', change: (r) => ({ ...r, facilitator: false }) },
        ],
        acrossSchools: RELATION,
      },
      {
        on: 'a children’s circle they convene',
        record: (school) => circle(school, { convener: true, audience: 'child' }),
        allowed: SIGNED_IN,
        acrossSchools: RELATION,
      },
      {
        on: 'an adult circle they are a member of',
        record: (school) => circle(school, { member: true }),
        allowed: SIGNED_IN,
        unless: [
          // Decision 0003: in a children's circle who is in it is itself sensitive.
          { if: 'it is a children’s circle', change: (r) => ({ ...r, audience: 'child' }) },
          // The host sees counts, never the people.
          { if: 'they are not a member (the host)', change: (r) => ({ ...r, member: false }) },
        ],
        acrossSchools: RELATION,
      },
    ],
  },
  'circles.join': {
    route: [],
    records: [
      {
        on: 'their own place in an open adult circle',
        record: (school) => joining(school),
        allowed: EVERYONE,
        unless: [
          {
            if: 'the place is for a child',
            change: (r) => ({ ...r, child: { schoolId: A, grade: 3, guardianIds: [ME] } }),
          },
        ],
        // The open door: the circle's public join page takes anyone, of any school or none.
        acrossSchools: { roles: ROLES, why: 'the door of an open circle is open to everyone' },
      },
      {
        on: 'their own place in the leerkrachtkring of their school',
        record: (school) => joining(school, { kind: 'leerkracht' }),
        allowed: STAFF,
      },
      {
        on: 'a place for their child in a kinderkring for the child’s group',
        record: (school) => childPlace(school, [3, 4]),
        allowed: SIGNED_IN,
        unless: [
          {
            if: 'the child is someone else’s',
            change: (r) => withChild(r, { guardianIds: [OTHER] }),
          },
          {
            if: 'the child is of a school it is not open to',
            change: (r) => withChild(r, { schoolId: C }),
          },
          { if: 'the child is in another group', change: (r) => withChild(r, { grade: 5 }) },
          { if: 'the place is their own', change: (r) => ({ ...r, child: undefined }) },
        ],
        // Guardianship and the child's own school decide; a parent may be working in another
        // school of theirs at the moment.
        acrossSchools: {
          roles: ROLES,
          why: 'the child’s school and guardians decide, not the parent’s',
        },
      },
      {
        on: 'a place for their child in a kinderkring for every group',
        record: (school) => childPlace(school, null),
        allowed: SIGNED_IN,
        acrossSchools: {
          roles: ROLES,
          why: 'the child’s school and guardians decide, not the parent’s',
        },
      },
    ],
  },
  // The municipal user's reach over several schools (schoolsWithRole) is the read module's
  // (circles/read/host.ts); the rule asks only for the role in the current school.
  'circles.register': { route: ['director', 'ib', 'municipal'] },
  'circles.overview': { route: ['director', 'ib', 'municipal'] },

  'home.view': { route: SIGNED_IN },

  // ---- messages ----
  'messages.list': { route: ROLES },
  'messages.write': { route: STAFF },
  'messages.send': {
    records: [
      {
        on: 'a message to the whole school',
        record: (school) => draft(school, { audience: 'school' }),
        allowed: ['director', 'ib'],
        unless: [
          { if: 'it is urgent', change: (r) => ({ ...r, urgent: true }), still: ['director'] },
        ],
      },
      {
        on: 'a message to the groups they teach',
        record: (school) => draft(school, { audience: 'groups', groupIds: [G1] }),
        allowed: ['teacher', 'director', 'ib'],
        unless: [
          {
            if: 'one group is not theirs',
            change: (r) => ({ ...r, groupIds: [G1, G2] }),
            still: ['director', 'ib'],
          },
          {
            if: 'it names no group',
            change: (r) => ({ ...r, groupIds: [] }),
            still: ['director', 'ib'],
          },
          { if: 'it is urgent', change: (r) => ({ ...r, urgent: true }), still: ['director'] },
        ],
      },
      {
        on: 'a message to families of their classes',
        record: (school) => draft(school, { audience: 'families', childGroupIds: [G1] }),
        allowed: STAFF,
        unless: [
          {
            if: 'one family is outside their classes',
            change: (r) => ({ ...r, childGroupIds: [G1, G2] }),
            still: ['director', 'ib', 'brugfiguur'],
          },
          {
            if: 'it names no family',
            change: (r) => ({ ...r, childGroupIds: [] }),
            still: ['director', 'ib', 'brugfiguur'],
          },
          { if: 'it is urgent', change: (r) => ({ ...r, urgent: true }), still: ['director'] },
        ],
      },
    ],
  },
  'messages.view': {
    records: [
      {
        on: 'a message they received',
        record: (school) => message(school, { audience: 'families', recipient: true }),
        allowed: ROLES,
        unless: [{ if: 'they did not receive it', change: (r) => ({ ...r, recipient: false }) }],
      },
      {
        on: 'a message they wrote to families',
        record: (school) => message(school, { audience: 'families', authorId: ME }),
        allowed: ROLES,
        unless: [
          { if: 'someone else wrote it', change: (r) => ({ ...r, authorId: OTHER }) },
          { if: 'nobody signed it', change: (r) => ({ ...r, authorId: null }) },
        ],
      },
      {
        on: 'a message to the school by someone else',
        record: (school) => message(school, { audience: 'school' }),
        allowed: STAFF,
        unless: [{ if: 'it went to families', change: (r) => ({ ...r, audience: 'families' }) }],
      },
      {
        on: 'a message to a group they teach by someone else',
        record: (school) =>
          message(school, { audience: 'groups', groupIds: [G1], taughtGroupIds: [G1] }),
        allowed: STAFF,
        unless: [
          {
            if: 'they do not teach the group',
            change: (r) => ({ ...r, taughtGroupIds: [G2] }),
            still: ['director', 'ib', 'brugfiguur'],
          },
        ],
      },
    ],
  },
  'messages.seeReach': {
    records: [
      {
        on: 'a message they wrote to families',
        record: (school) => message(school, { audience: 'families', authorId: ME }),
        allowed: ROLES,
        unless: [
          { if: 'someone else wrote it', change: (r) => ({ ...r, authorId: OTHER }) },
          {
            if: 'they only received it',
            change: (r) => ({ ...r, authorId: OTHER, recipient: true }),
          },
        ],
      },
      {
        on: 'a message to the school by someone else',
        record: (school) => message(school, { audience: 'school' }),
        allowed: STAFF,
        unless: [{ if: 'it went to families', change: (r) => ({ ...r, audience: 'families' }) }],
      },
      {
        on: 'a message to a group they teach by someone else',
        record: (school) =>
          message(school, { audience: 'groups', groupIds: [G1], taughtGroupIds: [G1] }),
        allowed: STAFF,
        unless: [
          {
            if: 'they do not teach the group',
            change: (r) => ({ ...r, taughtGroupIds: [G2] }),
            still: ['director', 'ib', 'brugfiguur'],
          },
        ],
      },
    ],
  },
  'messages.seeUnopened': {
    records: [
      {
        on: 'a message they wrote',
        record: (school) => message(school, { authorId: ME }),
        allowed: ROLES,
        unless: [
          { if: 'someone else wrote it', change: (r) => ({ ...r, authorId: OTHER }) },
          { if: 'nobody signed it', change: (r) => ({ ...r, authorId: null }) },
        ],
      },
    ],
  },
  'messages.settings': { route: SIGNED_IN },

  // ---- outbox: demo mode opens it to every visitor (the demo sign-in link arrives there) ----
  'outbox.read': { route: ['admin'], inDemo: EVERYONE },

  // ---- partners ----
  'partners.view': { route: ROLES },
  'partners.plan': { route: ['partner'] },
  'partners.manage': {
    records: [
      {
        on: 'their own hour',
        record: (school) => ({ ...hour(school), partnerId: ME }),
        allowed: ['partner'],
        unless: [{ if: 'it is another partner’s', change: (r) => ({ ...r, partnerId: OTHER }) }],
      },
    ],
  },
  'partners.book': {
    records: [
      {
        on: 'a free spreekuur slot still to come',
        record: hour,
        allowed: ['parent', 'teacher'],
        unless: [
          { if: 'it is an inloop morning', change: (r) => ({ ...r, kind: 'inloop' }) },
          { if: 'it has begun', change: (r) => ({ ...r, past: true }) },
          { if: 'it is full', change: (r) => ({ ...r, free: 0 }) },
          { if: 'it is their own hour', change: (r) => ({ ...r, partnerId: ME }) },
        ],
      },
    ],
  },
  'partners.cancel': {
    records: [
      {
        on: 'their own booking still to come',
        record: (school) => booking(school),
        allowed: ROLES,
        unless: [
          { if: 'it has begun', change: (r) => ({ ...r, past: true }) },
          { if: 'it is cancelled', change: (r) => ({ ...r, cancelled: true }) },
          { if: 'it is someone else’s', change: (r) => ({ ...r, bookerId: OTHER }) },
        ],
      },
      {
        on: 'a booking of their hour still to come',
        record: (school) => booking(school, { bookerId: OTHER, partnerId: ME }),
        allowed: ['partner'],
        unless: [
          { if: 'it has begun', change: (r) => ({ ...r, past: true }) },
          { if: 'it is cancelled', change: (r) => ({ ...r, cancelled: true }) },
          { if: 'the hour is another partner’s', change: (r) => ({ ...r, partnerId: THIRD }) },
        ],
      },
    ],
  },
  'partners.seeBooker': {
    records: [
      {
        on: 'their own booking',
        record: (school) => booking(school),
        allowed: ROLES,
        unless: [{ if: 'it is someone else’s', change: (r) => ({ ...r, bookerId: THIRD }) }],
      },
      {
        on: 'a booking of their hour',
        record: (school) => booking(school, { bookerId: OTHER, partnerId: ME }),
        allowed: ['partner'],
        unless: [
          { if: 'the hour is another partner’s', change: (r) => ({ ...r, partnerId: THIRD }) },
        ],
      },
      {
        on: 'a booking whose parent asked them, the child’s teacher, along',
        record: (school) =>
          booking(school, {
            bookerId: OTHER,
            partnerId: THIRD,
            withTeacher: true,
            teacherIds: [ME],
          }),
        allowed: ['teacher'],
        unless: [
          {
            if: 'the parent did not ask a teacher along',
            change: (r) => ({ ...r, withTeacher: false }),
          },
          {
            if: 'they do not teach the child',
            change: (r) => ({ ...r, teacherIds: ['person-fourth'] }),
          },
        ],
      },
    ],
  },
  'partners.seeTopic': {
    records: [
      {
        on: 'a booking of their hour',
        record: (school) => booking(school, { bookerId: OTHER, partnerId: ME }),
        allowed: ['partner'],
        unless: [
          { if: 'the hour is another partner’s', change: (r) => ({ ...r, partnerId: THIRD }) },
        ],
      },
      // The topic is for the partner alone, not even read back to the booker (or a teacher along).
      {
        on: 'their own booking, with a teacher along',
        record: (school) => booking(school, { withTeacher: true, teacherIds: [ME] }),
        allowed: [],
      },
    ],
  },
  'partners.askTalk': { route: ['parent'] },
  'partners.seeTalk': {
    records: [
      {
        on: 'their own wish to talk',
        record: (school) => talk(school),
        allowed: ROLES,
        unless: [{ if: 'it is someone else’s', change: (r) => ({ ...r, personId: THIRD }) }],
      },
      {
        on: 'a wish to talk with them',
        record: (school) => talk(school, { personId: OTHER, partnerId: ME }),
        allowed: ['partner'],
        unless: [{ if: 'it is for another partner', change: (r) => ({ ...r, partnerId: THIRD }) }],
      },
      {
        on: 'a wish to talk with any partner',
        record: (school) => talk(school, { personId: OTHER, partnerId: null }),
        allowed: ['partner'],
      },
    ],
  },
  'partners.confirmTalk': {
    records: [
      {
        on: 'an open wish to talk with them',
        record: (school) => talk(school, { personId: OTHER, partnerId: ME }),
        allowed: ['partner'],
        unless: [
          { if: 'it is closed', change: (r) => ({ ...r, open: false }) },
          { if: 'it is for another partner', change: (r) => ({ ...r, partnerId: THIRD }) },
        ],
      },
      {
        on: 'an open wish to talk with any partner',
        record: (school) => talk(school, { personId: OTHER, partnerId: null }),
        allowed: ['partner'],
        unless: [{ if: 'it is closed', change: (r) => ({ ...r, open: false }) }],
      },
      // The parent who asked does not confirm their own wish.
      { on: 'their own open wish', record: (school) => talk(school), allowed: [] },
    ],
  },
  'partners.withdrawTalk': {
    records: [
      {
        on: 'their own open wish to talk',
        record: (school) => talk(school),
        allowed: ROLES,
        unless: [
          { if: 'it is closed', change: (r) => ({ ...r, open: false }) },
          { if: 'it is someone else’s', change: (r) => ({ ...r, personId: OTHER }) },
        ],
      },
    ],
  },

  // ---- people ----
  'people.manage': {
    route: ['director', 'admin'],
    records: [
      {
        on: 'a member of the school',
        record: (school) => ({ schoolId: school, personId: OTHER }),
        allowed: ['director', 'admin'],
      },
    ],
  },
  'roles.change': {
    route: ['director', 'admin'],
    records: [
      {
        on: 'making someone a teacher',
        record: (school) => ({ schoolId: school, personId: OTHER, role: 'teacher' }),
        allowed: ['director', 'admin'],
        unless: [
          { if: 'the role is admin', change: (r) => ({ ...r, role: 'admin' }), still: ['admin'] },
          {
            if: 'the role is municipal',
            change: (r) => ({ ...r, role: 'municipal' }),
            still: ['admin'],
          },
          // Parents come by invitation, not by a role change.
          { if: 'the role is parent', change: (r) => ({ ...r, role: 'parent' }) },
          { if: 'it is their own role', change: (r) => ({ ...r, personId: ME }) },
        ],
      },
    ],
  },
  'groups.list': { route: ['teacher', 'director', 'admin', 'ib'] },
  'groups.seeAll': { route: ['director', 'admin', 'ib'] },
  'groups.view': {
    route: ['teacher', 'director', 'admin', 'ib'],
    records: [
      {
        on: 'a class they teach',
        record: (school) => ({ schoolId: school, teacherIds: [ME] }),
        allowed: ['teacher', 'director', 'admin', 'ib'],
        unless: [
          {
            if: 'they do not teach it',
            change: (g) => ({ ...g, teacherIds: [OTHER] }),
            still: ['director', 'admin', 'ib'],
          },
        ],
      },
    ],
  },
  'groups.manage': {
    route: ['director', 'admin'],
    records: [
      {
        on: 'a class of the school',
        record: (school) => ({ schoolId: school, teacherIds: [ME] }),
        allowed: ['director', 'admin'],
      },
    ],
  },
  'parents.invite': {
    route: ['teacher', 'director', 'admin'],
    records: [
      {
        on: 'a class they teach',
        record: (school) => ({ schoolId: school, teacherIds: [ME] }),
        allowed: ['teacher', 'director', 'admin'],
        unless: [
          {
            if: 'they do not teach it',
            change: (g) => ({ ...g, teacherIds: [OTHER] }),
            still: ['director', 'admin'],
          },
        ],
      },
    ],
  },

  // ---- profile: one's own, wherever one works (the routes take no person id) ----
  'profile.view': { route: SIGNED_IN },
  'profile.update': { route: SIGNED_IN },
  'profile.export': { route: SIGNED_IN },
  'profile.consents': {
    route: ROLES,
    records: [
      {
        on: 'their own consent',
        record: (school) => ({ schoolId: school, personId: ME }),
        allowed: ROLES,
        unless: [{ if: 'it is someone else’s', change: (r) => ({ ...r, personId: OTHER }) }],
      },
    ],
  },

  // ---- schools ----
  'school.switch': {
    route: SIGNED_IN,
    records: [
      {
        on: 'a school where they hold a role',
        record: (school) => school,
        allowed: ROLES,
        unless: [{ if: 'they hold no role there', change: () => C }],
      },
    ],
  },
  'school.calendar': {
    route: ['director', 'admin'],
    records: [
      {
        on: 'the school’s calendar',
        record: (school) => ({ schoolId: school }),
        allowed: ['director', 'admin'],
      },
    ],
  },

  // ---- surveys ----
  'surveys.list': { route: ROLES },
  'surveys.plan': { route: ['director', 'ib', 'brugfiguur'] },
  'surveys.view': {
    records: [
      {
        on: 'a survey they are asked in',
        record: (school) => survey(school, { ownerId: OTHER, side: 'parents' }),
        allowed: ROLES,
        unless: [{ if: 'they are not asked', change: (r) => ({ ...r, side: null }), still: STAFF }],
      },
      {
        on: 'their own survey',
        record: (school) => survey(school),
        allowed: ROLES,
        unless: [
          { ...othersSurvey, still: STAFF },
          { ...unownedSurvey, still: STAFF },
        ],
      },
    ],
  },
  'surveys.answer': {
    records: [
      {
        on: 'an open survey they are asked in and did not answer',
        record: (school) => survey(school, { ownerId: OTHER, side: 'parents' }),
        allowed: ROLES,
        unless: [
          { if: 'they are not asked', change: (r) => ({ ...r, side: null }) },
          { if: 'they answered already', change: (r) => ({ ...r, answered: true }) },
          closed,
        ],
      },
      {
        on: 'an open survey they are asked in as the team',
        record: (school) => survey(school, { ownerId: OTHER, side: 'team' }),
        allowed: ROLES,
      },
    ],
  },
  'surveys.seeProgress': {
    records: [
      {
        on: 'their own survey',
        record: (school) => survey(school),
        allowed: ROLES,
        unless: [
          { ...othersSurvey, still: STAFF },
          // Being asked does not show how many answered.
          {
            if: 'it is someone else’s they are asked in',
            change: (r) => ({ ...r, ownerId: OTHER, side: 'parents' }),
            still: STAFF,
          },
        ],
      },
    ],
  },
  'surveys.seeResults': {
    records: [
      {
        on: 'their own closed survey',
        record: (school) => survey(school, { status: 'closed' }),
        allowed: ROLES,
        unless: [stillOpen, { ...othersSurvey, still: STAFF }],
      },
    ],
  },
  'surveys.seeTexts': {
    records: [
      {
        on: 'their own closed survey',
        record: (school) => survey(school, { status: 'closed' }),
        allowed: ROLES,
        unless: [stillOpen, othersSurvey, unownedSurvey],
      },
    ],
  },
  'surveys.close': {
    records: [
      {
        on: 'their own open survey',
        record: (school) => survey(school),
        allowed: ROLES,
        unless: [closed, { ...othersSurvey, still: ['director'] }],
      },
    ],
  },
  'surveys.feedback': {
    records: [
      {
        on: 'their own closed survey without feedback yet',
        record: (school) => survey(school, { status: 'closed' }),
        allowed: ROLES,
        unless: [
          stillOpen,
          { if: 'the feedback went out', change: (r) => ({ ...r, feedbackSent: true }) },
          { ...othersSurvey, still: ['director'] },
        ],
      },
    ],
  },
} satisfies Specs

// The loop below reads the table without its per-action types (they were checked above).
interface AnySpec {
  route?: readonly Who[]
  inDemo?: readonly Who[]
  records?: readonly Case<unknown>[]
}
const TABLE = Object.entries(SPECS) as [Action, AnySpec][]
const ask = can as (p: Principal | null, action: Action, r: unknown, env: PolicyEnv) => boolean
const ENVS: readonly PolicyEnv[] = [{ demo: false }, { demo: true }]

const NAMES: Record<Who, string> = {
  anonymous: 'an anonymous visitor',
  'no role': 'someone signed in without a role',
  parent: 'a parent',
  teacher: 'a teacher',
  ib: 'the IB',
  director: 'the director',
  brugfiguur: 'the brugfiguur',
  facilitator: 'a facilitator',
  partner: 'a partner',
  municipal: 'a municipal user',
  admin: 'an admin',
}
const same = (a: readonly Who[], b: readonly Who[]) =>
  a.length === b.length && a.every((w) => b.includes(w))
/** "a parent or a teacher", "anyone signed in", "nobody". */
const who = (list: readonly Who[]): string => {
  if (list.length === 0) return 'nobody'
  if (same(list, EVERYONE)) return 'anyone (signed in or not)'
  if (same(list, SIGNED_IN)) return 'anyone signed in'
  if (same(list, ROLES)) return 'anyone with a role at the school'
  const names = list.map((w) => NAMES[w])
  return names.length === 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}

/** "a teacher of another school may not", for the roles the rule lets in at their own school. */
const elsewhere = (allowed: readonly Who[]): string => {
  const roles = allowed.filter((w) => w !== 'anonymous' && w !== 'no role')
  return roles.length === 0 || same(roles, ROLES)
    ? 'nobody working in another school may'
    : `${who(roles)} of another school may not`
}

/** Every subject asks; exactly `allowed` may, in both deployment modes unless told otherwise. */
function expectExactly(
  action: Action,
  what: string,
  resource: unknown,
  allowed: readonly Who[],
  inDemo: readonly Who[] = allowed,
) {
  for (const env of ENVS) {
    const expected = env.demo ? inDemo : allowed
    for (const [w, p] of SUBJECTS) {
      const may = expected.includes(w)
      assert.equal(
        ask(p, action, resource, env),
        may,
        `${NAMES[w]} ${may ? 'may' : 'may not'} ${action} (${what})${env.demo ? ' in demo mode' : ''}`,
      )
    }
  }
}

describe('policy table', () => {
  it('has a row for every action and names no action that does not exist', () => {
    assert.deepEqual(
      TABLE.map(([action]) => action).sort(),
      [...policies.actions()].sort(),
      'a rule without a row here (or a row without a rule)',
    )
    assert.equal(policies.actions().length, TABLE.length)
  })
})

for (const [action, spec] of TABLE) {
  describe(action, () => {
    const { route, inDemo, records = [] } = spec
    if (route) {
      const demo = inDemo && !same(inDemo, route) ? `; in demo mode ${who(inDemo)}` : ''
      it(`asked at the route, without a record: ${who(route)} may${demo}`, () =>
        expectExactly(action, 'at the route', undefined, route, inDemo))
    }
    for (const c of records) {
      const only = c.allowed.length ? `${who(c.allowed)} may, nobody else` : 'nobody may'
      it(`${c.on}: ${only}`, () => expectExactly(action, c.on, c.record(A), c.allowed))
      for (const v of c.unless ?? []) {
        const still = v.still ?? []
        it(`${c.on}, but ${v.if}: ${still.length ? `only ${who(still)} may` : 'nobody may'}`, () =>
          expectExactly(action, `${c.on}, but ${v.if}`, v.change(c.record(A)), still))
      }
      const across = c.acrossSchools
      it(
        across
          ? `${c.on}: working in another school does not change it (${across.why})`
          : `${c.on}: ${elsewhere(c.allowed)}`,
        () => {
          // The person works in school B (roles and membership there); the record is school A's.
          for (const role of ROLES) {
            const may = across?.roles.includes(role) ?? false
            for (const env of ENVS) {
              assert.equal(
                ask(person(role, B), action, c.record(A), env),
                may,
                `${NAMES[role]} of another school ${may ? 'may' : 'may not'} ${action} (${c.on})`,
              )
            }
          }
        },
      )
    }
  })
}

describe('school.switch, with roles in two schools', () => {
  it('a director of two schools may switch to the other one, not to a third', () => {
    const both: Principal = {
      ...person('director', B),
      memberships: [
        { schoolId: A, schoolName: 'School A', role: 'director' },
        { schoolId: B, schoolName: 'School B', role: 'director' },
      ],
    }
    assert.equal(can(both, 'school.switch', A, { demo: false }), true)
    assert.equal(can(both, 'school.switch', C, { demo: false }), false)
  })
})

describe('deny by default, also for a question asked wrongly', () => {
  it('a rule about a record, asked without one, denies instead of throwing', () => {
    // `allowed(c, 'partners.manage')` compiles (the record is optional at the route): the
    // rule cannot decide, so it denies, for every role.
    const recordOnly = TABLE.filter(([, spec]) => !spec.route).map(([action]) => action)
    assert.ok(recordOnly.length >= 10, 'rules that are only asked with a record')
    for (const action of recordOnly)
      for (const role of ROLES)
        for (const env of ENVS)
          assert.equal(can(person(role, A), action, undefined, env), false, `${action} for ${role}`)
  })
})
