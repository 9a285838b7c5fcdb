// The people feature's entries in the audit log (core/audit.ts): ids and codes, never content.
import { defineAudit } from '../../core/audit.ts'

export const peopleAudit = defineAudit([
  'invite.staff',
  'invite.parent',
  'import.parents',
  'role.grant',
  'role.revoke',
])
