/** @jsxImportSource hono/jsx */
// The open door /circles/:id/join: what the poster shows, the visitor's own places, and the
// sign-up (no reason asked): a first name and an address without an account, one press when
// signed in, a child and the parent's consent for a children's circle. And "check your mail".
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  Empty,
  ErrorSummary,
  Field,
  type FieldErrors,
  page,
} from '../../../core/http/render.tsx'
import { kindName } from '../kinds.ts'
import type { JoinPage } from '../read/public.ts'
import { Agreements, PlaceList, when } from './parts.tsx'

export interface FormState {
  errors?: FieldErrors
  values?: Record<string, string>
  status?: 400
}

function SignUpForm({ c, data, form }: { c: Ctx; data: JoinPage; form: FormState }) {
  const t = c.get('t')
  const { circle, places, freeChildren } = data
  const errors = form.errors ?? {}
  const action = `/circles/${circle.id}/join`
  if (circle.status !== 'open') return <p class="empty">{t('circles.closedForSignup')}</p>
  if (!data.signedIn)
    return circle.audience === 'child' ? (
      <p>
        <a href={`/signin?next=${encodeURIComponent(action)}`}>{t('circles.signinForChild')}</a>
      </p>
    ) : (
      <form method="post" action={action}>
        <CsrfField c={c} />
        <ErrorSummary c={c} errors={errors} />
        <Field
          c={c}
          name="firstName"
          label="circles.firstName"
          errors={errors}
          value={form.values?.firstName}
          autocomplete="given-name"
          required
        />
        <Field
          c={c}
          name="email"
          label="signin.email"
          type="email"
          errors={errors}
          value={form.values?.email}
          autocomplete="email"
          required
        />
        <p class="hint">{t('circles.mailConfirm')}</p>
        <button type="submit">{t('circles.signUp')}</button>
      </form>
    )
  if (circle.audience === 'child')
    return freeChildren.length ? (
      <form method="post" action={action}>
        <CsrfField c={c} />
        <ErrorSummary c={c} errors={errors} />
        <fieldset>
          <legend>{t('circles.whichChild')}</legend>
          {freeChildren.map((ch, i) => (
            <label class="choice">
              <input type="radio" name="for" value={ch.id} checked={i === 0} /> {ch.firstName}
            </label>
          ))}
        </fieldset>
        <div class={errors.consent ? 'field invalid' : 'field'}>
          {errors.consent ? (
            <p class="error" id="f-consent-err">
              {t(errors.consent)}
            </p>
          ) : null}
          <label class="choice">
            <input id="f-consent" type="checkbox" name="consent" value="yes" required />{' '}
            {t('circles.childConsent')}
          </label>
        </div>
        <button type="submit">{t('circles.signUpChild')}</button>
      </form>
    ) : places.length ? null : (
      <p class="empty">{t('circles.noChildHere')}</p>
    )
  if (places.length) return null
  return (
    <form method="post" action={action}>
      <CsrfField c={c} />
      <input type="hidden" name="for" value="self" />
      <button type="submit">{t('circles.signUp')}</button>
    </form>
  )
}

export function joinView(c: Ctx, data: JoinPage, form: FormState = {}) {
  const t = c.get('t')
  const { circle, upcoming, places } = data
  const id = circle.id
  const signUp = SignUpForm({ c, data, form })
  return page(c, {
    title: circle.name,
    status: form.status,
    body: (
      <>
        <h1>{circle.name}</h1>
        <p class="muted">
          {kindName(t, circle)} · {circle.hostName}
        </p>
        <p>{t('circles.openDoor')}</p>
        <dl class="figures">
          <dt>{t('circles.place')}</dt>
          <dd>{circle.place}</dd>
        </dl>
        <h2>{t('circles.dates')}</h2>
        {upcoming.length ? (
          <ul>
            {upcoming.slice(0, 6).map((m) => (
              <li>{when(c, m.starts_at)}</li>
            ))}
          </ul>
        ) : (
          <Empty>{t('circles.noDates')}</Empty>
        )}
        <h2>{t('circles.agreements')}</h2>
        <Agreements c={c} circle={circle} />
        {places.length ? (
          <>
            <h2>{t('circles.yourPlace')}</h2>
            <PlaceList c={c} circleId={id} places={places} />
            {places.some((x) => x.status === 'confirmed') ? (
              <p>
                <a href={`/circles/${id}`}>{t('circles.toCircle')}</a>
              </p>
            ) : null}
          </>
        ) : null}
        {signUp ? (
          <>
            <h2>{t('circles.signUpTitle')}</h2>
            <p class="hint">{t('circles.noReasonNeeded')}</p>
            {signUp}
          </>
        ) : null}
        <p>
          <a href={`/circles/${id}/calendar.ics`}>{t('circles.feed')}</a> ·{' '}
          <a href={`/circles/${id}/poster.pdf`}>{t('circles.poster')}</a>
        </p>
      </>
    ),
  })
}

/** After a sign-up without an account: the sign-in link is on its way. */
export function checkMailView(c: Ctx) {
  const t = c.get('t')
  return page(c, {
    title: t('circles.checkMail'),
    body: (
      <>
        <h1>{t('circles.checkMail')}</h1>
        <p>{t('circles.checkMailText')}</p>
      </>
    ),
  })
}
