// Importing a register from Open Referral HSDS 3 JSON: every service validated against the
// vendored schemas and the register's own limits first; nothing is written when one fails.
import type { Db } from '../../core/db/index.ts'
import { transact } from '../../core/db/transact.ts'
import { DomainError } from '../../core/errors.ts'
import { type HsdsService, hsdsServiceValidator } from './hsds.ts'

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
  await transact(db, async (trx) => {
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
