// Every feature, listed once: the app's routes (src/app.ts), the notices and audit actions
// core shows, the kinds of consent in the ledger and who listens to which event. The server,
// the CLI, tests and benchmarks all boot with this wiring.
import { registerAuditActions } from './core/audit.ts'
import { ConsentLedger } from './core/consent.ts'
import { Events } from './core/events.ts'
import type { Wiring } from './core/http/context.ts'
import { registerNotices } from './core/http/render.tsx'
import { PersonalDataRegistry } from './core/personal-data.ts'
import { auditFeature } from './features/audit/index.ts'
import { authFeature } from './features/auth/index.ts'
import { buddiesFeature } from './features/buddies/index.ts'
import { circlesFeature } from './features/circles/index.ts'
import { healthFeature } from './features/health/index.ts'
import { homeFeature } from './features/home/index.ts'
import { mapFeature } from './features/map/index.ts'
import { messagesFeature } from './features/messages/index.ts'
import { outboxFeature } from './features/outbox/index.ts'
import { partnersFeature } from './features/partners/index.ts'
import { peopleFeature } from './features/people/index.ts'
import { profileFeature } from './features/profile/index.ts'
import { schoolsFeature } from './features/schools/index.ts'
import { surveysFeature } from './features/surveys/index.ts'
import type { AppFeature } from './policies.ts'

export const features: readonly AppFeature[] = [
  healthFeature,
  authFeature,
  homeFeature,
  profileFeature,
  schoolsFeature,
  peopleFeature,
  auditFeature,
  outboxFeature,
  buddiesFeature,
  circlesFeature,
  messagesFeature,
  surveysFeature,
  partnersFeature,
  mapFeature,
]

for (const f of features) {
  registerNotices(...(f.notices ?? []))
  registerAuditActions(f.audit ?? [])
}

const downloadOrder = (name: string) =>
  name === 'people' ? 0 : ['outbox', 'audit', 'auth'].includes(name) ? 2 : 1

/** The events, the consent ledger and the personal data, as every process of the app wires them. */
export const wiring = (): Wiring => ({
  events: new Events(features.flatMap((f) => f.on ?? [])),
  consents: new ConsentLedger(features.flatMap((f) => f.scopes ?? [])),
  // A person's download opens with who they are and ends with the log and the sign-ins.
  personalData: new PersonalDataRegistry(
    [...features]
      .sort((a, b) => downloadOrder(a.name) - downloadOrder(b.name))
      .flatMap((f) => (f.personalData ? [{ feature: f.name, data: f.personalData }] : [])),
  ),
})
