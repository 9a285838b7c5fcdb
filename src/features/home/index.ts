// The home feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { homeRoutes } from './routes.tsx'

export const homeFeature: AppFeature = {
  name: 'home',
  routes: homeRoutes,
}
