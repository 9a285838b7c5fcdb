// The demo's sociale kaart: about forty services in Lindenhoeve (sociale-kaart.json, written
// for the demo: fictional names, numbers and addresses), loaded the way a municipality loads
// its register — as Open Referral HSDS through the import — with the names and descriptions in
// every language of the app beside them. Ids derive from the keys, so every seed is alike.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Db } from '../core/db/index.ts'
import { type HsdsService, importHsds } from '../features/map/index.ts'

interface DemoMap {
  organizations: {
    key: string
    name: string
    description: string
    website: string | null
    email: string | null
  }[]
  locations: {
    key: string
    organization: string
    name: string
    address: string
    postalCode: string
    city: string
    latitude: number
    longitude: number
  }[]
  services: {
    key: string
    organization: string
    locations: string[]
    name: string
    description: string
    eligibility: string | null
    fees: string | null
    interpretation: string | null
    minimumAge: number | null
    maximumAge: number | null
    phone: string | null
    email: string | null
    url: string | null
    languages: string[]
    schedule: string | null
    translations: Record<string, { name: string; description: string }>
  }[]
}

/** A stable UUID for a demo key (the shape of a version-5 UUID, from SHA-1). */
function idFor(key: string): string {
  const h = createHash('sha1').update(`kringwerk-demo-map:${key}`).digest('hex')
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

const opt = <T>(v: T | null): T | undefined => v ?? undefined

export async function seedMap(db: Db, municipalityId: string): Promise<void> {
  const data = JSON.parse(
    readFileSync(new URL('./sociale-kaart.json', import.meta.url), 'utf8'),
  ) as DemoMap
  const orgs = new Map(data.organizations.map((o) => [o.key, o]))
  // A location belongs to an organisation the register holds (one with a service).
  const serving = new Set(data.services.map((s) => s.organization))
  const places = new Map(data.locations.map((l) => [l.key, l]))
  const services: HsdsService[] = data.services.map((s) => {
    const o = orgs.get(s.organization)
    if (!o) throw new Error(`demo map: no organisation ${s.organization}`)
    const id = idFor(`service:${s.key}`)
    return {
      id,
      name: s.name,
      description: s.description,
      status: 'active',
      url: opt(s.url),
      email: opt(s.email),
      interpretation_services: opt(s.interpretation),
      fees_description: opt(s.fees),
      eligibility_description: opt(s.eligibility),
      minimum_age: opt(s.minimumAge),
      maximum_age: opt(s.maximumAge),
      last_modified: '2026-11-02T09:00:00.000Z',
      organization: {
        id: idFor(`org:${o.key}`),
        name: o.name,
        description: o.description,
        website: opt(o.website),
        email: opt(o.email),
      },
      phones: s.phone ? [{ id: idFor(`phone:${s.key}`), number: s.phone }] : [],
      languages: s.languages.map((code) => ({ id: idFor(`lang:${s.key}:${code}`), code })),
      schedules: s.schedule ? [{ id: idFor(`schedule:${s.key}`), description: s.schedule }] : [],
      service_at_locations: s.locations.flatMap((key) => {
        const l = places.get(key)
        if (!l) return []
        const lid = idFor(`location:${l.key}`)
        return [
          {
            id: idFor(`sal:${s.key}:${key}`),
            service_id: id,
            location_id: lid,
            location: {
              id: lid,
              location_type: 'physical' as const,
              organization_id: idFor(
                `org:${serving.has(l.organization) ? l.organization : s.organization}`,
              ),
              name: l.name,
              latitude: l.latitude,
              longitude: l.longitude,
              addresses: [
                {
                  id: lid,
                  location_id: lid,
                  address_1: l.address,
                  city: l.city,
                  state_province: '',
                  postal_code: l.postalCode,
                  country: 'NL',
                  address_type: 'physical' as const,
                },
              ],
            },
          },
        ]
      }),
    }
  })
  const done = await importHsds(db, municipalityId, services)
  if ('problems' in done) throw new Error(`demo map: ${JSON.stringify(done.problems[0])}`)
  const translations = data.services.flatMap((s) =>
    Object.entries(s.translations).map(([language, tr]) => ({
      service_id: idFor(`service:${s.key}`),
      language,
      name: tr.name,
      description: tr.description,
    })),
  )
  if (translations.length)
    await db.insertInto('map_service_translations').values(translations).execute()
}
