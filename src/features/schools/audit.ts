// The schools feature's entries in the audit log (core/audit.ts): ids and codes, never content.
import { defineAudit } from '../../core/audit.ts'

export const schoolAudit = defineAudit([
  'school.create',
  'school.region',
  'school.dayOff.add',
  'school.dayOff.remove',
])
