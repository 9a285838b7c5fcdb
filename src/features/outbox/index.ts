// The outbox feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { outboxPersonalData } from './read/personal.ts'
import { outboxRoutes } from './routes.tsx'

export const outboxFeature: AppFeature = {
  name: 'outbox',
  routes: outboxRoutes,
  personalData: outboxPersonalData,
}
