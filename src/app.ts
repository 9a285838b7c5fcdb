// The composition root: core middleware in order, then each feature's routes. Tests build
// this in-process; server.ts only adds configuration and a port.
import { Hono } from 'hono'
import type { AppEnv, Deps } from './core/http/context.ts'
import { onError, onNotFound } from './core/http/errors.tsx'
import { frame, identify } from './core/http/middleware.ts'
import { PUBLIC, Router } from './core/http/router.ts'
import { serveStatic } from './core/http/static.ts'
import { auditRoutes } from './features/audit/routes.tsx'
import { authRoutes } from './features/auth/routes.tsx'
import { buddyRoutes } from './features/buddies/routes.tsx'
import { circleRoutes } from './features/circles/routes.tsx'
import { healthRoutes } from './features/health/routes.ts'
import { homeRoutes } from './features/home/routes.tsx'
import { outboxRoutes } from './features/outbox/routes.tsx'
import { peopleRoutes } from './features/people/routes.tsx'
import { profileRoutes } from './features/profile/routes.tsx'
import { schoolRoutes } from './features/schools/routes.ts'
import { type AppRouter, policies } from './policies.ts'

export interface App {
  app: Hono<AppEnv>
  router: AppRouter
}

export function createApp(deps: Deps): App {
  const app = new Hono<AppEnv>()
  app.use(frame(deps), identify)
  app.onError(onError)
  app.notFound(onNotFound)
  const router: AppRouter = new Router(app, policies)
  router.get('/static/:file', PUBLIC, serveStatic)
  for (const feature of [
    healthRoutes,
    authRoutes,
    homeRoutes,
    profileRoutes,
    schoolRoutes,
    peopleRoutes,
    auditRoutes,
    outboxRoutes,
    buddyRoutes,
    circleRoutes,
  ]) {
    feature(router)
  }
  return { app, router }
}
