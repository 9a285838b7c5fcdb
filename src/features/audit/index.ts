// The audit feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { auditPersonalData } from './read/personal.ts'
import { auditRoutes } from './routes.tsx'

export const auditFeature: AppFeature = {
  name: 'audit',
  routes: auditRoutes,
  personalData: auditPersonalData,
}
