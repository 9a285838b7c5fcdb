// The bevragingen feature as the app composes it (src/composition.ts).
import type { AppFeature } from '../../policies.ts'
import { surveyAudit } from './audit.ts'
import { surveysPersonalData } from './read/personal.ts'
import { surveyRoutes } from './routes.tsx'

export { answerSurvey } from './commands/answer.ts'
export { closeSurvey, sendFeedback } from './commands/close.ts'
export { openSurvey } from './commands/open.ts'
export { NEW_PARENT_TOPICS } from './questions.ts'

export const surveysFeature: AppFeature = {
  name: 'surveys',
  routes: surveyRoutes,
  personalData: surveysPersonalData,
  notices: ['surveyOpened', 'surveyAnswered', 'surveyClosed', 'surveyFeedback'],
  audit: surveyAudit.actions,
}
