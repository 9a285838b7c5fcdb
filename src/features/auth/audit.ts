// The auth feature's entries in the audit log (core/audit.ts): ids and codes, never content.
import { defineAudit } from '../../core/audit.ts'

export const authAudit = defineAudit(['signin', 'signout'])
