// The schools feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { schoolAudit } from './audit.ts'
import { schoolRoutes } from './routes.ts'

export { createSchool, DEFAULT_GROUPS } from './commands/schools.ts'

export const schoolsFeature: AppFeature = {
  name: 'schools',
  routes: schoolRoutes,
  notices: ['switched'],
  audit: schoolAudit.actions,
}
