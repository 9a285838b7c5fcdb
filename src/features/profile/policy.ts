// Everyone signed in manages their own profile, and only their own: the routes never take
// a person id, they act on the principal.
import { definePolicy } from '../../core/policy.ts'

export const profilePolicy = definePolicy({
  'profile.view': (p) => p !== null,
  'profile.update': (p) => p !== null,
})
