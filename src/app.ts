// The composition root: core middleware in order, then each feature's routes. Tests build
// this in-process; server.ts only adds configuration and a port.
import { Hono } from 'hono'
import { features } from './composition.ts'
import type { AppEnv, Deps } from './core/http/context.ts'
import { onError, onNotFound } from './core/http/errors.tsx'
import { frame, identify } from './core/http/middleware.ts'
import { PUBLIC, Router } from './core/http/router.ts'
import { servePictogram, serveStatic } from './core/http/static.ts'
import { type AppRouter, PUBLIC_ROUTES, policies } from './policies.ts'

export interface App {
  app: Hono<AppEnv>
  router: AppRouter
}

export function createApp(deps: Deps): App {
  const app = new Hono<AppEnv>()
  app.use(frame(deps), identify)
  app.onError(onError)
  app.notFound(onNotFound)
  const router: AppRouter = new Router(app, policies, PUBLIC_ROUTES)
  router.get('/static/:file', PUBLIC, serveStatic)
  router.get('/static/pictograms/:file', PUBLIC, servePictogram)
  for (const f of features) f.routes?.(router)
  return { app, router }
}
