// Switching school: only to a school where the person holds a role. The school's calendar
// (its holiday region and the days off it adds): its director and admin, of that school only.
import { definePolicy } from '../../core/policy.ts'
import { hasRole } from '../../core/principal.ts'

/** A record of a school's calendar: the region setting, or one of its days off. */
export interface CalendarRecord {
  schoolId: string
}

export const schoolPolicy = definePolicy({
  'school.switch': (p, schoolId: string | undefined) =>
    p !== null && (schoolId === undefined || p.memberships.some((m) => m.schoolId === schoolId)),
  'school.calendar': (p, r: CalendarRecord | undefined) =>
    hasRole(p, 'director', 'admin') && (r === undefined || r.schoolId === p.schoolId),
})
