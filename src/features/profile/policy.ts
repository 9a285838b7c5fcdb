// Everyone signed in manages their own profile and their own consents, and only their own:
// the routes never take a person id, they act on the principal.
import { definePolicy } from '../../core/policy.ts'

/** One consent row as loaded for the person asking: whose it is, in which school. */
export interface ConsentResource {
  schoolId: string
  personId: string
}

export const profilePolicy = definePolicy({
  'profile.view': (p) => p !== null,
  'profile.update': (p) => p !== null,
  /** Everything Kringwerk keeps about oneself (AVG art. 15, 20): only ever one's own. */
  'profile.export': (p) => p !== null,
  /** "Mijn toestemmingen": a person's consents in the school they work in now. */
  'profile.consents': (p, r: ConsentResource | undefined) =>
    p !== null &&
    p.schoolId !== null &&
    (r === undefined || (r.personId === p.personId && r.schoolId === p.schoolId)),
})
