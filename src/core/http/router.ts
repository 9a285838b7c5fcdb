// How features register routes: every route names a policy action, checked before the
// handler runs. Only the routes on the public list the app gives the router (src/policies.ts)
// may skip sign-in, and that is checked at start-up, so a route without a policy cannot exist.
import type { Handler, Hono } from 'hono'
import { Forbidden, NotFound } from '../errors.ts'
import type { MessageKey } from '../i18n/index.ts'
import type { Policies, PolicyEnv, ResourceOf } from '../policy.ts'
import type { Principal } from '../principal.ts'
import type { AppEnv, Ctx } from './context.ts'
import { registerNav } from './render.tsx'

export const PUBLIC = 'public' as const

export interface RouteInfo {
  method: 'GET' | 'POST'
  path: string
  action: string
}

export type RouteHandler = Handler<AppEnv>

/** Registers routes, each under a policy action of the composed policies (src/policies.ts). */
export class Router<P extends object> {
  readonly routes: RouteInfo[] = []
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly policies: Policies<P>,
    /** The whole public surface, as 'GET /path' strings. */
    private readonly publicRoutes: readonly string[],
  ) {}

  get(path: string, action: (keyof P & string) | typeof PUBLIC, handler: RouteHandler): this {
    return this.add('GET', path, action, handler)
  }

  post(path: string, action: (keyof P & string) | typeof PUBLIC, handler: RouteHandler): this {
    return this.add('POST', path, action, handler)
  }

  /** A header menu entry for a feature's main page. */
  menu(href: string, label: MessageKey, action: keyof P & string): this {
    registerNav({ href, label, visible: (p, e) => this.policies.can(p, action, undefined, e) })
    return this
  }

  private add(
    method: RouteInfo['method'],
    path: string,
    action: (keyof P & string) | typeof PUBLIC,
    handler: RouteHandler,
  ): this {
    const key = `${method} ${path}`
    if (action === PUBLIC) {
      if (!this.publicRoutes.includes(key)) throw new Error(`${key} is not on the public list`)
    } else if (!this.policies.has(action)) {
      throw new Error(`${key} names unknown policy action "${action}"`)
    }
    this.routes.push({ method, path, action })
    // The check runs in the handler's own call rather than as one more middleware layer:
    // same order, one promise less on every request.
    this.app.on(
      method,
      path,
      action === PUBLIC
        ? handler
        : (c, next) => {
            guard(c, this.policies.can(c.get('principal'), action, undefined, env(c)))
            return handler(c, next)
          },
    )
    return this
  }
}

export class SignInRequired extends Error {}

/** What a rule may know of the deployment besides the principal. */
export const policyEnv = (c: Ctx): PolicyEnv => ({ demo: c.get('deps').config.demo })
const env = policyEnv

function guard(c: Ctx, allowed: boolean): void {
  if (allowed) return
  if (!c.get('principal')) throw new SignInRequired()
  throw new Forbidden()
}

/** The checks a handler or a read module makes, typed by the composed policies. */
export function checks<P extends object>(policies: Policies<P>) {
  return {
    /** Record-level check inside a handler, after the record was loaded within the school. */
    authorize<A extends keyof P & string>(c: Ctx, action: A, resource: ResourceOf<P, A>): void {
      if (!policies.can(c.get('principal'), action, resource, env(c))) throw new Forbidden()
    },
    /** The same question for a view's choice of what to show (a button, a section). */
    allowed<A extends keyof P & string>(c: Ctx, action: A, resource?: ResourceOf<P, A>): boolean {
      return policies.can(c.get('principal'), action, resource, env(c))
    },
  }
}

/** After a form: back to a page, with the notice that says what happened. */
export const back = (c: Ctx, path: string, notice: string) =>
  c.redirect(`${path}?notice=${notice}`, 303)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A record id from the path: a malformed one is simply not found. */
export function idParam(c: Ctx, name: string): string {
  const v = c.req.param(name)
  if (!v || !UUID.test(v)) throw new NotFound()
  return v
}

/** The signed-in principal; the route's policy already required one. */
export function signedIn(c: Ctx): Principal {
  const p = c.get('principal')
  if (!p) throw new SignInRequired()
  return p
}

/** The signed-in principal working in a school (most staff routes need one). */
export function inSchool(c: Ctx): Principal & { schoolId: string } {
  const p = signedIn(c)
  if (!p.schoolId) throw new Forbidden()
  return p as Principal & { schoolId: string }
}
