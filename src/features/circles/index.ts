// The circles feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { circleAudit } from './audit.ts'
import { circleRoutes } from './routes.tsx'

export const circlesFeature: AppFeature = {
  name: 'circles',
  routes: circleRoutes,
  notices: [
    'feedRenewed',
    'joined',
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
}
