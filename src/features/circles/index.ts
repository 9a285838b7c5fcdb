// The circles feature as the app composes it (src/composition.ts), and all that other
// features, the server, the CLI and the demo may use of it.
import type { AppFeature } from '../../policies.ts'
import { circleAudit } from './audit.ts'
import { circleChildScope } from './consents.ts'
import { circlesPersonalData } from './read/personal.ts'
import { circleRoutes } from './routes.tsx'

export { circleUpkeep } from './commands/upkeep.ts'
export { circleChildScope } from './consents.ts'
export { AGREEMENTS, PILLARS } from './kinds.ts'
export { type PlaceRow, placesQuery, runBy } from './read/home.ts'
export { type OverviewRow, overview, type Scope as OverviewScope } from './read/overview.ts'
export { meetingDates, type Recurrence } from './schedule.ts'

export const circlesFeature: AppFeature = {
  name: 'circles',
  routes: circleRoutes,
  personalData: circlesPersonalData,
  notices: [
    'feedRenewed',
    'joined',
    'joinConfirmed',
    'waitlisted',
    'decided',
    'left',
    'topicAdded',
    'meetingOpened',
    'meetingClosed',
    'answered',
    'created',
    'registered',
    'evaluationOpened',
    'evaluationClosed',
  ],
  audit: circleAudit.actions,
  scopes: [circleChildScope],
}
