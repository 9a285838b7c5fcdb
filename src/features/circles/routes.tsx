/** @jsxImportSource hono/jsx */
// /circles: the circles a person may see and their own; a circle's page for its members,
// facilitators and host; the meeting screen; the host's set-up, facilitators register and
// overview. Public: the open-door page /circles/:id/join, its poster and calendar feeds.
import { html } from 'hono/html'
import { LANGUAGES } from '../../core/db/schema.ts'
import { DomainError, NotFound, TooMany } from '../../core/errors.ts'
import type { Ctx } from '../../core/http/context.ts'
import { readForm, requireForm } from '../../core/http/forms.ts'
import { clientIp } from '../../core/http/middleware.ts'
import {
  CsrfField,
  Empty,
  ErrorSummary,
  Field,
  type FieldErrors,
  page,
  Select,
} from '../../core/http/render.tsx'
import { idParam, inSchool, PUBLIC, signedIn } from '../../core/http/router.ts'
import { LANGUAGE_NAMES, type MessageKey, translator } from '../../core/i18n/index.ts'
import { holds, type Principal, schoolsWithRole } from '../../core/principal.ts'
import { takeToken } from '../../core/rate-limit.ts'
import { formatWhen } from '../../core/time.ts'
import { type AppRouter, authorize, can } from '../../policies.ts'
import { requestSignIn } from '../auth/service.ts'
import { claimedPerson, feedToken, feedTokenOk, toIcs } from './ics.ts'
import {
  AGREEMENTS,
  agreementLabel,
  CIRCLE_KINDS,
  CONFIDENTIAL,
  K_ANONYMITY,
  PILLARS,
  pillarLabel,
} from './kinds.ts'
import { kindName, overview, overviewCsv, type Scope } from './overview.ts'
import { HOSTS } from './policy.ts'
import { posterPdf } from './poster.ts'
import { RECURRENCES } from './schedule.ts'
import {
  AttendanceInput,
  AutonomyInput,
  CircleInput,
  DecideInput,
  EvaluationInput,
  FacilitatorInput,
  JoinByMailInput,
  JoinChildInput,
  JoinSelfInput,
  LeaveInput,
  MeetingInput,
  Nothing,
  SettingsInput,
  TopicInput,
} from './schema.ts'
import {
  addMeeting,
  answerEvaluation,
  type Circle,
  type CircleDeps,
  cancelMeeting,
  circleFeed,
  circlesFor,
  closeEvaluation,
  closeMeeting,
  createCircle,
  decide,
  evaluationsOf,
  evaluationToAnswer,
  facilitatorRegister,
  facilitatorsOf,
  feedCounter,
  getCircle,
  getMeeting,
  type Host,
  join,
  leave,
  loadCircle,
  meetingLanguages,
  meetingsOf,
  municipalityOf,
  myPlaces,
  nextMeeting,
  notifyRunners,
  openEvaluation,
  openMeeting,
  personFeed,
  personForSignup,
  proposeTopic,
  registerFacilitator,
  renewFeed,
  roster,
  setAutonomy,
  staffOf,
  topicsOf,
  updateSettings,
} from './service.ts'

/** Sign-ups without an account, per client: a person a day is plenty for a real visitor. */
const JOIN_BY_MAIL_LIMIT = { max: 10, windowSeconds: 3600 }

const deps = (c: Ctx): CircleDeps => ({
  db: c.get('deps').db,
  mailer: c.get('deps').mailer,
  baseUrl: c.get('deps').config.baseUrl,
})

/** The circle from the path with the asker's relation, checked against `action`. */
async function circleFor(
  c: Ctx,
  action:
    | 'circles.view'
    | 'circles.manage'
    | 'circles.facilitate'
    | 'circles.hand-over'
    | 'circles.take-part',
) {
  const p = signedIn(c)
  const loaded = await loadCircle(c.get('deps').db, idParam(c, 'id'), p.personId)
  authorize(c, action, loaded.record)
  return loaded
}

/** What a host may set up: their school, or (municipal only) their municipality. */
async function hostOf(c: Ctx): Promise<{ host: Host; schoolIds: string[] }> {
  const p = inSchool(c)
  if (holds(p, 'director', 'ib')) return { host: { schoolId: p.schoolId }, schoolIds: [p.schoolId] }
  const municipalityId = await municipalityOf(c.get('deps').db, p.schoolId)
  if (!municipalityId) throw new NotFound()
  return { host: { municipalityId }, schoolIds: municipalSchools(p) }
}

/** The schools a municipal user oversees: where they hold the municipal role. */
const municipalSchools = (p: Principal) => schoolsWithRole(p, 'municipal')

const scopeOf = (p: Principal & { schoolId: string }): Scope =>
  holds(p, 'director', 'ib') ? { schoolId: p.schoolId } : { schoolIds: municipalSchools(p) }

const back = (c: Ctx, path: string, notice: string) => c.redirect(`${path}?notice=${notice}`, 303)

function when(c: Ctx, d: Date) {
  return formatWhen(c.get('lang'), d)
}

const Agreements = ({ c, circle, lang }: { c: Ctx; circle: Circle; lang?: string }) => {
  const t = lang ? translator(lang as 'nl') : c.get('t')
  return (
    <ol class="agreements">
      {[CONFIDENTIAL, ...circle.agreements].map((a) => (
        <li>{t(agreementLabel(a))}</li>
      ))}
    </ol>
  )
}

/**
 * The person's calendar feed link; with `renew`, also the way to replace it once it has gone
 * where it should not (a shared calendar, a forwarded mail). `counter` is the person's
 * feedCounter, read by the page.
 */
function FeedLink({ c, counter, renew }: { c: Ctx; counter: number; renew?: boolean }) {
  const { t, deps: d } = c.var
  const p = signedIn(c)
  return (
    <>
      <p>
        <a href={`/calendar/${feedToken(d.secret, p.personId, counter)}.ics`}>
          {t('circles.myFeed')}
        </a>
      </p>
      {renew ? (
        <form method="post" action="/calendar/renew">
          <CsrfField c={c} />
          <p class="hint" id="feed-renew-hint">
            {t('circles.feedRenewHint')}
          </p>
          <button type="submit" class="secondary" aria-describedby="feed-renew-hint">
            {t('circles.feedRenew')}
          </button>
        </form>
      ) : null}
    </>
  )
}

// ------------------------------------------------------------------------------ list

async function listPage(c: Ctx) {
  const { t, deps: d } = c.var
  const p = signedIn(c)
  const [circles, counter] = await Promise.all([circlesFor(d.db, p), feedCounter(d.db, p.personId)])
  const mine = circles.filter((x) => x.mine)
  const open = circles.filter((x) => !x.mine && x.status === 'open')
  const host = p.schoolId !== null && holds(p, ...HOSTS)
  return page(c, {
    title: t('circles.title'),
    body: (
      <>
        <h1>{t('circles.title')}</h1>
        <p>{t('circles.intro')}</p>
        {host ? (
          <p class="actions">
            <a href="/circles/new">{t('circles.new')}</a> ·{' '}
            <a href="/circles/facilitators">{t('circles.register')}</a> ·{' '}
            <a href="/circles/overview">{t('circles.overview')}</a>
          </p>
        ) : null}
        <h2>{t('circles.mine')}</h2>
        {mine.length ? (
          <ul class="rows">
            {mine.map((x) => (
              <li>
                <a
                  href={
                    x.facilitator ||
                    x.convenerId === p.personId ||
                    (x.myStatuses ?? []).includes('confirmed')
                      ? `/circles/${x.id}`
                      : `/circles/${x.id}/join`
                  }
                >
                  {x.name}
                </a>{' '}
                <span class="muted">
                  {kindName(t, x)} ·{' '}
                  {x.facilitator
                    ? t('circles.youFacilitate')
                    : (x.myStatuses ?? [])
                        .map((s) => t(`circles.status.${s}` as MessageKey))
                        .join(', ')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('circles.mineEmpty')}</Empty>
        )}
        {/* Also without circles now: a link that leaked earlier can still be replaced. */}
        <FeedLink c={c} counter={counter ?? 0} renew />
        <h2>{t('circles.open')}</h2>
        {open.length ? (
          <ul class="rows">
            {open.map((x) => (
              <li>
                <a href={`/circles/${x.id}/join`}>{x.name}</a>{' '}
                <span class="muted">
                  {kindName(t, x)} · {x.place}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('circles.openEmpty')}</Empty>
        )}
      </>
    ),
  })
}

// ------------------------------------------------------------------------------ join (public)

async function joinPage(
  c: Ctx,
  opts: { errors?: FieldErrors; values?: Record<string, string>; status?: 400 } = {},
) {
  const { t, deps: d, principal: p } = c.var
  const id = idParam(c, 'id')
  const circle = await getCircle(d.db, id)
  if (!circle) throw new NotFound()
  const upcoming = (await meetingsOf(d.db, id)).filter(
    (m) => m.status === 'planned' && m.starts_at > new Date(),
  )
  const places = p ? await myPlaces(d.db, id, p.personId) : []
  const children =
    p?.schoolId && circle.audience === 'child' && circle.schoolIds.includes(p.schoolId)
      ? p.children
      : []
  const takenChildIds = new Set(places.map((x) => x.childId))
  const errors = opts.errors ?? {}
  const action = `/circles/${id}/join`
  let form: unknown = null
  if (circle.status !== 'open') {
    form = <p class="empty">{t('circles.closedForSignup')}</p>
  } else if (!p) {
    form =
      circle.audience === 'child' ? (
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
            value={opts.values?.firstName}
            autocomplete="given-name"
            required
          />
          <Field
            c={c}
            name="email"
            label="signin.email"
            type="email"
            errors={errors}
            value={opts.values?.email}
            autocomplete="email"
            required
          />
          <p class="hint">{t('circles.mailConfirm')}</p>
          <button type="submit">{t('circles.signUp')}</button>
        </form>
      )
  } else if (circle.audience === 'child') {
    const free = children.filter((ch) => !takenChildIds.has(ch.id))
    form = free.length ? (
      <form method="post" action={action}>
        <CsrfField c={c} />
        <ErrorSummary c={c} errors={errors} />
        <fieldset>
          <legend>{t('circles.whichChild')}</legend>
          {free.map((ch, i) => (
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
  } else if (!places.length) {
    form = (
      <form method="post" action={action}>
        <CsrfField c={c} />
        <input type="hidden" name="for" value="self" />
        <button type="submit">{t('circles.signUp')}</button>
      </form>
    )
  }
  return page(c, {
    title: circle.name,
    status: opts.status,
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
            <ul class="rows">
              {places.map((x) => (
                <li>
                  {x.childName ? `${x.childName}: ` : ''}
                  {t(`circles.status.${x.status}` as MessageKey)}
                  <form method="post" action={`/circles/${id}/leave`} class="inline">
                    <CsrfField c={c} />
                    <input type="hidden" name="memberId" value={x.id} />
                    <button type="submit" class="secondary">
                      {t('circles.leave')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
            {places.some((x) => x.status === 'confirmed') ? (
              <p>
                <a href={`/circles/${id}`}>{t('circles.toCircle')}</a>
              </p>
            ) : null}
          </>
        ) : null}
        {form ? (
          <>
            <h2>{t('circles.signUpTitle')}</h2>
            <p class="hint">{t('circles.noReasonNeeded')}</p>
            {form}
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

async function joinPost(c: Ctx) {
  const { deps: d, principal: p } = c.var
  const id = idParam(c, 'id')
  const circle = await getCircle(d.db, id)
  if (!circle) throw new NotFound()
  if (!p) {
    const form = await readForm(c, JoinByMailInput)
    if (!form.ok) return joinPage(c, { errors: form.errors, values: form.values, status: 400 })
    if (circle.audience === 'child' || circle.status !== 'open')
      throw new DomainError(400, 'error.badRequest')
    // A person is made before any mail goes out: limit how fast one client can do that.
    if (!(await takeToken(d.db, `circles.join:${clientIp(c)}`, JOIN_BY_MAIL_LIMIT)))
      throw new TooMany()
    await personForSignup(d.db, form.data.email, form.data.firstName, c.get('lang'))
    const outcome = await requestSignIn(
      {
        db: d.db,
        mailer: d.mailer,
        baseUrl: d.config.baseUrl,
        secret: d.secret,
        background: d.background,
      },
      form.data.email,
      clientIp(c),
      `/circles/${id}/join`,
      c.get('lang'),
    )
    if (outcome === 'limited') throw new TooMany()
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
  const raw = await c.req.parseBody()
  let childId: string | null = null
  if (raw.for === 'self') {
    await requireForm(c, JoinSelfInput)
  } else {
    const form = await readForm(c, JoinChildInput)
    if (!form.ok) return joinPage(c, { errors: form.errors, status: 400 })
    childId = form.data.for
  }
  const outcome = await join(d.db, id, p.personId, childId)
  if (outcome !== 'already') await notifyRunners(deps(c), circle)
  return back(c, `/circles/${id}/join`, outcome === 'waitlist' ? 'waitlisted' : 'joined')
}

// ------------------------------------------------------------------------------ circle page

async function circlePage(c: Ctx) {
  const { t, deps: d } = c.var
  const p = signedIn(c)
  const { circle, record } = await circleFor(c, 'circles.view')
  const runs = record.facilitator || record.convener
  // A host who also facilitates or takes part sees both sides of the page.
  const hosts = can(p, 'circles.manage', record, { demo: d.config.demo })
  const [meetings, places, facilitators, evaluations, counter] = await Promise.all([
    meetingsOf(d.db, circle.id),
    myPlaces(d.db, circle.id, p.personId),
    facilitatorsOf(d.db, circle.id),
    evaluationsOf(d.db, circle.id),
    feedCounter(d.db, p.personId),
  ])
  const next = await nextMeeting(d.db, circle.id)
  const toAnswer = record.member ? await evaluationToAnswer(d.db, circle.id, p.personId) : null
  // Members of an adult circle see each other's first names; a child's circle is seen by
  // its facilitators only.
  const showRoster = runs || (record.member && circle.audience === 'adult')
  const people = showRoster
    ? await roster(d.db, circle.id, runs ? ['asked', 'waitlist', 'confirmed'] : ['confirmed'])
    : []
  const confirmed = people.filter((m) => m.status === 'confirmed')
  const waiting = people.filter((m) => m.status !== 'confirmed')
  const register = hosts
    ? await facilitatorRegister(
        d.db,
        circle.schoolId
          ? { schoolId: circle.schoolId }
          : { municipalityId: circle.municipalityId as string },
      )
    : []
  const base = `/circles/${circle.id}`
  return page(c, {
    title: circle.name,
    body: (
      <>
        <h1>{circle.name}</h1>
        <p class="muted">
          {kindName(t, circle)} · {circle.hostName} · {circle.place}
        </p>
        <p>
          {t('circles.facilitators')}:{' '}
          {facilitators.length ? facilitators.map((f) => f.name).join(', ') : t('circles.none')}
          {circle.autonomous ? ` · ${t('circles.autonomous')}` : ''}
        </p>
        <h2>{t('circles.agreements')}</h2>
        <Agreements c={c} circle={circle} />

        {[toAnswer]
          .flatMap((e) => e ?? [])
          .map((e) => (
            <section class="card">
              <h2>{t('circles.evalTitle')}</h2>
              <p>{t('circles.evalIntro', { k: K_ANONYMITY })}</p>
              {e.children.length ? (
                <p>{t('circles.evalForChild', { child: e.children.join(', ') })}</p>
              ) : null}
              <form method="post" action={`${base}/evaluations/${e.evaluationId}/answer`}>
                <CsrfField c={c} />
                {PILLARS.map((pl) => (
                  <fieldset class="scale">
                    <legend>{t(pillarLabel(pl))}</legend>
                    {[1, 2, 3, 4, 5].map((n) => (
                      <label class="choice">
                        <input type="radio" name={pl} value={String(n)} required />{' '}
                        {t(`circles.scale.${n}` as MessageKey)}
                      </label>
                    ))}
                  </fieldset>
                ))}
                <button type="submit">{t('circles.evalSend')}</button>
              </form>
            </section>
          ))}

        {record.member && next ? (
          <section>
            <h2>{t('circles.nextMeeting', { when: when(c, next.starts_at) })}</h2>
            <form method="post" action={`${base}/meetings/${next.id}/topics`}>
              <CsrfField c={c} />
              <div class="field">
                <label for="f-topic">{t('circles.topic')}</label>
                <p class="hint" id="f-topic-hint">
                  {t('circles.topicHint')}
                </p>
                <input
                  id="f-topic"
                  name="topic"
                  maxlength={200}
                  required
                  aria-describedby="f-topic-hint"
                />
              </div>
              <label class="choice">
                <input type="checkbox" name="anonymous" value="yes" /> {t('circles.topicAnonymous')}
              </label>
              <button type="submit">{t('circles.topicSend')}</button>
            </form>
          </section>
        ) : null}

        {showRoster ? (
          <section>
            <h2>{t('circles.members', { n: confirmed.length, capacity: circle.capacity })}</h2>
            {confirmed.length ? (
              <p>{confirmed.map((m) => m.firstName).join(', ')}</p>
            ) : (
              <Empty>{t('circles.membersEmpty')}</Empty>
            )}
          </section>
        ) : null}

        {runs ? (
          <>
            <section>
              <h2>{t('circles.signups')}</h2>
              {waiting.length ? (
                <ul class="rows">
                  {waiting.map((m) => (
                    <li>
                      {m.firstName}{' '}
                      <span class="muted">{t(`circles.status.${m.status}` as MessageKey)}</span>
                      <form method="post" action={`${base}/members/${m.id}/decide`} class="inline">
                        <CsrfField c={c} />
                        <button type="submit" name="decision" value="confirm">
                          {t('circles.confirm')}
                        </button>
                        <button type="submit" name="decision" value="decline" class="secondary">
                          {t('circles.decline')}
                        </button>
                      </form>
                    </li>
                  ))}
                </ul>
              ) : (
                <Empty>{t('circles.signupsEmpty')}</Empty>
              )}
            </section>
            <section>
              <h2>{t('circles.meetings')}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('circles.when')}</th>
                    <th scope="col">{t('circles.state')}</th>
                    <th scope="col">{t('circles.presentCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {meetings.map((m) => (
                    <tr>
                      <td>
                        <a href={`${base}/meetings/${m.id}`}>{when(c, m.starts_at)}</a>
                      </td>
                      <td>{t(`circles.meeting.${m.status}` as MessageKey)}</td>
                      <td>{m.status === 'closed' ? m.present : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>{t('circles.addMeeting')}</h3>
              <form method="post" action={`${base}/meetings`} class="inline">
                <CsrfField c={c} />
                <Field c={c} name="date" label="circles.date" hint="circles.dateHint" />
                <Field c={c} name="time" label="circles.time" value="19:30" />
                <Field
                  c={c}
                  name="duration"
                  label="circles.duration"
                  value="90"
                  inputmode="numeric"
                />
                <button type="submit">{t('circles.add')}</button>
              </form>
            </section>
            {circle.audience === 'adult' ? (
              <section>
                <h2>{t('circles.autonomyTitle')}</h2>
                <p class="hint">{t('circles.autonomyHint')}</p>
                <form method="post" action={`${base}/autonomy`}>
                  <CsrfField c={c} />
                  <label class="choice">
                    <input
                      type="checkbox"
                      name="autonomous"
                      value="yes"
                      checked={circle.autonomous}
                    />{' '}
                    {t('circles.autonomous')}
                  </label>
                  <Select
                    c={c}
                    name="convenerId"
                    label="circles.convener"
                    value={circle.convenerId ?? ''}
                    options={[
                      { value: '', label: t('circles.none') },
                      ...confirmed.map((m) => ({ value: m.personId, label: m.firstName })),
                    ]}
                  />
                  <button type="submit">{t('form.save')}</button>
                </form>
              </section>
            ) : null}
          </>
        ) : null}

        {runs || hosts ? (
          <section>
            <h2>{t('circles.evaluations')}</h2>
            {evaluations.length ? (
              <ul class="rows">
                {evaluations.map((e) => (
                  <li>
                    {t('circles.evalOpened', { when: when(c, e.openedAt) })} ·{' '}
                    {t('circles.evalAnswers', { n: e.answers })}
                    {e.closedAt === null && runs ? (
                      <form
                        method="post"
                        action={`${base}/evaluations/${e.id}/close`}
                        class="inline"
                      >
                        <CsrfField c={c} />
                        <button type="submit">{t('circles.evalClose')}</button>
                      </form>
                    ) : null}
                    {e.closedAt !== null ? (
                      e.averages ? (
                        <dl class="figures">
                          {PILLARS.map((pl, i) => (
                            <>
                              <dt>{t(pillarLabel(pl))}</dt>
                              <dd>{(e.averages?.[i] ?? 0).toFixed(1)}</dd>
                            </>
                          ))}
                        </dl>
                      ) : (
                        <p class="muted">{t('circles.evalHidden', { k: K_ANONYMITY })}</p>
                      )
                    ) : (
                      <p class="muted">{t('circles.evalRunning')}</p>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('circles.evalEmpty')}</Empty>
            )}
            {runs && !evaluations.some((e) => e.closedAt === null) ? (
              <form method="post" action={`${base}/evaluations`}>
                <CsrfField c={c} />
                <button type="submit">{t('circles.evalOpen')}</button>
              </form>
            ) : null}
          </section>
        ) : null}

        {hosts ? (
          <section>
            <h2>{t('circles.settings')}</h2>
            <form method="post" action={`${base}/settings`}>
              <CsrfField c={c} />
              <fieldset>
                <legend>{t('circles.facilitators')}</legend>
                {register.length ? (
                  register.map((f) => (
                    <label class="choice">
                      <input
                        type="checkbox"
                        name="facilitators"
                        value={f.personId}
                        checked={facilitators.some((x) => x.id === f.personId)}
                      />{' '}
                      {f.name}
                    </label>
                  ))
                ) : (
                  <Empty>{t('circles.registerEmpty')}</Empty>
                )}
              </fieldset>
              <Field
                c={c}
                name="capacity"
                label="circles.capacity"
                value={String(circle.capacity)}
                inputmode="numeric"
              />
              <Select
                c={c}
                name="status"
                label="circles.statusLabel"
                value={circle.status}
                options={[
                  { value: 'open', label: t('circles.isOpen') },
                  { value: 'closed', label: t('circles.isClosed') },
                ]}
              />
              <button type="submit">{t('form.save')}</button>
            </form>
            <p>
              <a href={`${base}/join`}>{t('circles.publicPage')}</a> ·{' '}
              <a href={`${base}/poster.pdf`}>{t('circles.poster')}</a>
            </p>
          </section>
        ) : null}

        {places.length ? (
          <section>
            <h2>{t('circles.yourPlace')}</h2>
            <ul class="rows">
              {places.map((x) => (
                <li>
                  {x.childName ? `${x.childName}: ` : ''}
                  {t(`circles.status.${x.status}` as MessageKey)}
                  <form method="post" action={`${base}/leave`} class="inline">
                    <CsrfField c={c} />
                    <input type="hidden" name="memberId" value={x.id} />
                    <button type="submit" class="secondary">
                      {t('circles.leave')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
            <FeedLink c={c} counter={counter ?? 0} />
          </section>
        ) : null}
      </>
    ),
  })
}

// ------------------------------------------------------------------------------ meeting screen

async function meetingPage(c: Ctx) {
  const { t, deps: d } = c.var
  const { circle } = await circleFor(c, 'circles.facilitate')
  const meeting = await getMeeting(d.db, circle.id, idParam(c, 'mid'))
  const [languages, people, topics] = await Promise.all([
    meetingLanguages(d.db, circle),
    roster(d.db, circle.id, ['confirmed']),
    topicsOf(d.db, meeting.id),
  ])
  const base = `/circles/${circle.id}/meetings/${meeting.id}`
  const live = meeting.status === 'planned' || meeting.status === 'open'
  return page(c, {
    title: t('circles.meetingTitle', { circle: circle.name }),
    body: (
      <>
        <h1>{t('circles.meetingTitle', { circle: circle.name })}</h1>
        <p class="muted">
          {when(c, meeting.starts_at)} · {t(`circles.meeting.${meeting.status}` as MessageKey)}
        </p>
        <section class="rule">
          {languages.map((lang) => (
            <p lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
              <strong>{translator(lang as 'nl')('circles.agreement.confidential')}</strong>
            </p>
          ))}
        </section>
        <h2>{t('circles.agreements')}</h2>
        <Agreements c={c} circle={circle} />
        {meeting.status === 'planned' ? (
          <form method="post" action={`${base}/open`} class="inline">
            <CsrfField c={c} />
            <button type="submit">{t('circles.meetingStart')}</button>
          </form>
        ) : null}
        {live ? (
          <>
            <h2>{t('circles.topics')}</h2>
            {topics.length ? (
              <ul>
                {topics.map((tp) => (
                  <li>
                    {tp.topic} <span class="muted">{tp.by ?? t('circles.anonymous')}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('circles.topicsEmpty')}</Empty>
            )}
            <h2>{t('circles.attendance')}</h2>
            <form method="post" action={`${base}/close`}>
              <CsrfField c={c} />
              {people.length ? (
                <fieldset>
                  <legend>{t('circles.whoIsHere')}</legend>
                  {people.map((m) => (
                    <label class="choice">
                      <input type="checkbox" name="present" value={m.id} /> {m.firstName}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <Empty>{t('circles.membersEmpty')}</Empty>
              )}
              <p class="hint">{t('circles.closeHint')}</p>
              <button type="submit">{t('circles.meetingClose')}</button>
            </form>
            {meeting.status === 'planned' ? (
              <form method="post" action={`${base}/cancel`} class="inline">
                <CsrfField c={c} />
                <button type="submit" class="secondary">
                  {t('circles.meetingCancel')}
                </button>
              </form>
            ) : null}
          </>
        ) : (
          <p>{t('circles.meetingDone')}</p>
        )}
        <p>
          <a href={`/circles/${circle.id}`}>{t('circles.toCircle')}</a>
        </p>
      </>
    ),
  })
}

// ------------------------------------------------------------------------------ host pages

async function newCirclePage(
  c: Ctx,
  opts: { errors?: FieldErrors; values?: Record<string, string>; status?: 400 } = {},
) {
  const { t, deps: d } = c.var
  const { host, schoolIds } = await hostOf(c)
  const register = await facilitatorRegister(d.db, host)
  const p = inSchool(c)
  const schools = p.memberships.filter((m) => m.role === 'municipal')
  const errors = opts.errors ?? {}
  const v = opts.values ?? {}
  const KINDS = CIRCLE_KINDS
  return page(c, {
    title: t('circles.new'),
    status: opts.status,
    body: (
      <>
        <h1>{t('circles.new')}</h1>
        <form method="post" action="/circles">
          <CsrfField c={c} />
          <ErrorSummary c={c} errors={errors} />
          <Field c={c} name="name" label="circles.name" errors={errors} value={v.name} required />
          <Select
            c={c}
            name="kind"
            label="circles.kind"
            errors={errors}
            value={v.kind ?? 'ouder'}
            options={KINDS.map((k) => ({ value: k, label: t(`circles.kind.${k}` as MessageKey) }))}
          />
          <Field
            c={c}
            name="kindLabel"
            label="circles.kindLabel"
            hint="circles.kindLabelHint"
            errors={errors}
            value={v.kindLabel}
          />
          <Select
            c={c}
            name="audience"
            label="circles.audience"
            value={v.audience ?? 'adult'}
            options={[
              { value: 'adult', label: t('circles.audience.adult') },
              { value: 'child', label: t('circles.audience.child') },
            ]}
          />
          <Field
            c={c}
            name="place"
            label="circles.place"
            errors={errors}
            value={v.place}
            required
          />
          <Field
            c={c}
            name="capacity"
            label="circles.capacity"
            errors={errors}
            value={v.capacity ?? '10'}
            inputmode="numeric"
          />
          <fieldset id="f-languages">
            <legend>{t('circles.languages')}</legend>
            {errors.languages ? <p class="error">{t(errors.languages)}</p> : null}
            {LANGUAGES.map((l) => (
              <label class="choice">
                <input type="checkbox" name="languages" value={l} checked={l === 'nl'} />{' '}
                {LANGUAGE_NAMES[l]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('circles.agreements')}</legend>
            <p class="hint">{t(agreementLabel(CONFIDENTIAL))}</p>
            {AGREEMENTS.map((a) => (
              <label class="choice">
                <input type="checkbox" name="agreements" value={a} checked /> {t(agreementLabel(a))}
              </label>
            ))}
          </fieldset>
          <fieldset id="f-facilitators">
            <legend>{t('circles.facilitators')}</legend>
            {errors.facilitators ? <p class="error">{t(errors.facilitators)}</p> : null}
            {register.length ? (
              register.map((f) => (
                <label class="choice">
                  <input type="checkbox" name="facilitators" value={f.personId} /> {f.name}
                </label>
              ))
            ) : (
              <Empty>{t('circles.registerEmpty')}</Empty>
            )}
          </fieldset>
          {'municipalityId' in host ? (
            <fieldset>
              <legend>{t('circles.schools')}</legend>
              {schools.map((s) => (
                <label class="choice">
                  <input
                    type="checkbox"
                    name="schools"
                    value={s.schoolId}
                    checked={schoolIds.includes(s.schoolId)}
                  />{' '}
                  {s.schoolName}
                </label>
              ))}
            </fieldset>
          ) : null}
          <h2>{t('circles.season')}</h2>
          <Field
            c={c}
            name="firstDate"
            label="circles.firstDate"
            hint="circles.dateHint"
            errors={errors}
            value={v.firstDate}
            required
          />
          <Field
            c={c}
            name="time"
            label="circles.time"
            errors={errors}
            value={v.time ?? '19:30'}
            required
          />
          <Field
            c={c}
            name="duration"
            label="circles.duration"
            errors={errors}
            value={v.duration ?? '90'}
            inputmode="numeric"
          />
          <Select
            c={c}
            name="recurrence"
            label="circles.recurrence"
            value={v.recurrence ?? 'fortnightly'}
            options={RECURRENCES.map((r) => ({
              value: r,
              label: t(`circles.recurrence.${r}` as MessageKey),
            }))}
          />
          <Field
            c={c}
            name="count"
            label="circles.count"
            errors={errors}
            value={v.count ?? '8'}
            inputmode="numeric"
          />
          <Field
            c={c}
            name="dates"
            label="circles.extraDates"
            hint="circles.extraDatesHint"
            errors={errors}
            value={v.dates}
          />
          <button type="submit">{t('circles.create')}</button>
        </form>
      </>
    ),
  })
}

async function registerPage(c: Ctx, opts: { errors?: FieldErrors; status?: 400 } = {}) {
  const { t, deps: d } = c.var
  const { host, schoolIds } = await hostOf(c)
  const [register, staff] = await Promise.all([
    facilitatorRegister(d.db, host),
    staffOf(d.db, schoolIds),
  ])
  const errors = opts.errors ?? {}
  return page(c, {
    title: t('circles.register'),
    status: opts.status,
    body: (
      <>
        <h1>{t('circles.register')}</h1>
        <p>{t('circles.registerIntro')}</p>
        {register.length ? (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('circles.training')}</th>
                <th scope="col">{t('circles.trainedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {register.map((f) => (
                <tr>
                  <td>{f.name}</td>
                  <td>{f.training}</td>
                  <td>{formatWhen(c.get('lang'), f.trained_on, false)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{t('circles.registerEmpty')}</Empty>
        )}
        <h2>{t('circles.registerAdd')}</h2>
        <form method="post" action="/circles/facilitators">
          <CsrfField c={c} />
          <ErrorSummary c={c} errors={errors} />
          <Select
            c={c}
            name="personId"
            label="people.name"
            errors={errors}
            options={staff.map((s) => ({ value: s.id, label: s.name }))}
          />
          <Field c={c} name="training" label="circles.training" errors={errors} required />
          <Field
            c={c}
            name="trainedOn"
            label="circles.trainedOn"
            hint="circles.dateHint"
            errors={errors}
            required
          />
          <button type="submit">{t('form.save')}</button>
        </form>
      </>
    ),
  })
}

async function overviewPage(c: Ctx) {
  const { t, deps: d } = c.var
  const p = inSchool(c)
  const rows = await overview(d.db, scopeOf(p))
  const max = Math.max(1, ...rows.map((r) => r.members))
  const barH = 28
  const chartW = 320
  const labelW = 200
  const pct = (n: number | null) => (n === null ? '–' : `${Math.round(n * 100)}%`)
  return page(c, {
    title: t('circles.overview'),
    body: (
      <>
        <h1>{t('circles.overview')}</h1>
        <p>{t('circles.overviewIntro', { k: K_ANONYMITY })}</p>
        {rows.length ? (
          <>
            {/* A template, not JSX: see the note on <head> in core/http/render.tsx. */}
            {html`<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${labelW + chartW + 40} ${rows.length * barH + 10}" class="chart"><title id="chart-title">${t('circles.chartTitle')}</title>${rows.map(
              (r, i) =>
                html`<g transform="translate(0 ${i * barH + 5})"><text x="0" y="17" font-size="12">${`${kindName(t, r)} · ${r.host}`.slice(0, 34)}</text><rect x="${labelW}" y="4" height="18" width="${(r.members / max) * chartW}" fill="#0b5c8a"></rect><text x="${labelW + (r.members / max) * chartW + 4}" y="17" font-size="12">${r.members}</text></g>`,
            )}</svg>`}
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('circles.ov.host')}</th>
                  <th scope="col">{t('circles.ov.kind')}</th>
                  <th scope="col">{t('circles.ov.circles')}</th>
                  <th scope="col">{t('circles.ov.members')}</th>
                  <th scope="col">{t('circles.ov.meetings')}</th>
                  <th scope="col">{t('circles.ov.attendance')}</th>
                  <th scope="col">{t('circles.ov.evaluation')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>{r.host}</td>
                    <td>{kindName(t, r)}</td>
                    <td>{r.circles}</td>
                    <td>{r.members}</td>
                    <td>{r.meetings}</td>
                    <td>{pct(r.attendance)}</td>
                    <td>
                      {r.averages
                        ? PILLARS.map(
                            (pl, i) =>
                              `${t(pillarLabel(pl))}: ${(r.averages?.[i] ?? 0).toFixed(1)}`,
                          ).join('; ')
                        : t('circles.evalHiddenShort')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <a href="/circles/overview.csv" download>
                {t('circles.csv')}
              </a>
            </p>
          </>
        ) : (
          <Empty>{t('circles.overviewEmpty')}</Empty>
        )}
      </>
    ),
  })
}

// ------------------------------------------------------------------------------ routes

export function circleRoutes(r: AppRouter): void {
  r.menu('/circles', 'nav.circles', 'circles.list')
  r.get('/circles', 'circles.list', listPage)

  r.get('/circles/new', 'circles.manage', (c) => newCirclePage(c))
  r.post('/circles', 'circles.manage', async (c) => {
    const form = await readForm(c, CircleInput)
    if (!form.ok) return newCirclePage(c, { errors: form.errors, values: form.values, status: 400 })
    const { host, schoolIds } = await hostOf(c)
    const id = await createCircle(
      c.get('deps').db,
      host,
      schoolIds,
      form.data,
      inSchool(c).personId,
    )
    return back(c, `/circles/${id}`, 'created')
  })

  r.get('/circles/facilitators', 'circles.register', (c) => registerPage(c))
  r.post('/circles/facilitators', 'circles.register', async (c) => {
    const form = await readForm(c, FacilitatorInput)
    if (!form.ok) return registerPage(c, { errors: form.errors, status: 400 })
    const { host, schoolIds } = await hostOf(c)
    await registerFacilitator(c.get('deps').db, host, schoolIds, form.data, inSchool(c).personId)
    return back(c, '/circles/facilitators', 'registered')
  })

  r.get('/circles/overview', 'circles.overview', overviewPage)
  r.get('/circles/overview.csv', 'circles.overview', async (c) => {
    const rows = await overview(c.get('deps').db, scopeOf(inSchool(c)))
    return c.body(overviewCsv(c.get('t'), rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="kringen.csv"',
    })
  })

  r.get('/circles/:id/join', PUBLIC, (c) => joinPage(c))
  r.post('/circles/:id/join', PUBLIC, joinPost)
  r.get('/circles/:id/poster.pdf', PUBLIC, async (c) => {
    const d = c.get('deps')
    const circle = await getCircle(d.db, idParam(c, 'id'))
    if (!circle) throw new NotFound()
    const meetings = (await meetingsOf(d.db, circle.id)).filter(
      (m) => m.status === 'planned' && m.starts_at > new Date(),
    )
    const pdf = await posterPdf(circle, meetings, `${d.config.baseUrl}/circles/${circle.id}/join`)
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="kring-poster.pdf"',
    })
  })
  r.get('/circles/:id/calendar.ics', PUBLIC, async (c) => {
    const d = c.get('deps')
    const circle = await getCircle(d.db, idParam(c, 'id'))
    if (!circle) throw new NotFound()
    const ics = toIcs(await circleFeed(d.db, circle.id), circle.name, d.config.baseUrl)
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8' })
  })
  r.post('/calendar/renew', 'circles.feed', async (c) => {
    await renewFeed(c.get('deps').db, signedIn(c).personId)
    return back(c, '/circles', 'feedRenewed')
  })
  r.get('/calendar/:token', PUBLIC, async (c) => {
    const d = c.get('deps')
    const token = (c.req.param('token') ?? '').replace(/\.ics$/, '')
    const personId = claimedPerson(token)
    const counter = personId ? await feedCounter(d.db, personId) : null
    if (!personId || counter === null || !feedTokenOk(d.secret, personId, counter, token)) {
      throw new NotFound()
    }
    const ics = toIcs(await personFeed(d.db, personId), 'Kringwerk', d.config.baseUrl)
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8' })
  })

  r.get('/circles/:id', 'circles.view', circlePage)
  r.post('/circles/:id/settings', 'circles.manage', async (c) => {
    const { circle } = await circleFor(c, 'circles.manage')
    const input = await requireForm(c, SettingsInput)
    await updateSettings(c.get('deps').db, circle, input, signedIn(c).personId)
    return back(c, `/circles/${circle.id}`, 'saved')
  })
  r.post('/circles/:id/autonomy', 'circles.hand-over', async (c) => {
    const { circle } = await circleFor(c, 'circles.hand-over')
    const input = await requireForm(c, AutonomyInput)
    await setAutonomy(c.get('deps').db, circle, input, signedIn(c).personId)
    return back(c, `/circles/${circle.id}`, 'saved')
  })
  r.post('/circles/:id/members/:mid/decide', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    const { decision } = await requireForm(c, DecideInput)
    await decide(deps(c), circle, idParam(c, 'mid'), decision)
    return back(c, `/circles/${circle.id}`, 'decided')
  })
  r.post('/circles/:id/leave', 'circles.list', async (c) => {
    const p = signedIn(c)
    const id = idParam(c, 'id')
    const { memberId } = await requireForm(c, LeaveInput)
    await leave(c.get('deps').db, id, p.personId, memberId)
    return back(c, '/circles', 'left')
  })
  r.post('/circles/:id/meetings', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    const form = await readForm(c, MeetingInput)
    if (!form.ok) throw new DomainError(400, Object.values(form.errors)[0] ?? 'error.badRequest')
    await addMeeting(c.get('deps').db, circle.id, form.data)
    return back(c, `/circles/${circle.id}`, 'saved')
  })
  r.get('/circles/:id/meetings/:mid', 'circles.facilitate', meetingPage)
  r.post('/circles/:id/meetings/:mid/open', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    const mid = idParam(c, 'mid')
    await requireForm(c, Nothing)
    await openMeeting(c.get('deps').db, circle.id, mid)
    return back(c, `/circles/${circle.id}/meetings/${mid}`, 'meetingOpened')
  })
  r.post('/circles/:id/meetings/:mid/close', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    const mid = idParam(c, 'mid')
    const { present } = await requireForm(c, AttendanceInput)
    await closeMeeting(c.get('deps').db, circle.id, mid, present)
    return back(c, `/circles/${circle.id}`, 'meetingClosed')
  })
  r.post('/circles/:id/meetings/:mid/cancel', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    await requireForm(c, Nothing)
    await cancelMeeting(c.get('deps').db, circle.id, idParam(c, 'mid'))
    return back(c, `/circles/${circle.id}`, 'saved')
  })
  r.post('/circles/:id/meetings/:mid/topics', 'circles.take-part', async (c) => {
    const p = signedIn(c)
    const { circle } = await circleFor(c, 'circles.take-part')
    const form = await readForm(c, TopicInput)
    if (!form.ok) throw new DomainError(400, 'circles.topicNeeded')
    const places = await myPlaces(c.get('deps').db, circle.id, p.personId)
    const mine = places.find((x) => x.status === 'confirmed')
    if (!mine) throw new NotFound()
    await proposeTopic(
      c.get('deps').db,
      circle.id,
      idParam(c, 'mid'),
      form.data.anonymous ? null : mine.id,
      form.data.topic,
    )
    return back(c, `/circles/${circle.id}`, 'topicAdded')
  })
  r.post('/circles/:id/evaluations', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    await requireForm(c, Nothing)
    await openEvaluation(c.get('deps').db, circle.id)
    return back(c, `/circles/${circle.id}`, 'evaluationOpened')
  })
  r.post('/circles/:id/evaluations/:eid/close', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    await requireForm(c, Nothing)
    await closeEvaluation(c.get('deps').db, circle.id, idParam(c, 'eid'))
    return back(c, `/circles/${circle.id}`, 'evaluationClosed')
  })
  r.post('/circles/:id/evaluations/:eid/answer', 'circles.take-part', async (c) => {
    const p = signedIn(c)
    const { circle } = await circleFor(c, 'circles.take-part')
    const scores = await requireForm(c, EvaluationInput)
    await answerEvaluation(c.get('deps').db, circle.id, idParam(c, 'eid'), p.personId, scores)
    return back(c, `/circles/${circle.id}`, 'answered')
  })
}
