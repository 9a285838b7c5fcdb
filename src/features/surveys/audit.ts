// The bevragingen' entries in the audit log (core/audit.ts): ids and counts, never answers.
import { defineAudit } from '../../core/audit.ts'

export const surveyAudit = defineAudit(['survey.open', 'survey.close', 'survey.feedback'])
