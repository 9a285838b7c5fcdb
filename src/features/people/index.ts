// The people feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { peopleAudit } from './audit.ts'
import { peopleRoutes } from './routes.tsx'

export { parentsInvited } from './events.ts'

export const peopleFeature: AppFeature = {
  name: 'people',
  routes: peopleRoutes,
  notices: ['invited', 'imported', 'roleChanged'],
  audit: peopleAudit.actions,
}
