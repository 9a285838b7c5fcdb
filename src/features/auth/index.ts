// The auth feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { authAudit } from './audit.ts'
import { authRoutes } from './routes.tsx'

export const authFeature: AppFeature = {
  name: 'auth',
  routes: authRoutes,
  notices: ['signedOut'],
  audit: authAudit.actions,
}

/** Other features mail a sign-in link (a circle's open door signs a newcomer in). */
export { requestSignIn } from './commands/signin.ts'
