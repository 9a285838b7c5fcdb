// What a person reads about themselves: their profile, and every consent they gave in the
// current school (through the one ledger, with every feature's scopes).
import type { ConsentLine } from '../../../core/consent.ts'
import type { Deps } from '../../../core/http/context.ts'
import type { T } from '../../../core/i18n/index.ts'

export async function ownProfile(db: Deps['db'], personId: string) {
  return db
    .selectFrom('people')
    .select(['name', 'email', 'language', 'contact_channel', 'phone'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
}

export type OwnConsents = ConsentLine[]

export function ownConsents(
  deps: Pick<Deps, 'db' | 'consents'>,
  schoolId: string,
  personId: string,
  t: T,
): Promise<OwnConsents> {
  return deps.consents.linesFor(deps.db, schoolId, personId, t)
}
