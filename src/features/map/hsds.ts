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
import { DomainError } from '../../core/errors.ts'

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

/** What an import found wrong: the service's place in the list and ajv's words. */
export interface ImportProblem {
  index: number
  errors: string[]
}

const WEB = /^https?:\/\/\S+$/i
/** An address a mail program opens as it is: no "?", "&", "=" or "%" that could add a cc or text. */
const MAILBOX = /^[^\s@?&=%]+@[^\s@?&=%]+\.[^\s@?&=%]+$/

/** What HSDS allows but the register cannot hold (our tables' limits), said per field. */
function registerProblems(s: HsdsService): string[] {
  const out: string[] = []
  const max = (path: string, v: string | undefined, n: number, min = 0) => {
    if (v === undefined && min === 0) return
    if ((v ?? '').length < min || (v ?? '').length > n)
      out.push(`${path} must be ${min}–${n} characters`)
  }
  max('/name', s.name, 160, 1)
  max('/description', s.description, 2000)
  for (const k of [
    'interpretation_services',
    'fees_description',
    'eligibility_description',
  ] as const)
    max(`/${k}`, s[k], 500)
  if (s.url !== undefined && !WEB.test(s.url)) out.push('/url must be an http(s) address')
  if (s.email !== undefined && !MAILBOX.test(s.email)) out.push('/email is not a plain address')
  if (!s.organization) out.push('/organization is required here')
  else {
    max('/organization/name', s.organization.name, 160, 1)
    max('/organization/description', s.organization.description, 2000)
    if (s.organization.website !== undefined && !WEB.test(s.organization.website))
      out.push('/organization/website must be an http(s) address')
    if (s.organization.email !== undefined && !MAILBOX.test(s.organization.email))
      out.push('/organization/email is not a plain address')
  }
  for (const [i, p] of (s.phones ?? []).entries()) max(`/phones/${i}/number`, p.number, 40, 1)
  for (const [i, l] of (s.languages ?? []).entries())
    if (!/^[a-z]{2,3}$/.test(l.code ?? '')) out.push(`/languages/${i}/code must be an ISO 639 code`)
  for (const [i, x] of (s.schedules ?? []).entries())
    max(`/schedules/${i}/description`, x.description, 300)
  for (const [i, sl] of (s.service_at_locations ?? []).entries()) {
    const at = `/service_at_locations/${i}/location`
    const l = sl.location
    const a = l?.addresses?.[0]
    if (!l || !a) {
      out.push(`${at} needs a location with an address`)
      continue
    }
    if (l.organization_id !== s.organization?.id)
      out.push(`${at}/organization_id must be the service's organization`)
    max(`${at}/name`, l.name, 160)
    max(`${at}/addresses/0/address_1`, a.address_1, 200, 1)
    max(`${at}/addresses/0/city`, a.city, 100, 1)
    max(`${at}/addresses/0/postal_code`, a.postal_code, 20)
  }
  return out
}

/** Ids of the file that another municipality's register already holds: refused, never taken over. */
async function foreignIds(
  db: Db,
  municipalityId: string,
  services: HsdsService[],
): Promise<ImportProblem[]> {
  const orgIds = [...new Set(services.map((s) => s.organization.id))]
  const serviceIds = services.map((s) => s.id)
  const locationIds = [
    ...new Set(services.flatMap((s) => (s.service_at_locations ?? []).map((sl) => sl.location.id))),
  ]
  const [orgs, svcs, locs] = await Promise.all([
    orgIds.length
      ? db
          .selectFrom('map_organizations')
          .select('id')
          .where('id', 'in', orgIds)
          .where('municipality_id', '!=', municipalityId)
          .execute()
      : [],
    db
      .selectFrom('map_services as s')
      .innerJoin('map_organizations as o', 'o.id', 's.organization_id')
      .select('s.id')
      .where(
        's.id',
        'in',
        serviceIds.length ? serviceIds : ['00000000-0000-0000-0000-000000000000'],
      )
      .where('o.municipality_id', '!=', municipalityId)
      .execute(),
    locationIds.length
      ? db
          .selectFrom('map_locations as l')
          .innerJoin('map_organizations as o', 'o.id', 'l.organization_id')
          .select('l.id')
          .where('l.id', 'in', locationIds)
          .where('o.municipality_id', '!=', municipalityId)
          .execute()
      : [],
  ])
  const taken = new Set([...orgs, ...svcs, ...locs].map((r) => r.id))
  return services.flatMap((s, index) => {
    const ids = [
      s.id,
      s.organization.id,
      ...(s.service_at_locations ?? []).map((sl) => sl.location.id),
    ]
    const clash = ids.filter((id) => taken.has(id))
    return clash.length
      ? [{ index, errors: clash.map((id) => `${id} belongs to another municipality's register`) }]
      : []
  })
}

/**
 * Replaces a municipality's services with those of an HSDS export (every service validated
 * first; nothing is written when one fails). Records keep their HSDS ids, so an export of
 * the result is the same document.
 */
export async function importHsds(
  db: Db,
  municipalityId: string,
  input: unknown,
): Promise<{ services: number } | { problems: ImportProblem[] }> {
  const list = Array.isArray(input) ? input : (input as { contents?: unknown })?.contents
  if (!Array.isArray(list)) throw new DomainError(400, 'map.import.notAList')
  const validate = hsdsServiceValidator()
  const problems: ImportProblem[] = []
  list.forEach((s, index) => {
    if (!validate(s))
      problems.push({
        index,
        errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`),
      })
    else {
      const own = registerProblems(s as HsdsService)
      if (own.length) problems.push({ index, errors: own })
    }
  })
  if (problems.length) return { problems }
  const services = list as HsdsService[]
  const foreign = await foreignIds(db, municipalityId, services)
  if (foreign.length) return { problems: foreign }
  await db.transaction().execute(async (trx) => {
    // HSDS carries no translations: those of services that come back (same id) are kept.
    const kept = await trx
      .selectFrom('map_service_translations as tr')
      .innerJoin('map_services as s', 's.id', 'tr.service_id')
      .innerJoin('map_organizations as o', 'o.id', 's.organization_id')
      .select(['tr.service_id', 'tr.language', 'tr.name', 'tr.description'])
      .where('o.municipality_id', '=', municipalityId)
      .execute()
    await trx
      .deleteFrom('map_organizations')
      .where('municipality_id', '=', municipalityId)
      .execute()
    const orgs = new Map(services.map((s) => [s.organization.id, s.organization]))
    if (orgs.size)
      await trx
        .insertInto('map_organizations')
        .values(
          [...orgs.values()].map((o) => ({
            id: o.id,
            municipality_id: municipalityId,
            name: o.name,
            description: o.description,
            website: o.website ?? null,
            email: o.email ?? null,
          })),
        )
        .execute()
    const locations = new Map(
      services.flatMap((s) =>
        (s.service_at_locations ?? []).map((sl) => [sl.location.id, sl.location]),
      ),
    )
    if (locations.size)
      await trx
        .insertInto('map_locations')
        .values(
          [...locations.values()].map((l) => {
            const a = l.addresses?.[0]
            return {
              id: l.id,
              organization_id: l.organization_id,
              name: l.name ?? null,
              address_1: a?.address_1 ?? '',
              postal_code: a?.postal_code ?? '',
              city: a?.city ?? '',
              latitude: l.latitude ?? null,
              longitude: l.longitude ?? null,
            }
          }),
        )
        .execute()
    if (!services.length) return
    await trx
      .insertInto('map_services')
      .values(
        services.map((s) => ({
          id: s.id,
          organization_id: s.organization.id,
          name: s.name,
          description: s.description,
          status: s.status,
          url: s.url ?? null,
          email: s.email ?? null,
          interpretation_services: s.interpretation_services ?? null,
          fees_description: s.fees_description ?? null,
          eligibility_description: s.eligibility_description ?? null,
          minimum_age: s.minimum_age ?? null,
          maximum_age: s.maximum_age ?? null,
          last_modified: s.last_modified ?? new Date(),
        })),
      )
      .execute()
    const rows = <T>(pick: (s: HsdsService) => T[]) => services.flatMap(pick)
    const phones = rows((s) =>
      (s.phones ?? []).map((p) => ({ id: p.id, service_id: s.id, number: p.number })),
    )
    const langs = rows((s) =>
      (s.languages ?? []).map((l) => ({ id: l.id, service_id: s.id, code: l.code })),
    )
    const times = rows((s) =>
      (s.schedules ?? [])
        .filter((x) => x.description)
        .map((x) => ({ id: x.id, service_id: s.id, description: x.description })),
    )
    const places = rows((s) =>
      (s.service_at_locations ?? []).map((sl) => ({
        id: sl.id,
        service_id: s.id,
        location_id: sl.location.id,
      })),
    )
    if (phones.length) await trx.insertInto('map_phones').values(phones).execute()
    if (langs.length) await trx.insertInto('map_languages').values(langs).execute()
    if (times.length) await trx.insertInto('map_schedules').values(times).execute()
    if (places.length) await trx.insertInto('map_service_locations').values(places).execute()
    const back = new Set(services.map((s) => s.id))
    const again = kept.filter((k) => back.has(k.service_id))
    if (again.length) await trx.insertInto('map_service_translations').values(again).execute()
  })
  return { services: services.length }
}
