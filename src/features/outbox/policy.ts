// The outbox holds mail that could not go out by SMTP. In demo mode anyone may read it (that
// is how a visitor receives a demo sign-in link); otherwise only an admin, for mail to people
// of the admin's own school.
import { definePolicy } from '../../core/policy.ts'
import { hasRole } from '../../core/principal.ts'

export const outboxPolicy = definePolicy({
  'outbox.read': (p, _r: undefined, env) => env.demo || hasRole(p, 'admin'),
})
