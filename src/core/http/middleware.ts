// The core middleware, in the order app.ts installs them: request id and access log,
// security headers, body cap, principal, language, CSRF. Features never repeat these.

import { randomUUID } from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { MiddlewareHandler } from 'hono'
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

export const inject =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    c.set('deps', deps)
    c.set('principal', null)
    c.set('lang', 'nl')
    c.set('t', translator('nl'))
    c.set('requestId', randomUUID().slice(0, 13))
    await next()
  }

/** One line per request: method, route pattern, status, time. No query string, no user data. */
export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const start = performance.now()
  await next()
  c.get('deps').log.info(
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

export const security = secureHeaders({
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

const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES })
/** Caps request bodies; GET and HEAD carry none, so they skip the (costly) body wrapper. */
export const capBody: MiddlewareHandler<AppEnv> = (c, next) =>
  c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)

export function clientIp(c: Ctx): string {
  if (c.get('deps').config.trustProxy) {
    const fwd = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (fwd) return fwd
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

export const principal: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE)
  if (token && token.length <= 100) {
    c.set('principal', await loadPrincipal(c.get('deps').db, token))
  }
  await next()
}

export const language: MiddlewareHandler<AppEnv> = async (c, next) => {
  const p = c.get('principal')
  const cookie = getCookie(c, LANG_COOKIE)
  const lang = p
    ? p.language
    : isLanguage(cookie)
      ? cookie
      : negotiate(c.req.header('accept-language'))
  c.set('lang', lang)
  c.set('t', translator(lang))
  await next()
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
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  let seed = getCookie(c, CSRF_COOKIE)
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
  await next()
}
