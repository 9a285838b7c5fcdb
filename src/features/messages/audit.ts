// The messages feature's entries in the audit log (core/audit.ts): ids and counts, never text.
import { defineAudit } from '../../core/audit.ts'

export const messageAudit = defineAudit(['message.send', 'message.settings'])
