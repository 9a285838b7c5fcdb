// The audit log is read by the school's director and admin only.
import { definePolicy } from '../../core/policy.ts'
import { hasRole } from '../../core/principal.ts'

export const auditPolicy = definePolicy({
  'audit.read': (p) => hasRole(p, 'director', 'admin'),
})
