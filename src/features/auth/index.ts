// The auth feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { authAudit } from './audit.ts'
import { authPersonalData } from './read/personal.ts'
import { authRoutes } from './routes.tsx'

export const authFeature: AppFeature = {
  name: 'auth',
  routes: authRoutes,
  personalData: authPersonalData,
  notices: ['signedOut'],
  audit: authAudit.actions,
}

/**
 * Other features mail a sign-in link, or sign in a person whose address their own mailed link
 * proved (a circle's open door signs a newcomer in as the link takes the place).
 */
/** An invitation carries a sign-in link for the invited person, as a part of its mail. */
export { requestSignIn, signInLinkMail, startSession } from './commands/signin.ts'
