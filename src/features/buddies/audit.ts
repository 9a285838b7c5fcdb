// The buddies feature's entries in the audit log (core/audit.ts): ids and codes, never content.
import { defineAudit } from '../../core/audit.ts'

export const buddyAudit = defineAudit([
  'buddy.signal',
  'buddy.propose',
  'buddy.link',
  'buddy.batch',
  'buddy.registry.view',
  'buddy.close',
  'buddy.recruit',
  'buddy.coordinator',
  'buddy.referral',
])
