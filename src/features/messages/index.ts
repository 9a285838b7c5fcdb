// The messages feature as the app composes it (src/composition.ts), and all that other features
// may use of it.
import type { AppFeature } from '../../policies.ts'
import { messageAudit } from './audit.ts'
import { messagesPersonalData } from './read/personal.ts'
import { messageRoutes } from './routes.tsx'

export { audienceFrom } from './audience.ts'
export { deliverMessages } from './commands/deliver.ts'
export { type NewMessage, sendMessage } from './commands/send.ts'
export { renderTemplate } from './render.ts'

export const messagesFeature: AppFeature = {
  name: 'messages',
  routes: messageRoutes,
  personalData: messagesPersonalData,
  notices: ['messageSent', 'messageSettings'],
  audit: messageAudit.actions,
}
