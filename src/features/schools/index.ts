// The schools feature as the app composes it (src/composition.ts), and all that other
// features may use of it: creating a school, and its calendar (is this date a day off?).
import type { AppFeature } from '../../policies.ts'
import { schoolAudit } from './audit.ts'
import { schoolRoutes } from './routes.tsx'

export {
  type DayOff,
  dayOffOn,
  daysOffOf,
  isDayOff,
  type OwnDayOff,
  type SchoolCalendar,
} from './calendar.ts'
export { createSchool, DEFAULT_GROUPS } from './commands/schools.ts'
export { HOLIDAY_REGIONS, type HolidayRegion, officialHolidays } from './holidays.ts'
export { isSchoolDayOff, loadCalendars, schoolDaysOff } from './read/calendar.ts'

export const schoolsFeature: AppFeature = {
  name: 'schools',
  routes: schoolRoutes,
  notices: ['switched', 'dayOffAdded', 'dayOffRemoved'],
  audit: schoolAudit.actions,
}
