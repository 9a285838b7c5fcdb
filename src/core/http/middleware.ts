// The core middleware, two layers that app.ts installs in this order. `frame`: request id,
// security headers, access log. `identify`: body cap, principal, language, CSRF. Features
// never repeat these. Two layers, not one per concern: each layer of Hono's chain is one more
// async call and promise on every request (docs/decisions/0004). Errors thrown in `identify`
// or a route become the error page at that layer, so `frame` still logs and secures them.

import { randomUUID } from 'node:crypto'
import { ServerResponse } from 'node:http'
import { getConnInfo } from '@hono/node-server/conninfo'
import { Hono, type MiddlewareHandler, type Next } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie, setCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import { hmac, randomToken, safeEqual } from '../crypto.ts'
import { Forbidden } from '../errors.ts'
import { isLanguage, negotiate, translator } from '../i18n/index.ts'
import { loadPrincipal, SESSION_COOKIE } from '../session.ts'
import type { AppEnv, Ctx, Deps } from './context.ts'

export const LANG_COOKIE = 'kw_lang'
export const CSRF_COOKIE = 'kw_csrf'
export const MAX_BODY_BYTES = 1024 * 1024

const honoSecureHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  referrerPolicy: 'same-origin',
  xContentTypeOptions: 'nosniff',
  xFrameOptions: 'DENY',
  crossOriginEmbedderPolicy: false,
})

/**
 * The headers hono's secureHeaders sends with the options above. They are the same on every
 * response (no nonce), so they are computed once, by asking the middleware itself.
 */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = await (async () => {
  const probe = new Hono()
  probe.use(honoSecureHeaders)
  probe.get('/', (c) => c.body(null, 204))
  const headers = [...(await probe.request('/')).headers]
  if (!headers.some(([k]) => k === 'content-security-policy')) {
    throw new Error('secureHeaders sent no Content-Security-Policy')
  }
  return headers
})()

/**
 * Request id, security headers and the access log: one line per request with method, route
 * pattern, status and time. No query string, no user data.
 *
 * Under @hono/node-server the security headers go straight onto Node's response, which merges
 * them into the head it writes: setting them on the fetch Response instead turns its plain
 * header record into undici Headers that the adapter must then walk (with the fewer layers
 * below, a sixth of this app's CPU per request: docs/decisions/0004). Without a Node response
 * (app.request in tests) they are set on the fetch Response. test/security.test.ts checks
 * that both give every response the whole set.
 */
export const frame =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const start = performance.now()
    c.set('deps', deps)
    c.set('principal', null)
    c.set('lang', 'nl')
    c.set('t', translator('nl'))
    c.set('requestId', randomUUID().slice(0, 13))
    const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing
    const onNode = outgoing instanceof ServerResponse
    if (onNode) for (const [name, value] of SECURITY_HEADERS) outgoing.setHeader(name, value)
    await next()
    // School PCs are shared: nothing a signed-in person saw stays in the browser's cache or a
    // proxy's. (On Node, a response's own Cache-Control, a static file's, still wins.)
    const signedIn = c.get('principal') !== null
    if (onNode) {
      if (signedIn) outgoing.setHeader('Cache-Control', 'no-store')
    } else {
      for (const [name, value] of SECURITY_HEADERS) c.res.headers.set(name, value)
      if (signedIn && !c.res.headers.has('cache-control'))
        c.res.headers.set('Cache-Control', 'no-store')
    }
    deps.log.info(
      {
        req: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
      },
      'request',
    )
  }

const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES })

/**
 * Body cap, principal (the session's one query), language and CSRF check, in that order.
 * GET and HEAD carry no body, so they skip the (costly) body wrapper.
 */
export const identify: MiddlewareHandler<AppEnv> = (c, next) =>
  c.req.method === 'GET' || c.req.method === 'HEAD'
    ? identified(c, next)
    : limitBody(c, () => identified(c, next))

async function identified(c: Ctx, next: Next): Promise<void> {
  const cookies = getCookie(c)
  const token = cookies[SESSION_COOKIE]
  if (token && token.length <= 100) {
    c.set('principal', await loadPrincipal(c.get('deps').db, token))
  }
  const p = c.get('principal')
  const chosen = cookies[LANG_COOKIE]
  const lang = p
    ? p.language
    : isLanguage(chosen)
      ? chosen
      : negotiate(c.req.header('accept-language'))
  c.set('lang', lang)
  c.set('t', translator(lang))
  await checkCsrf(c, cookies[CSRF_COOKIE])
  await next()
}

/**
 * The client's address, for rate limits. Behind N trusted proxies it is the Nth entry from the
 * right of X-Forwarded-For: each proxy appends the address it saw, so entries to the left of
 * those are whatever the client chose to send, and never counted.
 */
export function clientIp(c: Ctx): string {
  const hops = c.get('deps').config.trustProxy
  if (hops > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const seen = entries[entries.length - hops]
    if (seen) return seen
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'local'
  }
}

export function cookieOptions(c: Ctx, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const,
    secure: c.get('deps').config.secureCookies,
    maxAge: maxAgeSeconds,
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

// Tokens are recomputed per request otherwise; a small bounded memo keeps the HMAC off the
// hot path for returning browsers. Keyed by secret and seed, so it can never answer wrongly.
const csrfMemo = new Map<string, string>()
function csrfToken(secret: string, seed: string): string {
  const key = `${secret}\u0000${seed}`
  let token = csrfMemo.get(key)
  if (!token) {
    token = hmac(secret, `csrf:${seed}`)
    if (csrfMemo.size >= 10_000) csrfMemo.clear()
    csrfMemo.set(key, token)
  }
  return token
}

/**
 * Double-submit CSRF protection: a random HttpOnly cookie, and in every form a token that is
 * the HMAC of that cookie under the server secret. A state-changing request without the
 * matching token is refused before any handler runs.
 */
async function checkCsrf(c: Ctx, cookie: string | undefined): Promise<void> {
  let seed = cookie
  if (!seed || seed.length > 64) {
    seed = randomToken(24)
    setCookie(c, CSRF_COOKIE, seed, cookieOptions(c))
  }
  const expected = csrfToken(c.get('deps').secret, seed)
  c.set('csrf', expected)
  if (!SAFE.has(c.req.method)) {
    let sent = c.req.header('x-csrf-token')
    const type = c.req.header('content-type') ?? ''
    if (
      !sent &&
      (type.startsWith('application/x-www-form-urlencoded') ||
        type.startsWith('multipart/form-data'))
    ) {
      const body = await c.req.parseBody()
      sent = typeof body._csrf === 'string' ? body._csrf : undefined
    }
    if (!sent || !safeEqual(sent, expected)) throw new Forbidden('error.csrf')
  }
}
