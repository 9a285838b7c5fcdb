/** @jsxImportSource hono/jsx */
// Sign-in pages: ask for an address, mail a link and code, accept either; demo personas in
// demo mode; sign-out; the anonymous language picker.
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import { LANGUAGES } from '../../core/db/schema.ts'
import type { Ctx } from '../../core/http/context.ts'
import { isLocalPath, readForm } from '../../core/http/forms.ts'
import { clientIp, cookieOptions, LANG_COOKIE } from '../../core/http/middleware.ts'
import { type FieldErrors, page } from '../../core/http/render.tsx'
import { back, PUBLIC } from '../../core/http/router.ts'
import { endSession, SESSION_COOKIE, SESSION_DAYS } from '../../core/session.ts'
import type { AppRouter } from '../../policies.ts'
import { authAudit } from './audit.ts'
import {
  type AuthDeps,
  demoSignIn,
  requestSignIn,
  setLanguage,
  verifyCode,
  verifyLink,
} from './commands/signin.ts'
import { DemoSignIn, EnterCode, nextPath, RequestLink, VerifyLink } from './schema.ts'
import {
  CodeView,
  ConfirmView,
  LinkInvalidView,
  SigninView,
  wrongCodeMessage,
} from './views/signin.tsx'

const authDeps = (c: Ctx): AuthDeps => ({
  db: c.get('deps').db,
  secret: c.get('deps').secret,
  mailer: c.get('deps').mailer,
  baseUrl: c.get('deps').config.baseUrl,
  background: c.get('deps').background,
})

function startSession(c: Ctx, token: string, next: string) {
  setCookie(c, SESSION_COOKIE, token, cookieOptions(c, SESSION_DAYS * 24 * 3600))
  return c.redirect(next, 303)
}

function signinPage(
  c: Ctx,
  opts: { errors?: FieldErrors; email?: string; next?: string; status?: 400 | 429 },
) {
  return page(c, {
    title: c.get('t')('signin.title'),
    status: opts.status,
    body: <SigninView c={c} {...opts} demo={c.get('deps').config.demo} />,
  })
}

function codePage(
  c: Ctx,
  opts: { email: string; next: string; errors?: FieldErrors; status?: 400 | 429 },
) {
  return page(c, {
    title: c.get('t')('signin.checkMail'),
    status: opts.status,
    body: <CodeView c={c} {...opts} />,
  })
}

export function authRoutes(r: AppRouter): void {
  r.get('/', PUBLIC, (c) => c.redirect(c.get('principal') ? '/home' : '/signin', 303))

  r.get('/signin', PUBLIC, (c) => {
    if (c.get('principal')) return c.redirect('/home', 303)
    return signinPage(c, { next: c.req.query('next') })
  })

  r.post('/signin', PUBLIC, async (c) => {
    const form = await readForm(c, RequestLink)
    if (!form.ok)
      return signinPage(c, { errors: form.errors, email: form.values.email, status: 400 })
    const { email, next } = form.data
    const outcome = await requestSignIn(authDeps(c), email, clientIp(c), next, c.get('lang'))
    if (outcome === 'limited') {
      return signinPage(c, { errors: { email: 'error.tooMany' }, email, status: 429 })
    }
    return codePage(c, { email, next })
  })

  r.post('/signin/code', PUBLIC, async (c) => {
    const form = await readForm(c, EnterCode)
    if (!form.ok) {
      return codePage(c, {
        email: form.values.email ?? '',
        next: form.values.next ?? '',
        errors: form.errors,
        status: 400,
      })
    }
    const result = await verifyCode(authDeps(c), form.data.email, form.data.code, clientIp(c))
    if (result.ok) return startSession(c, result.sessionToken, form.data.next)
    const limited = 'limited' in result
    return codePage(c, {
      email: form.data.email,
      next: form.data.next,
      errors: { code: limited ? 'error.tooMany' : wrongCodeMessage(result.triesLeft) },
      status: limited ? 429 : 400,
    })
  })

  // A GET never signs in: mail scanners open links. The page asks for one press.
  r.get('/signin/verify', PUBLIC, (c) => {
    const t = c.get('t')
    const token = c.req.query('token') ?? ''
    const next = nextPath.parse(c.req.query('next'))
    return page(c, {
      title: t('signin.title'),
      body: <ConfirmView c={c} token={token} next={next} />,
    })
  })

  r.post('/signin/verify', PUBLIC, async (c) => {
    const t = c.get('t')
    const form = await readForm(c, VerifyLink)
    const result = form.ok ? await verifyLink(authDeps(c), form.data.token) : { ok: false as const }
    if (result.ok && form.ok) return startSession(c, result.sessionToken, form.data.next)
    return page(c, { title: t('signin.linkInvalid'), status: 400, body: <LinkInvalidView c={c} /> })
  })

  r.post('/signin/demo', PUBLIC, async (c) => {
    if (!c.get('deps').config.demo) return c.notFound()
    const form = await readForm(c, DemoSignIn)
    if (!form.ok) return signinPage(c, { errors: form.errors, status: 400 })
    const result = await demoSignIn(c.get('deps').db, form.data.persona)
    if (!result.ok) return signinPage(c, { errors: { persona: 'signin.demoMissing' }, status: 400 })
    return startSession(c, result.sessionToken, '/home')
  })

  r.post('/signout', 'session.end', async (c) => {
    const token = getCookie(c, SESSION_COOKIE)
    const p = c.get('principal')
    if (token) await endSession(c.get('deps').db, token)
    if (p)
      await authAudit.record(c.get('deps').db, {
        schoolId: p.schoolId,
        actorId: p.personId,
        action: 'signout',
      })
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return back(c, '/signin', 'signedOut')
  })

  r.post('/language', PUBLIC, async (c) => {
    const form = await readForm(
      c,
      z.object({
        language: z.enum(LANGUAGES),
        back: z.string().refine(isLocalPath).optional().catch(undefined),
      }),
    )
    if (form.ok) {
      setCookie(c, LANG_COOKIE, form.data.language, { ...cookieOptions(c, 365 * 24 * 3600) })
      const p = c.get('principal')
      if (p) {
        await setLanguage(c.get('deps').db, p.personId, form.data.language)
      }
    }
    // Back to the page the picker was on (a path of ours only), else where one picks a language.
    const to = form.ok && form.data.back ? form.data.back : null
    return c.redirect(to ?? (c.get('principal') ? '/profile' : '/signin'), 303)
  })
}
