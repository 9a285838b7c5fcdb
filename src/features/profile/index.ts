// The profile feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { profilePersonalData } from './read/personal.ts'
import { profileRoutes } from './routes.tsx'

export const profileFeature: AppFeature = {
  name: 'profile',
  routes: profileRoutes,
  personalData: profilePersonalData,
  notices: ['consentWithdrawn', 'consentGiven'],
}
