// The sociale kaart in and out as Open Referral HSDS 3 JSON: one `service` object per service,
// with its organization, phones, languages, schedules and locations nested as HSDS's compiled
// service schema has them. Imports are validated against the vendored schemas
// (vendor/hsds, ajv) before anything is written; an export validates the same way (a test).
// HSDS has no translations: `?lang=` exports the names and descriptions in one language.
import { readdirSync, readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { sql } from 'kysely'
import type { Db } from '../../core/db/index.ts'
import type { ServiceStatus } from '../../core/db/schema.ts'

const SCHEMAS = new URL('../../../vendor/hsds/', import.meta.url)

let validator: ValidateFunction | null = null

/** HSDS's `service.json`, with every schema it refers to, compiled once. */
export function hsdsServiceValidator(): ValidateFunction {
  if (validator) return validator
  // HSDS adds its own keywords (core, constraints, datapackage_metadata): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true })
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv
  addFormats(ajv)
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.json')))
    ajv.addSchema(JSON.parse(readFileSync(new URL(file, SCHEMAS), 'utf8')), file)
  validator = ajv.getSchema('service.json') ?? null
  if (!validator) throw new Error('HSDS service.json is missing from vendor/hsds')
  return validator
}

export interface HsdsService {
  id: string
  name: string
  description: string
  status: ServiceStatus
  url?: string
  email?: string
  interpretation_services?: string
  fees_description?: string
  eligibility_description?: string
  minimum_age?: number
  maximum_age?: number
  last_modified: string
  organization: {
    id: string
    name: string
    description: string
    website?: string
    email?: string
  }
  phones: { id: string; number: string }[]
  languages: { id: string; code: string }[]
  schedules: { id: string; description: string }[]
  service_at_locations: {
    id: string
    service_id: string
    location_id: string
    location: {
      id: string
      location_type: 'physical'
      organization_id: string
      name?: string
      latitude?: number
      longitude?: number
      addresses: {
        id: string
        location_id: string
        address_1: string
        city: string
        state_province: string
        postal_code: string
        country: string
        address_type: 'physical'
      }[]
    }
  }[]
}

/** Drops the keys whose value is null: HSDS leaves a field out rather than null. */
const some = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], null>
  }

/** Every service of a municipality as HSDS, names and descriptions in `lang` where translated. */
export async function exportHsds(
  db: Db,
  municipalityId: string,
  lang = 'nl',
): Promise<HsdsService[]> {
  return (await findServices(db, municipalityId, lang)).found.map((f) => f.service)
}

export interface ServiceFilter {
  /** Words to find in the name or description (Dutch or the reader's language) or organisation. */
  q?: string
  /** Only services whose people speak this language. */
  speaks?: string
  limit?: number
  offset?: number
}

export interface FoundService {
  service: HsdsService
  /** The name and description are in the asked language (else the Dutch original). */
  translated: boolean
}

/** A municipality's services as HSDS, filtered for the sociale kaart's search. */
export async function findServices(
  db: Db,
  municipalityId: string,
  lang: string,
  filter: ServiceFilter = {},
): Promise<{ total: number; found: FoundService[] }> {
  let query = db
    .selectFrom('map_services as s')
    .innerJoin('map_organizations as o', 'o.id', 's.organization_id')
    .leftJoin('map_service_translations as tr', (j) =>
      j.onRef('tr.service_id', '=', 's.id').on('tr.language', '=', lang),
    )
    .select([
      's.id',
      's.name',
      's.description',
      'tr.name as tname',
      'tr.description as tdescription',
      's.status',
      's.url',
      's.email',
      's.interpretation_services',
      's.fees_description',
      's.eligibility_description',
      's.minimum_age',
      's.maximum_age',
      's.last_modified',
      'o.id as oid',
      'o.name as oname',
      'o.description as odescription',
      'o.website as owebsite',
      'o.email as oemail',
      // How many match in all, before the page is cut (the search says "found: n").
      sql<number>`count(*) over ()`.as('total'),
    ])
    .where('o.municipality_id', '=', municipalityId)
  const words = (filter.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 6)
  for (const w of words) {
    const like = `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    query = query.where((eb) =>
      eb.or([
        eb('s.name', 'ilike', like),
        eb('s.description', 'ilike', like),
        eb('tr.name', 'ilike', like),
        eb('tr.description', 'ilike', like),
        eb('o.name', 'ilike', like),
      ]),
    )
  }
  if (filter.speaks) {
    const code = filter.speaks
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('map_languages as ml')
          .select('ml.id')
          .whereRef('ml.service_id', '=', 's.id')
          .where('ml.code', '=', code),
      ),
    )
  }
  if (filter.limit) query = query.limit(filter.limit)
  if (filter.offset) query = query.offset(filter.offset)
  const services = await query.orderBy('s.name').orderBy('s.id').execute()
  const ids = services.map((s) => s.id)
  if (!ids.length) return { total: 0, found: [] }
  const [phones, languages, schedules, places] = await Promise.all([
    db.selectFrom('map_phones').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
    db
      .selectFrom('map_languages')
      .selectAll()
      .where('service_id', 'in', ids)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('map_schedules')
      .selectAll()
      .where('service_id', 'in', ids)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('map_service_locations as sl')
      .innerJoin('map_locations as l', 'l.id', 'sl.location_id')
      .select([
        'sl.id',
        'sl.service_id',
        'l.id as lid',
        'l.organization_id',
        'l.name',
        'l.address_1',
        'l.postal_code',
        'l.city',
        'l.latitude',
        'l.longitude',
      ])
      .where('sl.service_id', 'in', ids)
      .orderBy('sl.id')
      .execute(),
  ])
  const of = <R extends { service_id: string }>(rows: R[], id: string) =>
    rows.filter((r) => r.service_id === id)
  const total = Number(services[0]?.total ?? 0)
  const found = services.map((s) => ({
    translated: s.tname !== null,
    service: some({
      id: s.id,
      name: s.tname ?? s.name,
      description: s.tdescription ?? s.description,
      status: s.status,
      url: s.url,
      email: s.email,
      interpretation_services: s.interpretation_services,
      fees_description: s.fees_description,
      eligibility_description: s.eligibility_description,
      minimum_age: s.minimum_age,
      maximum_age: s.maximum_age,
      last_modified: new Date(s.last_modified).toISOString(),
      organization: some({
        id: s.oid,
        name: s.oname,
        description: s.odescription,
        website: s.owebsite,
        email: s.oemail,
      }),
      phones: of(phones, s.id).map((p) => ({ id: p.id, number: p.number })),
      languages: of(languages, s.id).map((l) => ({ id: l.id, code: l.code })),
      schedules: of(schedules, s.id).map((x) => ({ id: x.id, description: x.description })),
      service_at_locations: of(places, s.id).map((p) => ({
        id: p.id,
        service_id: s.id,
        location_id: p.lid,
        location: some({
          id: p.lid,
          location_type: 'physical' as const,
          organization_id: p.organization_id,
          name: p.name,
          latitude: p.latitude,
          longitude: p.longitude,
          addresses: [
            {
              id: p.lid,
              location_id: p.lid,
              address_1: p.address_1,
              city: p.city,
              // HSDS asks for a province; the register does not keep one.
              state_province: '',
              postal_code: p.postal_code,
              country: 'NL',
              address_type: 'physical' as const,
            },
          ],
        }),
      })),
    }),
  }))
  return { total, found }
}
