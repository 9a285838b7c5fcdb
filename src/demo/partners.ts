// The partners who come to the demo schools: Karin Mulder, opvoedadviseur of the CJG, holds a
// monthly spreekuur at De Regenboog and a fortnightly one at De Vlinderboom; Anouk de Wit, the
// JGZ's youth nurse, leads a weekly koffie-inloop in De Regenboog's ouderkamer. Two parents
// booked a time at Karin's first spreekuur (one with a topic, one asking for the teacher);
// Samira has not, so the tour can book. Dates follow today, so the schedule is never empty.
import type { Db } from '../core/db/index.ts'
import { addDays, schoolDate } from '../core/time.ts'
import { planHours } from '../features/partners/index.ts'
import { DEMO_DOMAIN } from './personas.ts'

/** The first date on or after `from` that falls on `weekday` (0 = Sunday). */
function nextWeekday(from: string, weekday: number): string {
  let d = from
  while (new Date(`${d}T12:00:00Z`).getUTCDay() !== weekday) d = addDays(d, 1)
  return d
}

export async function seedPartners(db: Db, ids: Map<string, string>): Promise<void> {
  const regenboog = ids.get('school:regenboog')
  const vlinderboom = ids.get('school:vlinderboom')
  const karin = ids.get('person:persona:partner')
  const parentPersona = ids.get('person:persona:parent')
  const group = ids.get('group:regenboog:Groep 1/2a')
  if (!regenboog || !vlinderboom || !karin || !parentPersona || !group) return
  const school = await db
    .selectFrom('schools')
    .select('municipality_id')
    .where('id', '=', regenboog)
    .executeTakeFirstOrThrow()

  const [cjg, jgz] = await db
    .insertInto('partner_organisations')
    .values([
      {
        municipality_id: school.municipality_id,
        kind: 'cjg',
        name: 'CJG Lindenhoeve',
        phone: '0512 300 400',
      },
      {
        municipality_id: school.municipality_id,
        kind: 'jgz',
        name: 'JGZ Lindenhoeve',
        phone: '0512 300 500',
      },
    ])
    .returning('id')
    .execute()
  if (!cjg || !jgz) return
  await db
    .insertInto('partner_schools')
    .values(
      [regenboog, vlinderboom].flatMap((s) =>
        [cjg, jgz].map((o) => ({ organisation_id: o.id, school_id: s })),
      ),
    )
    .execute()

  const anouk = await db
    .insertInto('people')
    .values({
      email: `anouk.dewit@${DEMO_DOMAIN}`,
      name: 'Anouk de Wit',
      first_name: 'Anouk',
      language: 'nl',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('memberships')
    .values(
      [regenboog, vlinderboom].map((s) => ({
        school_id: s,
        person_id: anouk.id,
        role: 'partner' as const,
      })),
    )
    .execute()
  ids.set('person:jgz', anouk.id)
  await db
    .insertInto('partner_people')
    .values([
      {
        person_id: karin,
        organisation_id: cjg.id,
        job: 'Opvoedadviseur',
        phone: '06 1234 5678',
        about:
          'slapen, eten, ruzie en grenzen, een nieuw broertje of zusje, uit elkaar gaan, of gewoon: hoe gaat het thuis?',
      },
      {
        person_id: anouk.id,
        organisation_id: jgz.id,
        job: 'Jeugdverpleegkundige',
        phone: null,
        about: 'groeien, eten, zindelijk worden, slapen, vaccinaties en alles over jonge kinderen.',
      },
    ])
    .execute()

  const today = schoolDate(new Date())
  const tuesday = nextWeekday(addDays(today, 1), 2)
  const friday = nextWeekday(addDays(today, 1), 5)
  const thursday = nextWeekday(addDays(today, 1), 4)
  const first = await planHours(db, regenboog, karin, {
    kind: 'spreekuur',
    firstDate: tuesday,
    time: '13:30',
    minutes: 120,
    slotMinutes: 30,
    recurrence: 'monthly',
    count: 4,
    place: 'de ouderkamer',
  })
  await planHours(db, vlinderboom, karin, {
    kind: 'spreekuur',
    firstDate: thursday,
    time: '08:45',
    minutes: 90,
    slotMinutes: 30,
    recurrence: 'fortnightly',
    count: 6,
    place: 'de kamer naast de bibliotheek',
  })
  await planHours(db, regenboog, anouk.id, {
    kind: 'inloop',
    firstDate: friday,
    time: '08:30',
    minutes: 60,
    slotMinutes: undefined,
    recurrence: 'weekly',
    count: 8,
    place: 'de ouderkamer',
  })

  // Two parents of Groep 1/2a (not Samira) took a time at Karin's first spreekuur.
  const others = await db
    .selectFrom('guardianships as g')
    .innerJoin('children as ch', 'ch.id', 'g.child_id')
    .select('g.person_id')
    .distinct()
    .where('ch.group_id', '=', group)
    .where('g.person_id', '!=', parentPersona)
    .orderBy('g.person_id')
    .limit(2)
    .execute()
  const hour = await db
    .selectFrom('partner_hours')
    .select(['id', 'starts_at'])
    .where('id', '=', first.first)
    .executeTakeFirstOrThrow()
  if (!others.length) return
  await db
    .insertInto('partner_bookings')
    .values(
      others.map((o, i) => ({
        hour_id: hour.id,
        school_id: regenboog,
        starts_at: new Date(hour.starts_at.getTime() + i * 30 * 60_000),
        person_id: o.person_id,
        topic: i === 0 ? 'Mijn dochter slaapt slecht sinds ze naar school gaat.' : null,
        with_teacher: i === 1,
      })),
    )
    .execute()
}
