// The circles feature's entries in the audit log (core/audit.ts): ids and codes, never content.
import { defineAudit } from '../../core/audit.ts'

export const circleAudit = defineAudit([
  'circle.create',
  'circle.settings',
  'circle.autonomy',
  'circle.facilitator',
])
