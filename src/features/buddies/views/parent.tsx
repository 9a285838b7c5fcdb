/** @jsxImportSource hono/jsx */
// A parent's sections of /buddies: what waits for their answer (a new family's offer, "helpt
// het?", a proposal, a parent who asks), their links, asking for a buddy, the buddies listed by
// name, their own offer, their referrals and the way to their consents.
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty, type FieldErrors, Select } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatStyled } from '../../../core/time.ts'
import type { ParentView } from '../read/parent.ts'
import type { Themes } from '../read/themes.ts'
import { OfferSection } from './offer.tsx'

const AnswerForm = ({ c, linkId }: { c: Ctx; linkId: string }) => {
  const t = c.get('t')
  return (
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
}

/** The cards that wait for the parent's answer. */
function Waiting({ c, v, themes }: { c: Ctx; v: ParentView; themes: Themes }) {
  const t = c.get('t')
  return (
    <>
      {v.welcome.map((w) => (
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
      {v.due.map((k) => (
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
      {v.offers.map((o) => (
        <section class="card" aria-label={t('buddies.offerForYou')}>
          <h2>{t('buddies.offerForYou')}</h2>
          <p>{t('buddies.offerText', { theme: themes.name(o.theme) })}</p>
          <AnswerForm c={c} linkId={o.id} />
        </section>
      ))}
      {v.asks.map((a) => (
        <section class="card" aria-label={t('buddies.askForYou')}>
          <h2>{t('buddies.askForYou')}</h2>
          <p>{t('buddies.askText', { theme: themes.name(a.theme) })}</p>
          <AnswerForm c={c} linkId={a.id} />
        </section>
      ))}
    </>
  )
}

/** The parent's links, and asking for a buddy (or contacting a listed one directly). */
function LinksAndAsking({ c, v, themes }: { c: Ctx; v: ParentView; themes: Themes }) {
  const t = c.get('t')
  return (
    <>
      <h2>{t('buddies.links')}</h2>
      {v.links.length === 0 ? <Empty>{t('buddies.linksEmpty')}</Empty> : null}
      <ul class="cards">
        {v.links.map((l) => (
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
      {v.requests.length ? (
        <ul class="rows">
          {v.requests.map((r) => (
            <li>
              {themes.name(r.theme)} ·{' '}
              {r.status === 'proposed' && !v.offers.some((o) => o.theme === r.theme)
                ? t('buddies.status.proposedBuddy')
                : t(`buddies.status.${r.status}` as MessageKey)}
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" action="/buddies/ask" class="inline">
        <CsrfField c={c} />
        <Select c={c} name="theme" label="buddies.theme" options={themes.options} />
        <button type="submit">{t('buddies.askSubmit')}</button>
      </form>
      {v.listed.length ? (
        <>
          <h3>{t('buddies.listed')}</h3>
          <ul class="rows">
            {v.listed.map((b) => (
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
    </>
  )
}

function Referrals({ c, v }: { c: Ctx; v: ParentView }) {
  const t = c.get('t')
  const lang = c.get('lang')
  if (!v.referrals.length) return null
  return (
    <>
      <h2>{t('buddies.myReferrals')}</h2>
      <ul class="rows">
        {v.referrals.map((r) => (
          <li>
            {t('buddies.myReferralText', {
              programme: r.name,
              date: formatStyled(lang, r.referred_at, 'day'),
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
  )
}

/** Every consent the parent gave, of every part of the app, is on their consents page. */
const Consents = ({ c }: { c: Ctx }) => (
  <p>
    <a href="/profile/consents">{c.get('t')('buddies.allConsents')}</a>
  </p>
)

export function ParentSections(props: {
  c: Ctx
  v: ParentView
  themes: Themes
  offerErrors?: FieldErrors
}) {
  const { c, v, themes } = props
  return (
    <>
      <Waiting c={c} v={v} themes={themes} />
      <LinksAndAsking c={c} v={v} themes={themes} />
      <OfferSection c={c} offer={v.offer} themes={themes} errors={props.offerErrors ?? {}} />
      <Referrals c={c} v={v} />
      <Consents c={c} />
    </>
  )
}
