/** @jsxImportSource hono/jsx */
// The open door /circles/:id/join: what the poster shows, the visitor's own places, and the
// sign-up (no reason asked): a first name and an address without an account, one press when
// signed in, a child and the parent's consent for a children's circle, the one press a mailed
// link opens; only the forms the join rule allows. And "check your mail".
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

/** The groups a children's circle names, in the reader's words: "groep 6, 7 en 8". */
const gradeList = (c: Ctx, grades: readonly number[]) =>
  new Intl.ListFormat(c.get('lang'), { type: 'conjunction' }).format(grades.map(String))

/** Who the circle is for, when its kind names an audience narrower than everyone. */
function Audience({ c, data }: { c: Ctx; data: JoinPage }) {
  const t = c.get('t')
  const { circle } = data
  if (circle.audience === 'child' && circle.grades)
    return <p>{t('circles.forGrades', { grades: gradeList(c, circle.grades) })}</p>
  if (circle.kind === 'leerkracht') return <p>{t('circles.forTeam', { host: circle.hostName })}</p>
  return null
}

/**
 * The press a mailed link opens, at the top of the page: a GET never takes a place (mail
 * scanners open links), one press does, and signs the person in.
 */
function ConfirmLink({ c, data }: { c: Ctx; data: JoinPage }) {
  const t = c.get('t')
  const [first] = data.upcoming
  return (
    <section aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t('circles.linkConfirmTitle')}</h2>
      <p>{t('circles.linkConfirmText', { circle: data.circle.name })}</p>
      {first ? (
        <p>
          {t('circles.firstMeeting', { when: when(c, first.starts_at), place: data.circle.place })}
        </p>
      ) : null}
      <form method="post" action={`/circles/${data.circle.id}/join`}>
        <CsrfField c={c} />
        <input type="hidden" name="token" value={data.token ?? ''} />
        <button type="submit">{t('circles.linkConfirm')}</button>
      </form>
    </section>
  )
}

function SignUpForm({ c, data, form }: { c: Ctx; data: JoinPage; form: FormState }) {
  const t = c.get('t')
  const { circle, places, freeChildren } = data
  const errors = form.errors ?? {}
  const action = `/circles/${circle.id}/join`
  const signIn = `/signin?next=${encodeURIComponent(action)}`
  if (circle.status !== 'open') return <p class="empty">{t('circles.closedForSignup')}</p>
  if (data.link === 'waits') return null
  if (circle.audience === 'child') {
    if (!data.signedIn)
      return (
        <p>
          <a href={signIn}>{t('circles.signinForChild')}</a>
        </p>
      )
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
    ) : data.childNote ? (
      <p class="empty">{t(data.childNote)}</p>
    ) : null
  }
  if (places.length) return null
  // A circle for an audience the visitor is not in (a leerkrachtkring): no form, and for
  // someone signed out the way in, should they be of the team.
  if (!data.mayJoin)
    return data.signedIn ? (
      <p class="empty">{t('circles.notForYou')}</p>
    ) : (
      <p>
        <a href={signIn}>{t('circles.signinForTeam')}</a>
      </p>
    )
  if (!data.signedIn)
    return (
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
        <Audience c={c} data={data} />
        {data.link === 'waits' ? <ConfirmLink c={c} data={data} /> : null}
        {data.link === 'spent' ? (
          <div class="govuk-error-summary errors" role="alert">
            <h2 class="govuk-error-summary__title">{t('signin.linkInvalid')}</h2>
            <div class="govuk-error-summary__body">
              <p>{t('circles.linkSpent')}</p>
            </div>
          </div>
        ) : null}
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

/** After a sign-up without an account: the link that confirms the place is on its way. */
export function checkMailView(c: Ctx, circle: { name: string }, minutes: number) {
  const t = c.get('t')
  return page(c, {
    title: t('circles.checkMail'),
    body: (
      <>
        <h1>{t('circles.checkMail')}</h1>
        <p>{t('circles.checkMailJoin', { circle: circle.name, minutes })}</p>
      </>
    ),
  })
}
