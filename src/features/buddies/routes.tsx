/** @jsxImportSource hono/jsx */
// /buddies: a parent's offers, requests and answers; a teacher's signals; a coordinator's
// work list with ranked candidates and the batch match. /buddies/registry: coordinators only.
import { LANGUAGES } from '../../core/db/schema.ts'
import { Forbidden } from '../../core/errors.ts'
import type { Ctx } from '../../core/http/context.ts'
import { readForm, requireForm } from '../../core/http/forms.ts'
import {
  CsrfField,
  Empty,
  ErrorSummary,
  Field,
  type FieldErrors,
  page,
  Select,
} from '../../core/http/render.tsx'
import { idParam, inSchool } from '../../core/http/router.ts'
import { LANGUAGE_NAMES, type MessageKey, translator } from '../../core/i18n/index.ts'
import { holds } from '../../core/principal.ts'
import { type AppRouter, authorize, can } from '../../policies.ts'
import { COORDINATORS, type CoordinationResource } from './policy.ts'
import {
  AnswerInput,
  askInput,
  CheckinInput,
  CoordinatorInput,
  NewFamiliesInput,
  OfferStatusInput,
  offerInput,
  ParentSearchInput,
  ProgrammeInput,
  ProposeInput,
  RecruitInput,
  ReferInput,
  ReferralConsentInput,
  schoolThemeInput,
  signalInput,
} from './schema.ts'
import {
  activeLinks,
  addProgramme,
  addSchoolTheme,
  answer,
  askForBuddy,
  asksForBuddy,
  type BuddyDeps,
  batchPropose,
  buddySettings,
  checkinsDue,
  closeLink,
  consentTrail,
  contactDirectly,
  declineRequest,
  getOffer,
  inviteToOffer,
  isParentOf,
  listedBuddies,
  loadLink,
  loadRequest,
  myRequests,
  nameableStaff,
  nameCoordinator,
  namedCoordinators,
  newFamilyOffers,
  type Overview,
  offersForParent,
  overview,
  PARENT_MATCHES,
  programmes,
  propose,
  reachableParents,
  recordCheckin,
  refer,
  referralsMade,
  referralsOf,
  registry,
  regrantReferralConsent,
  rolesIn,
  saveOffer,
  schoolThemes,
  setOfferNewFamilies,
  setOfferStatus,
  signalParent,
  signalsBy,
  type ThemeFilter,
  teachesChildOf,
  withdrawReferralConsent,
  workList,
} from './service.ts'
import { NAMED_COORDINATOR_THEMES, THEMES, themeLabel, themeName } from './themes.ts'

const deps = (c: Ctx): BuddyDeps => ({
  db: c.get('deps').db,
  mailer: c.get('deps').mailer,
  baseUrl: c.get('deps').config.baseUrl,
})

/** The school's themes for this request: the built-in ones, then the school's own. */
interface Themes {
  codes: readonly [string, ...string[]]
  /** Codes of the school's own themes (their labels are Dutch, as the school typed them). */
  own: ReadonlyMap<string, string>
  name: (code: string) => string
  options: { value: string; label: string }[]
}

const themeCache = new WeakMap<Ctx, Promise<Themes>>()

/** Loaded once per request, however many sections ask. */
function themesOf(c: Ctx): Promise<Themes> {
  let found = themeCache.get(c)
  if (!found) {
    found = (async () => {
      const t = c.get('t')
      const own = new Map(
        (await schoolThemes(c.get('deps').db, inSchool(c).schoolId)).map((x) => [x.code, x.label]),
      )
      const name = (code: string) => themeName(t, code, own)
      const codes: [string, ...string[]] = [...THEMES, ...own.keys()]
      return { codes, own, name, options: codes.map((v) => ({ value: v, label: name(v) })) }
    })()
    themeCache.set(c, found)
  }
  return found
}

interface State {
  offerErrors?: FieldErrors
  status?: 200 | 400
  /** A coordinator's search for a parent by name (ParentFinder). */
  parentSearch?: string
}

async function ParentSections({ c, s }: { c: Ctx; s: State }) {
  const { t, deps: d } = c.var
  const p = inSchool(c)
  const themes = await themesOf(c)
  const [offers, asks, links, requests, offer, listed] = await Promise.all([
    offersForParent(d.db, p.schoolId, p.personId),
    asksForBuddy(d.db, p.schoolId, p.personId),
    activeLinks(d.db, p.schoolId, p.personId),
    myRequests(d.db, p.schoolId, p.personId),
    getOffer(d.db, p.schoolId, p.personId),
    listedBuddies(d.db, p.schoolId, p.personId),
  ])
  const due = await checkinsDue(d.db, p.schoolId, p.personId)
  const welcome = await newFamilyOffers(d.db, p.schoolId, p.personId)
  const referrals = await referralsOf(d.db, p.schoolId, p.personId)
  const programmeName = new Map(referrals.map((r) => [r.programmeId, r.name]))
  const consents = await consentTrail(d.db, p.schoolId, p.personId)
  const fmt = new Intl.DateTimeFormat(c.get('lang'), {
    dateStyle: 'medium',
    timeZone: 'Europe/Amsterdam',
  })
  const consentLabel = (scope: string) => {
    const at = scope.indexOf(':')
    const kind = at < 0 ? scope : scope.slice(0, at)
    const detail = at < 0 ? '' : scope.slice(at + 1)
    if (kind === 'buddy.request') return t('consent.request', { theme: themes.name(detail ?? '') })
    if (kind === 'buddy.link') return t('consent.link')
    if (kind === 'buddy.referral')
      return t('consent.referral', { programme: programmeName.get(detail) ?? '' })
    if (kind === 'buddy.showName') return t('consent.showName')
    return t('consent.offer')
  }
  const answerForm = (linkId: string) => (
    <form method="post" action={`/buddies/links/${linkId}/answer`} class="inline">
      <CsrfField c={c} />
      <button type="submit" name="answer" value="yes">
        {t('buddies.yes')}
      </button>
      <button type="submit" name="answer" value="no" class="secondary">
        {t('buddies.no')}
      </button>
    </form>
  )
  const errors = s.offerErrors ?? {}
  return (
    <>
      {welcome.map((w) => (
        <section class="card" aria-label={t('buddies.newFamilyTitle')}>
          <h2>{t('buddies.newFamilyTitle')}</h2>
          <p>{t('buddies.newFamilyText')}</p>
          <form method="post" action={`/buddies/requests/${w.id}/decline`} class="inline">
            <CsrfField c={c} />
            <button type="submit" class="secondary">
              {t('buddies.newFamilyDecline')}
            </button>
          </form>
        </section>
      ))}
      {due.map((k) => (
        <section class="card" aria-label={t('buddies.checkinTitle')}>
          <h2>{t('buddies.checkinTitle')}</h2>
          <p>{t('buddies.checkinText', { weeks: k.week, theme: themes.name(k.theme) })}</p>
          <form method="post" action={`/buddies/links/${k.linkId}/checkin`} class="inline">
            <CsrfField c={c} />
            {(['yes', 'somewhat', 'no'] as const).map((a) => (
              <button
                type="submit"
                name="answer"
                value={a}
                class={a === 'yes' ? undefined : 'secondary'}
              >
                {t(`buddies.checkin.${a}`)}
              </button>
            ))}
          </form>
        </section>
      ))}
      {offers.map((o) => (
        <section class="card" aria-label={t('buddies.offerForYou')}>
          <h2>{t('buddies.offerForYou')}</h2>
          <p>{t('buddies.offerText', { theme: themes.name(o.theme) })}</p>
          {answerForm(o.id)}
        </section>
      ))}
      {asks.map((a) => (
        <section class="card" aria-label={t('buddies.askForYou')}>
          <h2>{t('buddies.askForYou')}</h2>
          <p>{t('buddies.askText', { theme: themes.name(a.theme) })}</p>
          {answerForm(a.id)}
        </section>
      ))}
      <h2>{t('buddies.links')}</h2>
      {links.length === 0 ? <Empty>{t('buddies.linksEmpty')}</Empty> : null}
      <ul class="cards">
        {links.map((l) => (
          <li>
            <strong>{l.name}</strong> · {themes.name(l.theme)}
            <br />
            {l.otherIs === 'buddy' ? t('buddies.yourBuddy') : t('buddies.youHelp')}
            {' · '}
            {l.channel === 'school'
              ? t('buddies.contactViaSchool')
              : `${t(`profile.contact.${l.channel}` as MessageKey)}: ${l.contact ?? ''}`}
            <form method="post" action={`/buddies/links/${l.id}/close`} class="inline">
              <CsrfField c={c} />
              <button type="submit" class="secondary">
                {t('buddies.close')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h2>{t('buddies.ask')}</h2>
      <p>{t('buddies.askIntro')}</p>
      {requests.length ? (
        <ul class="rows">
          {requests.map((r) => (
            <li>
              {themes.name(r.theme)} · {t(`buddies.status.${r.status}` as MessageKey)}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action="/buddies/ask" class="inline">
        <CsrfField c={c} />
        <Select c={c} name="theme" label="buddies.theme" options={themes.options} />
        <button type="submit">{t('buddies.askSubmit')}</button>
      </form>
      {listed.length ? (
        <>
          <h3>{t('buddies.listed')}</h3>
          <ul class="rows">
            {listed.map((b) => (
              <li>
                <form method="post" action={`/buddies/offers/${b.offerId}/contact`} class="inline">
                  <CsrfField c={c} />
                  <span>{b.name}</span>
                  <label for={`lt-${b.offerId}`}>{t('buddies.theme')}</label>
                  <select id={`lt-${b.offerId}`} name="theme">
                    {b.themes.map((th) => (
                      <option value={th}>{themes.name(th)}</option>
                    ))}
                  </select>
                  <button type="submit">{t('buddies.contact')}</button>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="offer">{t('buddies.offer')}</h2>
      {offer && offer.status !== 'withdrawn' ? (
        <>
          <p>
            {t(`buddies.offerStatus.${offer.status}` as MessageKey)} ·{' '}
            {offer.themes.map((th) => themes.name(th)).join(', ')}
          </p>
          <form method="post" action="/buddies/offer/status" class="inline">
            <CsrfField c={c} />
            {offer.status === 'active' ? (
              <button type="submit" name="status" value="paused" class="secondary">
                {t('buddies.pause')}
              </button>
            ) : (
              <button type="submit" name="status" value="active">
                {t('buddies.resume')}
              </button>
            )}
            <button type="submit" name="status" value="withdrawn" class="secondary">
              {t('buddies.withdraw')}
            </button>
          </form>
        </>
      ) : (
        <p>{t('buddies.offerIntro')}</p>
      )}
      <details open={Object.keys(errors).length > 0 || !offer || offer.status === 'withdrawn'}>
        <summary>
          {offer && offer.status !== 'withdrawn'
            ? t('buddies.offerChange')
            : t('buddies.offerStart')}
        </summary>
        <ErrorSummary c={c} errors={errors} />
        <form method="post" action="/buddies/offer" novalidate>
          <CsrfField c={c} />
          <fieldset id="f-themes">
            <legend>{t('buddies.offerThemes')}</legend>
            {themes.codes.map((th) => (
              <label class="choice" lang={themes.own.has(th) ? 'nl' : undefined}>
                <input
                  type="checkbox"
                  name="themes"
                  value={th}
                  checked={offer?.themes.includes(th)}
                />{' '}
                {themes.name(th)}
              </label>
            ))}
          </fieldset>
          <fieldset id="f-languages">
            <legend>{t('buddies.offerLanguages')}</legend>
            {LANGUAGES.map((l) => (
              <label class="choice" lang={l}>
                <input
                  type="checkbox"
                  name="languages"
                  value={l}
                  checked={offer?.languages.includes(l)}
                />{' '}
                {LANGUAGE_NAMES[l]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('buddies.showName')}</legend>
            <label class="choice">
              <input type="radio" name="showName" value="yes" checked={offer?.show_name === true} />{' '}
              {t('buddies.showNameYes')}
            </label>
            <label class="choice">
              <input type="radio" name="showName" value="no" checked={offer?.show_name !== true} />{' '}
              {t('buddies.showNameNo')}
            </label>
          </fieldset>
          <Select
            c={c}
            name="contactChannel"
            label="profile.contact"
            value={offer?.contact_channel}
            options={(['email', 'phone', 'school'] as const).map((ch) => ({
              value: ch,
              label: t(`profile.contact.${ch}`),
            }))}
          />
          <Select
            c={c}
            name="capacity"
            label="buddies.capacity"
            value={String(offer?.capacity ?? 1)}
            options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))}
          />
          <div class={errors.until ? 'field invalid' : 'field'}>
            <label for="f-until">{t('buddies.until')}</label>
            {errors.until ? <p class="error">{t(errors.until)}</p> : null}
            <input id="f-until" type="date" name="until" />
          </div>
          <p class="hint">{t('buddies.offerConsent')}</p>
          <button type="submit">{t('buddies.offerSubmit')}</button>
        </form>
      </details>
      {referrals.length ? (
        <>
          <h2>{t('buddies.myReferrals')}</h2>
          <ul class="rows">
            {referrals.map((r) => (
              <li>
                {t('buddies.myReferralText', {
                  programme: r.name,
                  date: fmt.format(r.referred_at),
                })}
                {r.description ? (
                  <>
                    <br />
                    {r.description}
                  </>
                ) : null}
                <br />
                {r.contact.startsWith('http') ? <a href={r.contact}>{r.contact}</a> : r.contact}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {consents.length ? (
        <>
          <h2>{t('consent.title')}</h2>
          <p class="hint">{t('consent.intro')}</p>
          <ul class="rows">
            {consents.map((k, i) => (
              <li>
                {consentLabel(k.scope)} · {fmt.format(k.granted_at)}
                {k.granted_by && k.granted_by !== p.personId && k.grantedByName
                  ? ` · ${t('consent.recordedBy', { name: k.grantedByName })}`
                  : ''}
                {k.withdrawn_at
                  ? ` · ${t('consent.withdrawn', { date: fmt.format(k.withdrawn_at) })}`
                  : ''}
                {k.scope.startsWith('buddy.referral:') &&
                !consents.slice(i + 1).some((later) => later.scope === k.scope) ? (
                  // The newest word on a referral can be changed here, either way.
                  <form
                    method="post"
                    action={`/buddies/consents/${k.withdrawn_at ? 'grant' : 'withdraw'}`}
                    class="inline"
                  >
                    <CsrfField c={c} />
                    <input type="hidden" name="scope" value={k.scope} />
                    <button type="submit" class="secondary">
                      {t(k.withdrawn_at ? 'consent.regrant' : 'consent.withdraw')}
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}

/**
 * The name a coordinator searched for (POST, so that no parent's name lands in a URL, a
 * proxy's log or the browser's history), as typed; '' when too long to be a name.
 */
async function searchedName(c: Ctx): Promise<string> {
  const form = await readForm(c, ParentSearchInput)
  return form.ok ? form.data.parent : ''
}

/**
 * A coordinator finds a parent by name (reachableParents): a form that shows the same page
 * with the matches, at the same section. Says so plainly when nobody matched.
 */
function ParentFinder(props: {
  c: Ctx
  path: string
  anchor: string
  name: string
  found: number
}) {
  const t = props.c.get('t')
  const id = `find-${props.anchor}`
  return (
    <>
      <search>
        <form method="post" action={`${props.path}#${props.anchor}`} class="inline">
          <CsrfField c={props.c} />
          <label for={id}>{t('buddies.findParent')}</label>
          <input
            id={id}
            type="search"
            name="parent"
            value={props.name}
            minlength={2}
            maxlength={100}
            aria-describedby={`${id}-hint`}
          />
          <button type="submit" class="secondary">
            {t('buddies.findSubmit')}
          </button>
          <p class="hint" id={`${id}-hint`}>
            {t('buddies.findParentHint', { max: PARENT_MATCHES })}
          </p>
        </form>
      </search>
      {props.name.length >= 2 && props.found === 0 ? (
        <Empty>{t('buddies.noParentFound', { name: props.name })}</Empty>
      ) : null}
    </>
  )
}

/** The parents found or listed (reachableParents), as a choice in a form. */
const ParentSelect = (props: { c: Ctx; name: string; parents: readonly Parent[] }) => (
  <Select
    c={props.c}
    name={props.name}
    label="role.parent"
    options={props.parents.map((x) => ({ value: x.id, label: x.name }))}
  />
)
interface Parent {
  id: string
  name: string
}

async function SignalSection({ c, name }: { c: Ctx; name: string }) {
  const { t, deps: d } = c.var
  const p = inSchool(c)
  const themes = await themesOf(c)
  const coordinator = holds(p, 'ib', 'director')
  const [parents, signals] = await Promise.all([
    reachableParents(
      d.db,
      p.schoolId,
      p.personId,
      coordinator ? { coordinator, name } : { coordinator },
    ),
    signalsBy(d.db, p.schoolId, p.personId),
  ])
  return (
    <section aria-labelledby="h-signal">
      <h2 id="h-signal">{t('buddies.signal')}</h2>
      <p>{t('buddies.signalIntro')}</p>
      {coordinator ? (
        <ParentFinder
          c={c}
          path="/buddies/find-parent"
          anchor="h-signal"
          name={name}
          found={parents.length}
        />
      ) : null}
      {parents.length ? (
        <form method="post" action="/buddies/signal" class="inline">
          <CsrfField c={c} />
          <ParentSelect c={c} name="parentId" parents={parents} />
          <Select c={c} name="theme" label="buddies.theme" options={themes.options} />
          <button type="submit">{t('buddies.signalSubmit')}</button>
        </form>
      ) : coordinator ? null : (
        <Empty>{t('buddies.noParents')}</Empty>
      )}
      <h3>{t('buddies.recruit')}</h3>
      <p>{t('buddies.recruitIntro')}</p>
      {parents.length ? (
        <form method="post" action="/buddies/recruit" class="inline">
          <CsrfField c={c} />
          <ParentSelect c={c} name="candidateId" parents={parents} />
          <button type="submit">{t('buddies.recruitSubmit')}</button>
        </form>
      ) : null}
      {signals.length ? (
        <ul class="rows">
          {signals.map((sg) => (
            <li>
              {themes.name(sg.theme)} · {t('buddies.signalReceived')}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}

/**
 * What this person coordinates, asked of the policy theme by theme: the IB and director every
 * theme, a named staff member only the themes named to them.
 */
async function coordination(c: Ctx): Promise<{
  may: ThemeFilter
  any: boolean
  resource: (theme: string) => CoordinationResource
}> {
  const p = inSchool(c)
  const d = c.get('deps')
  const named = new Map(
    (await namedCoordinators(d.db, p.schoolId)).map((n) => [n.theme, n.personId]),
  )
  const resource = (theme: string): CoordinationResource => ({
    schoolId: p.schoolId,
    theme,
    namedCoordinatorId: named.get(theme) ?? null,
  })
  const may: ThemeFilter = (theme) =>
    can(p, 'buddies.coordinate', resource(theme), { demo: d.config.demo })
  return { may, any: THEMES.some(may), resource }
}

async function CoordinatorSection({ c }: { c: Ctx }) {
  const { t, deps: d } = c.var
  const p = inSchool(c)
  const { may, any } = await coordination(c)
  if (!any) return null
  const themes = await themesOf(c)
  const everything = holds(p, ...COORDINATORS)
  const [items, o] = await Promise.all([
    workList(d.db, p.schoolId, may),
    everything ? overview(d.db, p.schoolId) : null,
  ])
  return (
    <section aria-labelledby="h-coord">
      <h2 id="h-coord">{t('buddies.worklist')}</h2>
      {everything ? null : (
        <p>
          {t('buddies.coordinatesThemes', {
            themes: NAMED_COORDINATOR_THEMES.filter(may)
              .map((th) => themes.name(th))
              .join(', '),
          })}
        </p>
      )}
      {o ? <Figures c={c} o={o} /> : null}
      <form method="post" action="/buddies/batch">
        <CsrfField c={c} />
        <p class="hint">
          {t('buddies.batchIntro', {
            families: items.filter((i) => i.request.source === 'auto').length,
          })}
        </p>
        <button type="submit">{t('buddies.batch')}</button>
      </form>
      {items.length === 0 ? <Empty>{t('buddies.worklistEmpty')}</Empty> : null}
      <ul class="rows">
        {items.map(({ request: r, candidates }) => (
          <li>
            <strong>{r.name}</strong> · {themes.name(r.theme)} ·{' '}
            {t(
              r.source === 'signal'
                ? 'buddies.fromSignal'
                : r.source === 'auto'
                  ? 'buddies.fromAuto'
                  : 'buddies.fromParent',
            )}{' '}
            · {t('buddies.waitingDays', { days: r.waitingDays })}
            {candidates.length === 0 ? <p class="muted">{t('buddies.noCandidates')}</p> : null}
            <ol>
              {candidates.map((cand) => (
                <li>
                  <form method="post" action={`/buddies/requests/${r.id}/propose`} class="inline">
                    <CsrfField c={c} />
                    <input type="hidden" name="offerId" value={cand.buddyId} />
                    <span>
                      {cand.name} · {cand.score} (
                      {cand.reasons
                        .map((re) => t(`buddies.reason.${re.code}` as MessageKey))
                        .join(', ')}
                      )
                    </span>
                    <button type="submit">{t('buddies.propose')}</button>
                  </form>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Figures({ c, o }: { c: Ctx; o: Overview }) {
  const t = c.get('t')
  return (
    <>
      <dl class="figures">
        <dt>{t('buddies.fig.open')}</dt>
        <dd>{o.open}</dd>
        <dt>{t('buddies.fig.proposed')}</dt>
        <dd>{o.proposed}</dd>
        <dt>{t('buddies.fig.active')}</dt>
        <dd>{o.active}</dd>
        <dt>{t('buddies.fig.waiting')}</dt>
        <dd>{o.waitingDaysMax}</dd>
        <dt>{t('buddies.fig.idle')}</dt>
        <dd>{o.idleBuddies}</dd>
        <dt>{t('buddies.fig.helps')}</dt>
        <dd>
          {o.helps} / {o.helpsSomewhat} / {o.helpsNot}
        </dd>
      </dl>
      <p>
        <a href="/buddies/registry">{t('buddies.registry')}</a> ·{' '}
        <a href="/buddies/settings">{t('buddies.settings')}</a>
      </p>
    </>
  )
}

/** A teacher reaches the parents of their own classes; a coordinator every parent of the school. */
async function authorizeReach(
  c: Ctx,
  action: 'buddies.signal' | 'buddies.recruit',
  parentId: string,
) {
  const p = inSchool(c)
  const { db } = c.get('deps')
  const reachable =
    (await isParentOf(db, p.schoolId, parentId)) &&
    (holds(p, 'ib', 'director') || (await teachesChildOf(db, p.schoolId, p.personId, parentId)))
  authorize(c, action, { schoolId: p.schoolId, reachable })
}

function buddiesPage(c: Ctx, s: State = {}) {
  const { t, deps: d } = c.var
  const p = inSchool(c)
  const env = { demo: d.config.demo }
  return page(c, {
    title: t('nav.buddies'),
    status: s.status,
    body: (
      <>
        <h1>{t('nav.buddies')}</h1>
        <p>{t('buddies.intro')}</p>
        {can(p, 'buddies.coordinate', undefined, env) ? <CoordinatorSection c={c} /> : null}
        {can(p, 'buddies.signal', undefined, env) ? (
          <SignalSection c={c} name={s.parentSearch ?? ''} />
        ) : null}
        {can(p, 'buddies.offer', undefined, env) ? <ParentSections c={c} s={s} /> : null}
      </>
    ),
  })
}

interface SettingsState {
  /** A coordinator's search for a parent by name (ParentFinder). */
  parentSearch?: string
  themeErrors?: FieldErrors
  label?: string
  programmeErrors?: FieldErrors
  programme?: Record<string, string>
  status?: 200 | 400 | 409
}

/** Outside programmes, and referring a parent to one: only with the parent's recorded yes. */
async function ProgrammeSection({ c, s }: { c: Ctx; s: SettingsState }) {
  const { t, deps: d } = c.var
  const p = inSchool(c)
  const name = s.parentSearch ?? ''
  const [list, parents, made] = await Promise.all([
    programmes(d.db, p.schoolId),
    reachableParents(d.db, p.schoolId, p.personId, { coordinator: true, name }),
    referralsMade(d.db, p.schoolId),
  ])
  const fmt = new Intl.DateTimeFormat(c.get('lang'), {
    dateStyle: 'medium',
    timeZone: 'Europe/Amsterdam',
  })
  return (
    <section aria-labelledby="h-programmes">
      <h2 id="h-programmes">{t('buddies.programmes')}</h2>
      <p>{t('buddies.programmesIntro')}</p>
      {list.length ? (
        <ul class="rows">
          {list.map((x) => (
            <li>
              <strong>{x.name}</strong>
              {x.description ? ` · ${x.description}` : ''} · {x.contact}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('buddies.programmesEmpty')}</Empty>
      )}
      <details open={Object.keys(s.programmeErrors ?? {}).length > 0}>
        <summary>{t('buddies.programmeAdd')}</summary>
        <ErrorSummary c={c} errors={s.programmeErrors ?? {}} />
        <form method="post" action="/buddies/settings/programmes" novalidate>
          <CsrfField c={c} />
          <Field
            c={c}
            name="name"
            label="buddies.programmeName"
            value={s.programme?.name}
            errors={s.programmeErrors}
          />
          <Field
            c={c}
            name="description"
            label="buddies.programmeDescription"
            value={s.programme?.description}
            errors={s.programmeErrors}
          />
          <Field
            c={c}
            name="contact"
            label="buddies.programmeContact"
            value={s.programme?.contact}
            errors={s.programmeErrors}
          />
          <button type="submit">{t('buddies.programmeAdd')}</button>
        </form>
      </details>
      {list.length ? (
        <>
          <h3 id="h-refer">{t('buddies.refer')}</h3>
          <ParentFinder
            c={c}
            path="/buddies/settings/find-parent"
            anchor="h-refer"
            name={name}
            found={parents.length}
          />
        </>
      ) : null}
      {list.length && parents.length ? (
        <form method="post" action="/buddies/referrals">
          <CsrfField c={c} />
          <ParentSelect c={c} name="parentId" parents={parents} />
          <Select
            c={c}
            name="programmeId"
            label="buddies.programmeName"
            options={list.map((x) => ({ value: x.id, label: x.name }))}
          />
          <label class="choice">
            <input type="checkbox" name="consent" value="yes" /> {t('buddies.referConsent')}
          </label>
          <button type="submit">{t('buddies.referSubmit')}</button>
        </form>
      ) : null}
      {made.length ? (
        <>
          <h3>{t('buddies.referralsMade')}</h3>
          <ul class="rows">
            {made.map((r) => (
              <li>
                {r.parentName} · {r.name} · {fmt.format(r.referred_at)} ·{' '}
                {t(r.mailed_at ? 'buddies.referralMailed' : 'buddies.referralNotMailed')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

/** The school's own buddy arrangements: who coordinates what, its own themes. IB and director. */
async function SettingsSections({ c, s }: { c: Ctx; s: SettingsState }) {
  const { t, deps: d } = c.var
  const p = inSchool(c)
  const env = { demo: d.config.demo }
  const [named, staff, settings] = await Promise.all([
    namedCoordinators(d.db, p.schoolId),
    nameableStaff(d.db, p.schoolId),
    buddySettings(d.db, p.schoolId),
  ])
  const director = can(p, 'buddies.coordinators', undefined, env)
  const themes = await themesOf(c)
  return (
    <section aria-labelledby="h-coordinators">
      <h2 id="h-families">{t('buddies.newFamilies')}</h2>
      <p>{t('buddies.newFamiliesIntro')}</p>
      <p>
        <strong>{t(settings.offerNewFamilies ? 'buddies.settingOn' : 'buddies.settingOff')}</strong>
      </p>
      {can(p, 'buddies.settings', undefined, env) ? (
        <form method="post" action="/buddies/settings/new-families">
          <CsrfField c={c} />
          <label class="choice">
            <input
              type="checkbox"
              name="offerNewFamilies"
              value="yes"
              checked={settings.offerNewFamilies}
            />{' '}
            {t('buddies.newFamilies')}
          </label>
          <button type="submit">{t('form.save')}</button>
        </form>
      ) : null}
      <h2 id="h-coordinators">{t('buddies.coordinators')}</h2>
      <p>{t('buddies.coordinatorsIntro')}</p>
      <ul class="rows">
        {NAMED_COORDINATOR_THEMES.map((th) => {
          const current = named.find((n) => n.theme === th)
          return (
            <li>
              <strong>{themes.name(th)}</strong>:{' '}
              {current ? current.name : t('buddies.coordinatorDefault')}
              {director ? (
                <form method="post" action="/buddies/settings/coordinators" class="inline">
                  <CsrfField c={c} />
                  <input type="hidden" name="theme" value={th} />
                  <label for={`co-${th}`}>
                    {t('buddies.coordinatorFor', { theme: themes.name(th) })}
                  </label>
                  <select id={`co-${th}`} name="personId">
                    <option value="">{t('buddies.coordinatorDefault')}</option>
                    {staff.map((x) => (
                      <option value={x.id} selected={x.id === current?.personId}>
                        {x.name} ({x.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')})
                      </option>
                    ))}
                  </select>
                  <button type="submit">{t('form.save')}</button>
                </form>
              ) : null}
            </li>
          )
        })}
      </ul>
      <h2 id="h-themes">{t('buddies.schoolThemes')}</h2>
      <p>{t('buddies.schoolThemesIntro')}</p>
      {themes.own.size ? (
        <ul class="rows" lang="nl">
          {[...themes.own.values()].map((label) => (
            <li>{label}</li>
          ))}
        </ul>
      ) : (
        <Empty>{t('buddies.schoolThemesEmpty')}</Empty>
      )}
      <ErrorSummary c={c} errors={s.themeErrors ?? {}} />
      <form method="post" action="/buddies/settings/themes" novalidate>
        <CsrfField c={c} />
        <Field
          c={c}
          name="label"
          label="buddies.schoolThemeLabel"
          hint="buddies.schoolThemeHint"
          value={s.label}
          errors={s.themeErrors}
        />
        <button type="submit">{t('buddies.schoolThemeAdd')}</button>
      </form>
    </section>
  )
}

function settingsPage(c: Ctx, s: SettingsState = {}) {
  const t = c.get('t')
  return page(c, {
    title: t('buddies.settings'),
    status: s.status,
    body: (
      <>
        <h1>{t('buddies.settings')}</h1>
        <p>
          <a href="/buddies">{t('nav.buddies')}</a>
        </p>
        <SettingsSections c={c} s={s} />
        <ProgrammeSection c={c} s={s} />
      </>
    ),
  })
}

export function buddyRoutes(r: AppRouter): void {
  r.menu('/buddies', 'nav.buddies', 'buddies.view')
  r.get('/buddies', 'buddies.view', (c) => buddiesPage(c))
  // A coordinator's search for a parent by name shows the page again with the matches.
  r.post('/buddies/find-parent', 'buddies.manage', async (c) =>
    buddiesPage(c, { parentSearch: await searchedName(c) }),
  )

  r.post('/buddies/offer', 'buddies.offer', async (c) => {
    const p = inSchool(c)
    const form = await readForm(c, offerInput((await themesOf(c)).codes))
    if (!form.ok) return buddiesPage(c, { offerErrors: form.errors, status: 400 })
    await saveOffer(c.get('deps').db, p.schoolId, p.personId, form.data)
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/offer/status', 'buddies.offer', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, OfferStatusInput)
    await setOfferStatus(c.get('deps').db, p.schoolId, p.personId, input.status)
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/ask', 'buddies.ask', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, askInput((await themesOf(c)).codes))
    await askForBuddy(c.get('deps').db, p.schoolId, p.personId, input.theme)
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/links/:linkId/answer', 'buddies.answer', async (c) => {
    const p = inSchool(c)
    const link = await loadLink(c.get('deps').db, p.schoolId, idParam(c, 'linkId'))
    authorize(c, 'buddies.answer', link)
    const input = await requireForm(c, AnswerInput)
    await answer(deps(c), link, p.personId, input.answer === 'yes')
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/offers/:offerId/contact', 'buddies.contact', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, askInput((await themesOf(c)).codes))
    await contactDirectly(deps(c), p.schoolId, p.personId, idParam(c, 'offerId'), input.theme)
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/requests/:requestId/decline', 'buddies.decline', async (c) => {
    const p = inSchool(c)
    const { db } = c.get('deps')
    const request = await loadRequest(db, p.schoolId, idParam(c, 'requestId'))
    authorize(c, 'buddies.decline', request)
    await declineRequest(db, p.schoolId, p.personId, request.id)
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/links/:linkId/close', 'buddies.close', async (c) => {
    const p = inSchool(c)
    const link = await loadLink(c.get('deps').db, p.schoolId, idParam(c, 'linkId'))
    authorize(c, 'buddies.close', link)
    await closeLink(c.get('deps').db, link, p.personId)
    return c.redirect('/buddies?notice=closed', 303)
  })

  r.post('/buddies/links/:linkId/checkin', 'buddies.checkin', async (c) => {
    const p = inSchool(c)
    const link = await loadLink(c.get('deps').db, p.schoolId, idParam(c, 'linkId'))
    authorize(c, 'buddies.checkin', link)
    const input = await requireForm(c, CheckinInput)
    await recordCheckin(c.get('deps').db, p.schoolId, p.personId, link.id, input.answer)
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/signal', 'buddies.signal', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, signalInput((await themesOf(c)).codes))
    await authorizeReach(c, 'buddies.signal', input.parentId)
    await signalParent(c.get('deps').db, p.schoolId, p.personId, input.parentId, input.theme)
    return c.redirect('/buddies?notice=signalled', 303)
  })

  r.post('/buddies/recruit', 'buddies.recruit', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, RecruitInput)
    await authorizeReach(c, 'buddies.recruit', input.candidateId)
    await inviteToOffer(deps(c), p.schoolId, p.personId, input.candidateId)
    return c.redirect('/buddies?notice=recruited', 303)
  })

  r.post('/buddies/requests/:requestId/propose', 'buddies.coordinate', async (c) => {
    const p = inSchool(c)
    const request = await loadRequest(c.get('deps').db, p.schoolId, idParam(c, 'requestId'))
    authorize(c, 'buddies.coordinate', (await coordination(c)).resource(request.theme))
    const input = await requireForm(c, ProposeInput)
    await propose(deps(c), p.schoolId, p.personId, request.id, input.offerId)
    return c.redirect('/buddies?notice=proposed', 303)
  })

  r.post('/buddies/batch', 'buddies.coordinate', async (c) => {
    const p = inSchool(c)
    const { may, any } = await coordination(c)
    if (!any) throw new Forbidden()
    await batchPropose(deps(c), p.schoolId, p.personId, may)
    return c.redirect('/buddies?notice=proposed', 303)
  })

  r.get('/buddies/settings', 'buddies.manage', (c) => settingsPage(c))
  r.post('/buddies/settings/find-parent', 'buddies.manage', async (c) =>
    settingsPage(c, { parentSearch: await searchedName(c) }),
  )

  r.post('/buddies/settings/programmes', 'buddies.manage', async (c) => {
    const p = inSchool(c)
    const form = await readForm(c, ProgrammeInput)
    if (!form.ok)
      return settingsPage(c, {
        programmeErrors: form.errors,
        programme: form.values,
        status: 400,
      })
    await addProgramme(c.get('deps').db, p.schoolId, p.personId, form.data)
    return c.redirect('/buddies/settings?notice=saved', 303)
  })

  r.post('/buddies/referrals', 'buddies.refer', async (c) => {
    const p = inSchool(c)
    const { db } = c.get('deps')
    const input = await requireForm(c, ReferInput)
    authorize(c, 'buddies.refer', {
      schoolId: p.schoolId,
      parentOfSchool: await isParentOf(db, p.schoolId, input.parentId),
    })
    await refer(deps(c), p.schoolId, p.personId, input.parentId, input.programmeId, input.consent)
    return c.redirect('/buddies/settings?notice=saved', 303)
  })

  r.post('/buddies/consents/withdraw', 'buddies.consent', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, ReferralConsentInput)
    await withdrawReferralConsent(c.get('deps').db, p.schoolId, p.personId, input.scope)
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/consents/grant', 'buddies.consent', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, ReferralConsentInput)
    await regrantReferralConsent(c.get('deps').db, p.schoolId, p.personId, input.scope)
    return c.redirect('/buddies?notice=saved', 303)
  })

  r.post('/buddies/settings/new-families', 'buddies.settings', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, NewFamiliesInput)
    await setOfferNewFamilies(c.get('deps').db, p.schoolId, p.personId, input.offerNewFamilies)
    return c.redirect('/buddies/settings?notice=saved', 303)
  })

  r.post('/buddies/settings/themes', 'buddies.manage', async (c) => {
    const p = inSchool(c)
    const themes = await themesOf(c)
    const taken = [
      ...THEMES.map((th) => translator('nl')(themeLabel(th))),
      ...themes.own.values(),
    ].map((x) => x.toLowerCase())
    const form = await readForm(c, schoolThemeInput(taken, themes.own.size))
    if (!form.ok)
      return settingsPage(c, { themeErrors: form.errors, label: form.values.label, status: 400 })
    await addSchoolTheme(c.get('deps').db, p.schoolId, p.personId, form.data.label)
    return c.redirect('/buddies/settings?notice=saved', 303)
  })

  r.post('/buddies/settings/coordinators', 'buddies.coordinators', async (c) => {
    const p = inSchool(c)
    const { db } = c.get('deps')
    const input = await requireForm(c, CoordinatorInput)
    const personId = input.personId === '' ? null : input.personId
    const personRoles = personId === null ? null : await rolesIn(db, p.schoolId, personId)
    authorize(c, 'buddies.coordinators', { schoolId: p.schoolId, personRoles })
    await nameCoordinator(db, p.schoolId, p.personId, input.theme, personId)
    return c.redirect('/buddies/settings?notice=saved', 303)
  })

  r.get('/buddies/registry', 'buddies.registry', async (c) => {
    const { t } = c.var
    const p = inSchool(c)
    const rows = await registry(c.get('deps').db, p.schoolId, p.personId)
    const themes = await themesOf(c)
    return page(c, {
      title: t('buddies.registry'),
      body: (
        <>
          <h1>{t('buddies.registry')}</h1>
          <p>{t('buddies.registryIntro')}</p>
          {rows.length === 0 ? <Empty>{t('buddies.registryEmpty')}</Empty> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('buddies.theme')}</th>
                <th scope="col">{t('buddies.offerLanguages')}</th>
                <th scope="col">{t('buddies.load')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <td>
                    {row.name}
                    {row.status === 'paused' ? ` (${t('buddies.offerStatus.paused')})` : ''}
                  </td>
                  <td>{row.themes.map((th) => themes.name(th)).join(', ')}</td>
                  <td>{row.languages.join(', ')}</td>
                  <td>
                    {row.load} / {row.capacity}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ),
    })
  })
}
