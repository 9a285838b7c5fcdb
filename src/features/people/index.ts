// The people feature as the app composes it (src/composition.ts), and all that other
// features may use of it.
import type { AppFeature } from '../../policies.ts'
import { peopleAudit } from './audit.ts'
import { peoplePersonalData } from './read/personal.ts'
import { peopleRoutes } from './routes.tsx'

export {
  type ImportResult,
  importParents,
  type LineError,
  parseParentCsv,
} from './commands/import.ts'
export { inviteStaff, type PeopleDeps } from './commands/invitations.ts'
export { parentsInvited } from './events.ts'
export { findAccount } from './read/accounts.ts'
export { listGroups } from './read/groups.ts'
export { type GroupSummary, groupsTaughtBy } from './read/waiting.ts'
export { ParentRow, StaffInvite } from './schema.ts'

export const peopleFeature: AppFeature = {
  name: 'people',
  routes: peopleRoutes,
  personalData: peoplePersonalData,
  notices: ['invited', 'imported', 'roleChanged'],
  audit: peopleAudit.actions,
}
