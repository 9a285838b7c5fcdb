// The ouderbuddy feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import { on } from '../../core/events.ts'
import type { AppFeature } from '../../policies.ts'
import { parentsInvited } from '../people/index.ts'
import { buddyAudit } from './audit.ts'
import { offerBuddiesToNewFamilies } from './commands/requests.ts'
import { buddyScopes } from './consents.ts'
import { buddiesPersonalData } from './read/personal.ts'
import { buddyRoutes } from './routes.tsx'

/** What waits in the buddy practice, for the home page. */
export {
  type CoordinatorWaiting,
  coordinatorWaiting,
  type ParentWaiting,
  parentWaiting,
  parentWaitingQuery,
  signalsSent,
} from './read/waiting.ts'

export const buddiesFeature: AppFeature = {
  name: 'buddies',
  routes: buddyRoutes,
  personalData: buddiesPersonalData,
  notices: [
    'signalled',
    'proposed',
    'closed',
    'recruited',
    'offerSaved',
    'offerStatus',
    'asked',
    'contactSent',
    'answeredYes',
    'answeredNo',
    'linked',
    'declinedOffer',
    'checkinThanks',
    'referred',
    'themeAdded',
  ],
  audit: buddyAudit.actions,
  scopes: buddyScopes,
  on: [on(parentsInvited, (deps, e) => offerBuddiesToNewFamilies(deps, e.schoolId, e.parentIds))],
}
