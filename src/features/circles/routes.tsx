// The circles' HTTP surface, composed: /circles for a person's circles, a circle's page for its
// members, those who run it and its host, the meeting screen, the host's set-up, register and
// overview; public, the open door /circles/:id/join with its poster and calendar feeds.
// Each route parses (zod), authorizes with the loaded record, then runs a command and goes
// back() with a notice, or loads a page's data and renders its view.
import type { AppRouter } from '../../policies.ts'
import { hostRoutes } from './routes/host.tsx'
import { memberRoutes } from './routes/member.tsx'
import { publicRoutes } from './routes/public.tsx'
import { runnerRoutes } from './routes/runner.tsx'

export function circleRoutes(r: AppRouter): void {
  r.menu('/circles', 'nav.circles', 'circles.list')
  // The host's fixed paths (/circles/new, /circles/overview …) before /circles/:id.
  hostRoutes(r)
  publicRoutes(r)
  memberRoutes(r)
  runnerRoutes(r)
}
