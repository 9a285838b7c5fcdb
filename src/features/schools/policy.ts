// Switching school: only to a school where the person holds a role.
import { definePolicy } from '../../core/policy.ts'

export const schoolPolicy = definePolicy({
  'school.switch': (p, schoolId: string | undefined) =>
    p !== null && (schoolId === undefined || p.memberships.some((m) => m.schoolId === schoolId)),
})
