// Writes the demo data into an empty database, in one transaction.
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../core/db/index.ts'
import { transact } from '../core/db/transact.ts'
import { type BuildOptions, buildDemo, type DemoData } from './build.ts'
import { seedCircles } from './circles.ts'
import { seedMap } from './map.ts'
import { seedMessages } from './messages.ts'
import { seedPartners } from './partners.ts'
import { seedSurveys } from './surveys.ts'

export interface SeedResult {
  schools: number
  people: number
  children: number
  /** Database ids by demo key, for tests. */
  ids: Map<string, string>
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}

export async function seedDemo(db: Db, data: DemoData = buildDemo()): Promise<SeedResult> {
  const ids = new Map<string, string>()
  const id = (key: string) => {
    let v = ids.get(key)
    if (!v) {
      v = randomUUID()
      ids.set(key, v)
    }
    return v
  }
  await transact(db, async (trx) => {
    const m = await trx
      .insertInto('municipalities')
      .values({ name: data.municipality })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('schools')
      .values(
        data.schools.map((s) => ({
          id: id(`school:${s.key}`),
          name: s.name,
          city: s.city,
          municipality_id: m.id,
          holiday_region: s.region,
        })),
      )
      .execute()
    const daysOff = data.schools.flatMap((s) =>
      s.daysOff.map((d) => ({
        school_id: id(`school:${s.key}`),
        starts_on: d.start,
        ends_on: d.end,
        label: d.label,
      })),
    )
    if (daysOff.length) await trx.insertInto('school_days_off').values(daysOff).execute()
    await trx
      .insertInto('groups')
      .values(
        data.groups.map((g) => ({
          id: id(`group:${g.key}`),
          school_id: id(`school:${g.school}`),
          name: g.name,
          grade: g.grade,
        })),
      )
      .execute()
    await insertChunks(data.people, (chunk) =>
      trx
        .insertInto('people')
        .values(
          chunk.map((p) => ({
            id: id(`person:${p.key}`),
            email: p.email,
            name: p.name,
            first_name: p.name.split(' ')[0] ?? p.name,
            language: p.language,
            home_languages: p.homeLanguages,
          })),
        )
        .execute(),
    )
    const memberships = data.people.flatMap((p) =>
      Object.entries(p.roles).flatMap(([school, roles]) =>
        roles.map((role) => ({
          school_id: id(`school:${school}`),
          person_id: id(`person:${p.key}`),
          role,
        })),
      ),
    )
    await insertChunks(memberships, (chunk) =>
      trx.insertInto('memberships').values(chunk).execute(),
    )
    const teaching = data.groups.flatMap((g) =>
      g.teachers.map((t) => ({
        group_id: id(`group:${g.key}`),
        person_id: id(`person:${t}`),
        school_id: id(`school:${g.school}`),
      })),
    )
    await trx.insertInto('group_teachers').values(teaching).execute()
    await insertChunks(data.children, (chunk) =>
      trx
        .insertInto('children')
        .values(
          chunk.map((ch) => ({
            id: id(`child:${ch.key}`),
            school_id: id(`school:${ch.school}`),
            group_id: id(`group:${ch.group}`),
            first_name: ch.firstName,
          })),
        )
        .execute(),
    )
    const guardianships = data.children.flatMap((ch) =>
      ch.guardians.map((g) => ({
        child_id: id(`child:${ch.key}`),
        person_id: id(`person:${g}`),
        school_id: id(`school:${ch.school}`),
      })),
    )
    await insertChunks(guardianships, (chunk) =>
      trx.insertInto('guardianships').values(chunk).execute(),
    )
    await seedBuddies(trx, data, id)
    await seedCircles(trx, data, id, m.id)
  })
  // Each message is sent as a writer sends it: in a transaction of its own.
  await seedMessages(db, ids)
  await seedSurveys(db, ids)
  await seedPartners(db, ids)
  const municipality = await db.selectFrom('municipalities').select('id').executeTakeFirst()
  if (municipality) await seedMap(db, municipality.id)
  return {
    schools: data.schools.length,
    people: data.people.length,
    children: data.children.length,
    ids,
  }
}

export async function seedDemoIfEmpty(
  db: Db,
  opts?: BuildOptions,
): Promise<Omit<SeedResult, 'ids'> | null> {
  const any = await db.selectFrom('schools').select('id').limit(1).executeTakeFirst()
  if (any) return null
  const { ids: _ids, ...counts } = await seedDemo(db, buildDemo(opts))
  return counts
}

const DAY = 86_400_000

/**
 * Buddy offers (with their consents), requests, signals and links of the demo. Each request
 * is as old as its `waitingDays` (a couple of hours more, so "0 dagen" is still today); a
 * link came halfway between its request and now, and both said yes the day after.
 */
async function seedBuddies(trx: Db, data: DemoData, id: (key: string) => string): Promise<void> {
  const now = Date.now()
  for (const th of data.schoolThemes) {
    await trx
      .insertInto('buddy_school_themes')
      .values({
        id: id(`school-theme:${th.key}`),
        school_id: id(`school:${th.school}`),
        label: th.label,
      })
      .execute()
  }
  // A school's own theme is named by its row id, as the app does ('s:<id>').
  const code = (theme: string) => (theme.startsWith('school-theme:') ? `s:${id(theme)}` : theme)
  for (const [i, o] of data.offers.entries()) {
    const schoolId = id(`school:${o.school}`)
    const personId = id(`person:${o.person}`)
    // Buddies offered at some point in the last half year, before any request of the demo.
    const offeredAt = new Date(now - (31 + ((37 + 23 * i) % 150)) * DAY)
    await trx
      .insertInto('buddy_offers')
      .values({
        id: id(`offer:${o.person}`),
        school_id: schoolId,
        person_id: personId,
        themes: o.themes.map(code),
        languages: o.languages,
        show_name: o.showName,
        capacity: o.capacity,
      })
      .execute()
    await sql`update buddy_offers set created_at = ${offeredAt} where id = ${id(`offer:${o.person}`)}`.execute(
      trx,
    )
    const scopes = ['buddy.offer', ...(o.showName ? ['buddy.showName'] : [])]
    await trx
      .insertInto('consents')
      .values(
        scopes.map((scope) => ({
          school_id: schoolId,
          person_id: personId,
          scope,
          granted_by: personId,
          granted_at: offeredAt,
        })),
      )
      .execute()
  }
  for (const school of data.offerNewFamilies) {
    await trx
      .insertInto('buddy_settings')
      .values({ school_id: id(`school:${school}`), offer_new_families: true })
      .execute()
  }
  for (const pr of data.programmes) {
    await trx
      .insertInto('buddy_programmes')
      .values({
        id: id(`programme:${pr.key}`),
        school_id: id(`school:${pr.school}`),
        name: pr.name,
        description: pr.description,
        contact: pr.contact,
      })
      .execute()
  }
  for (const rf of data.referrals) {
    const programme = data.programmes.find((pr) => pr.key === rf.programme)
    if (!programme) continue
    const schoolId = id(`school:${programme.school}`)
    const programmeId = id(`programme:${rf.programme}`)
    const personId = id(`person:${rf.person}`)
    await trx
      .insertInto('consents')
      .values({ school_id: schoolId, person_id: personId, scope: `buddy.referral:${programmeId}` })
      .execute()
    await trx
      .insertInto('buddy_referrals')
      .values({ school_id: schoolId, programme_id: programmeId, person_id: personId })
      .execute()
  }
  for (const co of data.coordinators) {
    await trx
      .insertInto('buddy_theme_coordinators')
      .values({
        school_id: id(`school:${co.school}`),
        theme: co.theme,
        person_id: id(`person:${co.person}`),
      })
      .execute()
  }
  for (const [i, r] of data.requests.entries()) {
    const schoolId = id(`school:${r.school}`)
    const requestId = id(`request:${i}`)
    const personId = id(`person:${r.person}`)
    await trx
      .insertInto('buddy_requests')
      .values({
        id: requestId,
        school_id: schoolId,
        person_id: personId,
        theme: code(r.theme),
        source: r.auto ? 'auto' : r.signalledBy ? 'signal' : 'parent',
        signalled_by: r.signalledBy ? id(`person:${r.signalledBy}`) : null,
        status: r.link ? (r.link.state === 'active' ? 'linked' : 'proposed') : 'open',
      })
      .execute()
    const askedAt = new Date(now - r.waitingDays * DAY - 2 * 3_600_000)
    await sql`update buddy_requests set created_at = ${askedAt} where id = ${requestId}`.execute(
      trx,
    )
    if (!r.signalledBy && !r.auto) {
      await trx
        .insertInto('consents')
        .values({
          school_id: schoolId,
          person_id: personId,
          scope: `buddy.request:${code(r.theme)}`,
          granted_by: personId,
          granted_at: askedAt,
        })
        .execute()
    }
    if (r.link) {
      const active = r.link.state === 'active'
      const linkedAt = new Date((askedAt.getTime() + now) / 2)
      const saidYes = new Date(Math.min(linkedAt.getTime() + DAY, now))
      const link = await trx
        .insertInto('buddy_links')
        .values({
          school_id: schoolId,
          request_id: requestId,
          offer_id: id(`offer:${r.link.buddy}`),
          parent_consent_at: active ? saidYes : null,
          buddy_consent_at: active ? saidYes : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await sql`update buddy_links set created_at = ${linkedAt} where id = ${link.id}`.execute(trx)
      if (active) {
        await trx
          .insertInto('consents')
          .values(
            [personId, id(`person:${r.link.buddy}`)].map((p) => ({
              school_id: schoolId,
              person_id: p,
              scope: `buddy.link:${link.id}`,
              granted_by: p,
              granted_at: saidYes,
            })),
          )
          .execute()
      }
    }
  }
}
