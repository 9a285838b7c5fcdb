// Every feature's policy, listed once where the app is composed. The action names and each
// rule's resource type come from here: `authorize(c, 'buddies.answer', link)` with an unknown
// action or a resource of the wrong shape does not compile. Features import the checks from
// this file; it imports nothing but the features' policy.ts files (which import only core).
import type { Feature } from './core/feature.ts'
import { checks, type Router } from './core/http/router.ts'
import { type ActionOf, Policies } from './core/policy.ts'
import { auditPolicy } from './features/audit/policy.ts'
import { authPolicy } from './features/auth/policy.ts'
import { buddiesPolicy } from './features/buddies/policy.ts'
import { circlesPolicy } from './features/circles/policy.ts'
import { homePolicy } from './features/home/policy.ts'
import { messagesPolicy } from './features/messages/policy.ts'
import { outboxPolicy } from './features/outbox/policy.ts'
import { partnersPolicy } from './features/partners/policy.ts'
import { peoplePolicy } from './features/people/policy.ts'
import { profilePolicy } from './features/profile/policy.ts'
import { schoolPolicy } from './features/schools/policy.ts'
import { surveysPolicy } from './features/surveys/policy.ts'

export const policies = Policies.of(
  auditPolicy,
  authPolicy,
  buddiesPolicy,
  circlesPolicy,
  homePolicy,
  messagesPolicy,
  outboxPolicy,
  partnersPolicy,
  peoplePolicy,
  profilePolicy,
  schoolPolicy,
  surveysPolicy,
)

export type Action = ActionOf<typeof policies>

/** The whole public surface: sign-in, health, static assets, a circle's open door. */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /',
  'GET /signin',
  'POST /signin',
  'POST /signin/code',
  'GET /signin/verify',
  'POST /signin/verify',
  'POST /signin/demo',
  'POST /language',
  'GET /healthz',
  'GET /static/:file',
  'GET /static/pictograms/:file',
  // The open door of a circle: its public page, poster and calendar (features/circles).
  'GET /circles/:id/join',
  'POST /circles/:id/join',
  'GET /circles/:id/poster.pdf',
  'GET /circles/:id/calendar.ics',
  // A person's calendar feed, addressed by an unforgeable token (features/circles/ics.ts).
  'GET /calendar/:token',
  // The municipality's sociale kaart and its HSDS export (features/map): public on purpose.
  'GET /sociale-kaart',
  'GET /sociale-kaart/hsds.json',
]

export type AppPolicies = typeof policies extends Policies<infer P> ? P : never
/** The router every feature registers its routes on. */
export type AppRouter = Router<AppPolicies>

export const { authorize, allowed } = checks(policies)
/** The bare question, for code that has a principal but no request (a read module, a test). */
export const can: typeof policies.can = (p, action, resource, env) =>
  policies.can(p, action, resource, env)

/** What each feature's index.ts exports for the composition (src/composition.ts). */
export type AppFeature = Feature<AppRouter>
