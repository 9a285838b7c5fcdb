// The demo's circles: one of each core kind in De Regenboog, an ouderkring in De Vlinderboom
// and a bovenschoolse overstapkring of the municipality, each in the middle of a season (past
// meetings closed with attendance, the rest planned). Built from the demo data with its own
// seeded PRNG; only the dates follow today, so the season is always under way.
import { grantConsent } from '../core/consent.ts'
import type { Db } from '../core/db/index.ts'
import type { CircleKind } from '../core/db/schema.ts'
import { addDays, schoolDate, schoolTime } from '../core/time.ts'
import {
  AGREEMENTS,
  circleChildScope,
  meetingDates,
  PILLARS,
  type Recurrence,
} from '../features/circles/index.ts'
import { daysOffOf, type SchoolCalendar } from '../features/schools/index.ts'
import { type DemoData, prng } from './build.ts'

export interface DemoFacilitator {
  person: string
  /** A school key, or 'municipality'. */
  host: string
  training: string
  trainedOn: string
}

export interface DemoCircle {
  key: string
  host: string
  /** Participating schools of a bovenschoolse kring. */
  schools: string[]
  kind: CircleKind
  kindLabel?: string
  /** The groups (grades) a children's circle is for; absent: every group. */
  grades?: number[]
  name: string
  place: string
  capacity: number
  languages: string[]
  facilitators: string[]
  /** Adults (person keys) or children (child keys), by audience. */
  members: { key: string; status: 'confirmed' | 'asked' | 'waitlist' }[]
  rhythm: Recurrence
  time: string
  count: number
  /** How many of the meetings lie in the past (closed, with attendance). */
  past: number
  /** A closed evaluation with this many answers (0: none). */
  evaluated: number
}

export interface DemoCircles {
  facilitators: DemoFacilitator[]
  circles: DemoCircle[]
}

export function buildCircles(data: DemoData): DemoCircles {
  const parents = (school: string) =>
    data.people.filter(
      (p) => p.key.startsWith(`${school}:family`) && (p.roles[school] ?? []).includes('parent'),
    )
  const teachers = (school: string) =>
    data.people.filter(
      (p) => p.key.startsWith(`${school}:Groep`) && (p.roles[school] ?? []).includes('teacher'),
    )
  const childrenIn = (school: string, minGrade: number) => {
    const groups = new Set(
      data.groups.filter((g) => g.school === school && g.grade >= minGrade).map((g) => g.key),
    )
    return data.children.filter((c) => groups.has(c.group) && !c.key.startsWith('persona:'))
  }
  const take = <T>(list: T[], n: number, from = 0) => list.slice(from, from + n)
  const places = (keys: string[], confirmed: number, asked = 0) =>
    keys.map((key, i) => ({
      key,
      status:
        i < confirmed
          ? ('confirmed' as const)
          : i < confirmed + asked
            ? ('asked' as const)
            : ('waitlist' as const),
    }))
  const a = parents('regenboog')
  const b = parents('vlinderboom')
  const circles: DemoCircle[] = [
    {
      key: 'ouderkring',
      host: 'regenboog',
      schools: [],
      kind: 'ouder',
      name: 'Ouderkring De Regenboog',
      place: 'Ouderkamer, De Regenboog',
      capacity: 10,
      languages: ['nl', 'ar', 'tr'],
      facilitators: ['persona:facilitator', 'persona:ib'],
      members: places(
        take(a, 9, 0).map((p) => p.key),
        8,
        1,
      ),
      rhythm: 'fortnightly',
      time: '08:45',
      count: 12,
      past: 6,
      evaluated: 6,
    },
    {
      key: 'kinderkring',
      host: 'regenboog',
      schools: [],
      kind: 'kinder',
      grades: [6, 7, 8],
      name: 'Kinderkring groep 6 tot 8',
      place: 'Lokaal 12, De Regenboog',
      capacity: 8,
      // The poster and the sign-up speak to the parents, in the school's main home languages.
      languages: ['nl', 'ar', 'tr'],
      facilitators: ['persona:facilitator'],
      members: places(
        take(childrenIn('regenboog', 6), 7).map((c) => c.key),
        6,
        1,
      ),
      rhythm: 'weekly',
      time: '14:30',
      count: 10,
      past: 5,
      evaluated: 3,
    },
    {
      key: 'leerkrachtkring',
      host: 'regenboog',
      schools: [],
      kind: 'leerkracht',
      name: 'Leerkrachtkring',
      place: 'Teamkamer, De Regenboog',
      capacity: 12,
      languages: ['nl'],
      facilitators: ['persona:ib'],
      members: places(
        take(teachers('regenboog'), 5).map((p) => p.key),
        5,
      ),
      rhythm: 'monthly',
      time: '15:30',
      count: 8,
      past: 3,
      evaluated: 0,
    },
    {
      key: 'mantelzorgkring',
      host: 'regenboog',
      schools: [],
      kind: 'mantelzorg',
      name: 'Mantelzorgkring',
      place: 'Ouderkamer, De Regenboog',
      capacity: 8,
      languages: ['nl', 'tr'],
      facilitators: ['persona:brugfiguur'],
      members: places(
        take(a, 4, 20).map((p) => p.key),
        4,
      ),
      rhythm: 'monthly',
      time: '19:30',
      count: 8,
      past: 3,
      evaluated: 0,
    },
    {
      key: 'jongerenkring',
      host: 'regenboog',
      schools: [],
      kind: 'jongeren',
      name: 'Jongerenkring (oud-leerlingen)',
      place: 'Buurthuis De Linde',
      capacity: 10,
      languages: ['nl'],
      facilitators: ['persona:brugfiguur'],
      members: places(
        take(a, 3, 30).map((p) => p.key),
        2,
        1,
      ),
      rhythm: 'fortnightly',
      time: '16:00',
      count: 8,
      past: 2,
      evaluated: 0,
    },
    {
      key: 'puberkring',
      host: 'regenboog',
      schools: [],
      kind: 'puber',
      name: 'Puberkring (12 tot 17)',
      place: 'Buurthuis De Linde',
      capacity: 8,
      languages: ['nl'],
      facilitators: ['persona:facilitator'],
      members: places(
        take(childrenIn('regenboog', 8), 4, 6).map((c) => c.key),
        3,
        1,
      ),
      rhythm: 'weekly',
      time: '15:00',
      count: 8,
      past: 4,
      evaluated: 0,
    },
    {
      key: 'voedselbank',
      host: 'regenboog',
      schools: [],
      kind: 'eigen',
      kindLabel: 'Kring voor kinderen van de voedselbank',
      name: 'Samen sterk',
      place: 'Lokaal 4, De Regenboog',
      capacity: 8,
      languages: ['nl'],
      facilitators: ['persona:brugfiguur'],
      // Open to every group: the parent persona's Ilyas (groep 5) waits for a place.
      members: places(['persona:parent:child1'], 0, 1),
      rhythm: 'fortnightly',
      time: '14:30',
      count: 6,
      past: 0,
      evaluated: 0,
    },
    {
      key: 'overstap',
      host: 'municipality',
      schools: ['regenboog', 'vlinderboom'],
      kind: 'kinder',
      grades: [8],
      name: 'Overstapkring groep 8',
      place: 'Bibliotheek Lindenhoeve',
      capacity: 12,
      languages: ['nl', 'en', 'ar'],
      facilitators: ['vlinderboom:facilitator'],
      members: places(
        [
          ...take(childrenIn('regenboog', 8), 3, 12).map((c) => c.key),
          ...take(childrenIn('vlinderboom', 8), 4).map((c) => c.key),
        ],
        7,
      ),
      rhythm: 'monthly',
      time: '15:00',
      count: 6,
      past: 2,
      evaluated: 0,
    },
    {
      key: 'ouderkring-b',
      host: 'vlinderboom',
      schools: [],
      kind: 'ouder',
      name: 'Ouderkring De Vlinderboom',
      place: 'Aula, De Vlinderboom',
      capacity: 10,
      languages: ['nl', 'pl'],
      facilitators: ['vlinderboom:facilitator'],
      members: places(
        take(b, 6).map((p) => p.key),
        6,
      ),
      rhythm: 'fortnightly',
      time: '08:45',
      count: 10,
      past: 4,
      evaluated: 5,
    },
  ]
  return {
    facilitators: [
      {
        person: 'persona:facilitator',
        host: 'regenboog',
        training: 'Kringbegeleider basistraining',
        trainedOn: '2024-03-14',
      },
      {
        person: 'persona:ib',
        host: 'regenboog',
        training: 'Kringbegeleider basistraining',
        trainedOn: '2023-10-05',
      },
      {
        person: 'persona:brugfiguur',
        host: 'regenboog',
        training: 'Kringbegeleider voor kinderkringen',
        trainedOn: '2025-02-20',
      },
      {
        person: 'vlinderboom:facilitator',
        host: 'vlinderboom',
        training: 'Kringbegeleider basistraining',
        trainedOn: '2024-09-12',
      },
      {
        person: 'vlinderboom:facilitator',
        host: 'municipality',
        training: 'Overstap naar het voortgezet onderwijs',
        trainedOn: '2025-06-03',
      },
      {
        person: 'persona:facilitator',
        host: 'municipality',
        training: 'Kringbegeleider basistraining',
        trainedOn: '2024-03-14',
      },
    ],
    circles,
  }
}

/** The Monday `weeksAgo` weeks before today (school time): where every demo season starts. */
function seasonStart(now: Date, weeksAgo: number): string {
  const today = schoolDate(now)
  const wd = new Date(`${today}T12:00:00Z`).getUTCDay()
  return addDays(today, -((wd + 6) % 7) - weeksAgo * 7)
}

/** The school calendars of the demo, as the schools feature reads them from the database. */
export const demoCalendars = (data: DemoData): Map<string, SchoolCalendar> =>
  new Map(
    data.schools.map((s) => [
      s.key,
      { region: s.region, own: s.daysOff.map((d, i) => ({ id: `${s.key}:${i}`, ...d })) },
    ]),
  )

/**
 * The n-th demo circle's season: a first date chosen so that about `past` meetings already
 * happened, planned as the app plans one, so no meeting falls in a holiday or on a day off of
 * the host school (or of any school taking part in a bovenschoolse kring).
 */
export function seasonDates(data: DemoData, c: DemoCircle, n: number, now: Date): string[] {
  const calendars = demoCalendars(data)
  const schools = c.host === 'municipality' ? c.schools : [c.host]
  const dayOff = daysOffOf(schools.flatMap((s) => calendars.get(s) ?? []))
  const weeksPerMeeting = c.rhythm === 'weekly' ? 1 : c.rhythm === 'fortnightly' ? 2 : 4.35
  const first = addDays(seasonStart(now, Math.ceil(c.past * weeksPerMeeting)), 1 + (n % 4))
  return meetingDates(first, c.rhythm, c.count, [], dayOff)
}

export async function seedCircles(
  trx: Db,
  data: DemoData,
  id: (key: string) => string,
  municipalityId: string,
  now = new Date(),
): Promise<void> {
  const { facilitators, circles } = buildCircles(data)
  const rnd = prng(1_2007)
  const host = (h: string) =>
    h === 'municipality'
      ? { school_id: null, municipality_id: municipalityId }
      : { school_id: id(`school:${h}`), municipality_id: null }
  await trx
    .insertInto('facilitators')
    .values(
      facilitators.map((f) => ({
        ...host(f.host),
        person_id: id(`person:${f.person}`),
        training: f.training,
        trained_on: f.trainedOn,
      })),
    )
    .execute()
  const guardianOf = new Map(data.children.map((c) => [c.key, c.guardians[0] as string]))
  const schoolOf = new Map(data.children.map((c) => [c.key, c.school]))
  for (const [n, c] of circles.entries()) {
    const circleId = id(`circle:${c.key}`)
    // A host's own kind of circle (the voedselbank's) is for children here too.
    const audience = ['kinder', 'puber', 'eigen'].includes(c.kind) ? 'child' : 'adult'
    await trx
      .insertInto('circles')
      .values({
        id: circleId,
        ...host(c.host),
        kind: c.kind,
        kind_label: c.kindLabel ?? null,
        audience,
        grades: c.grades ?? null,
        name: c.name,
        place: c.place,
        capacity: c.capacity,
        languages: c.languages,
        agreements: AGREEMENTS.filter((_, i) => (i + n) % 3 !== 2),
      })
      .execute()
    if (c.schools.length)
      await trx
        .insertInto('circle_schools')
        .values(c.schools.map((s) => ({ circle_id: circleId, school_id: id(`school:${s}`) })))
        .execute()
    await trx
      .insertInto('circle_facilitators')
      .values(c.facilitators.map((f) => ({ circle_id: circleId, person_id: id(`person:${f}`) })))
      .execute()
    const members = c.members.map((m) => {
      const child = audience === 'child'
      return {
        id: id(`member:${c.key}:${m.key}`),
        circle_id: circleId,
        person_id: id(`person:${child ? (guardianOf.get(m.key) ?? m.key) : m.key}`),
        child_id: child ? id(`child:${m.key}`) : null,
        status: m.status,
      }
    })
    if (members.length) await trx.insertInto('circle_members').values(members).execute()
    // A child's place rests on the parent's consent, in the one ledger.
    if (audience === 'child')
      for (const [i, m] of members.entries()) {
        const key = c.members[i]?.key ?? ''
        await grantConsent(trx, {
          schoolId: id(`school:${schoolOf.get(key)}`),
          personId: m.person_id,
          scope: circleChildScope.of(m.id),
          by: m.person_id,
        })
      }
    const dates = seasonDates(data, c, n, now)
    const confirmed = members.filter((m) => m.status === 'confirmed')
    for (const [i, date] of dates.entries()) {
      const starts = schoolTime(date, c.time)
      const closed = starts.getTime() + 2 * 3_600_000 < now.getTime()
      const meetingId = id(`meeting:${c.key}:${i}`)
      await trx
        .insertInto('circle_meetings')
        .values({
          id: meetingId,
          circle_id: circleId,
          starts_at: starts,
          ends_at: new Date(starts.getTime() + 90 * 60_000),
          status: closed ? 'closed' : 'planned',
          closed_at: closed ? new Date(starts.getTime() + 90 * 60_000) : null,
          reminder_sent_at: closed ? starts : null,
        })
        .execute()
      if (closed && confirmed.length)
        await trx
          .insertInto('circle_attendance')
          .values(
            confirmed.map((m) => ({
              meeting_id: meetingId,
              member_id: m.id,
              present: rnd() < 0.82,
            })),
          )
          .execute()
    }
    // (A small demo may leave a circle without confirmed places: then nobody evaluated it.)
    if (c.evaluated > 0 && confirmed.length > 0) {
      // The people who answered, once each (a parent with two children answers once).
      const voters = [...new Set(confirmed.map((m) => m.person_id))].slice(0, c.evaluated)
      const sums = PILLARS.map(() => 0)
      for (let k = 0; k < voters.length; k++)
        PILLARS.forEach((_, i) => {
          sums[i] = (sums[i] ?? 0) + 3 + Math.floor(rnd() * 3)
        })
      const evaluationId = id(`evaluation:${c.key}`)
      await trx
        .insertInto('circle_evaluations')
        .values({
          id: evaluationId,
          circle_id: circleId,
          closed_at: now,
          answers: voters.length,
          sums,
        })
        .execute()
      await trx
        .insertInto('circle_evaluation_voters')
        .values(
          voters.map((person) => ({
            evaluation_id: evaluationId,
            person_id: person,
            answered: true,
          })),
        )
        .execute()
    }
  }
}
