// The partners' entries in the audit log (core/audit.ts). A booking is logged without its
// booker (actor null): the director reads the log, and the school may know that a slot was
// taken, not by whom (policy `partners.seeBooker`).
import { defineAudit } from '../../core/audit.ts'

export const partnerAudit = defineAudit([
  'partner.hours',
  'partner.book',
  'partner.cancel',
  'partner.talk',
  'partner.contact',
])
