// The health feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { healthRoutes } from './routes.ts'

export const healthFeature: AppFeature = {
  name: 'health',
  routes: healthRoutes,
}
