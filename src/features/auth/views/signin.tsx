/** @jsxImportSource hono/jsx */
// The sign-in pages: the address form (with demo personas in demo mode), the code form, the
// one-press confirmation a mailed link opens. The language picker for people without an
// account is on every public page (the layout, core/http/render.tsx).
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { PERSONAS } from '../../../demo/personas.ts'

export function SigninView({
  c,
  demo,
  ...opts
}: {
  c: Ctx
  demo: boolean
  errors?: FieldErrors
  email?: string
  next?: string
}) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('signin.title')}</h1>
      <p>{t('signin.intro')}</p>
      <ErrorSummary c={c} errors={opts.errors ?? {}} />
      <form method="post" action="/signin" novalidate>
        <CsrfField c={c} />
        <input type="hidden" name="next" value={opts.next ?? ''} />
        <Field
          c={c}
          name="email"
          type="email"
          label="signin.email"
          autocomplete="email"
          value={opts.email}
          errors={opts.errors}
          required
        />
        <button type="submit">{t('signin.send')}</button>
      </form>
      <p>
        {t('signin.mapLead')} <a href="/sociale-kaart">{t('map.title')}</a>
      </p>
      {demo ? (
        <section aria-labelledby="demo-title" class="demo">
          <h2 id="demo-title">{t('signin.demoTitle')}</h2>
          <p>{t('signin.demoIntro')}</p>
          <ul class="personas">
            {PERSONAS.map((persona) => (
              <li>
                <form method="post" action="/signin/demo">
                  <CsrfField c={c} />
                  <input type="hidden" name="persona" value={persona} />
                  <button type="submit">{t(`role.${persona}`)}</button>
                </form>
              </li>
            ))}
          </ul>
          <p>
            <a href="/outbox">{t('outbox.title')}</a>
          </p>
        </section>
      ) : null}
    </>
  )
}

/**
 * A wrong code, with the tries left in words each language gets right (a message per number:
 * "nog 1 keer", "1 more time"); none left: ask for a new mail.
 */
const TRIES_LEFT: Partial<Record<number, MessageKey>> = {
  1: 'signin.codeLeft1',
  2: 'signin.codeLeft2',
  3: 'signin.codeLeft3',
  4: 'signin.codeLeft4',
}
export const wrongCodeMessage = (triesLeft: number): MessageKey =>
  triesLeft > 0 ? (TRIES_LEFT[triesLeft] ?? 'signin.codeLeft4') : 'signin.codeWrong'

export function CodeView({
  c,
  ...opts
}: {
  c: Ctx
  email: string
  next: string
  errors?: FieldErrors
}) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('signin.checkMail')}</h1>
      <p>{t('signin.sentIfKnown', { email: opts.email })}</p>
      <p>{t('signin.codeHelp')}</p>
      <ErrorSummary c={c} errors={opts.errors ?? {}} />
      <form method="post" action="/signin/code" novalidate>
        <CsrfField c={c} />
        <input type="hidden" name="email" value={opts.email} />
        <input type="hidden" name="next" value={opts.next} />
        <Field
          c={c}
          name="code"
          label="signin.code"
          inputmode="numeric"
          autocomplete="one-time-code"
          errors={opts.errors}
          required
        />
        <button type="submit">{t('signin.submit')}</button>
      </form>
      <p>
        <a href="/signin">{t('signin.again')}</a>
      </p>
    </>
  )
}

export function ConfirmView({ c, token, next }: { c: Ctx; token: string; next: string }) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('signin.confirmTitle')}</h1>
      <form method="post" action="/signin/verify">
        <CsrfField c={c} />
        <input type="hidden" name="token" value={token} />
        <input type="hidden" name="next" value={next} />
        <button type="submit">{t('signin.confirm')}</button>
      </form>
    </>
  )
}

export function LinkInvalidView({ c }: { c: Ctx }) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('signin.linkInvalid')}</h1>
      <p>{t('signin.linkInvalidHelp')}</p>
      <p>
        <a href="/signin">{t('signin.again')}</a>
      </p>
    </>
  )
}
