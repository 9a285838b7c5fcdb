// Partners at school (CJG, JGZ, schoolmaatschappelijk werk, …) as the app composes it
// (src/composition.ts): the presence schedule, spreekuren booked without a reason, inloop.
import type { AppFeature } from '../../policies.ts'
import { partnerAudit } from './audit.ts'
import { talkScope } from './consents.ts'
import { partnersPersonalData } from './read/personal.ts'
import { partnerRoutes } from './routes.tsx'

export { bookSlot, cancelBooking } from './commands/bookings.ts'
export { planHours } from './commands/hours.ts'
export { type HourItem, upcomingHours } from './read/schedule.ts'

export const partnersFeature: AppFeature = {
  name: 'partners',
  routes: partnerRoutes,
  personalData: partnersPersonalData,
  notices: [
    'hoursAdded',
    'booked',
    'bookingCancelled',
    'talkAsked',
    'talkWithdrawn',
    'talkContacted',
  ],
  audit: partnerAudit.actions,
  scopes: [talkScope],
}
