// Who may end a session: anyone who has one. Signing in itself is on the public list.
import { definePolicy } from '../../core/policy.ts'

export const authPolicy = definePolicy({
  'session.end': (p) => p !== null,
})
