/** @jsxImportSource hono/jsx */
// A parent's own offer to be a buddy: its state with pause, resume and stop, and the form to
// make or change it (its errors kept on the page).
import { LANGUAGES } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, ErrorSummary, type FieldErrors, Select } from '../../../core/http/render.tsx'
import { LANGUAGE_NAMES, languageAside, type MessageKey } from '../../../core/i18n/index.ts'
import type { Offer } from '../read/parent.ts'
import type { Themes } from '../read/themes.ts'

export function OfferSection(props: {
  c: Ctx
  offer: Offer | undefined
  themes: Themes
  errors: FieldErrors
}) {
  const { c, offer, themes, errors } = props
  const t = c.get('t')
  const standing = offer !== undefined && offer.status !== 'withdrawn'
  return (
    <>
      <h2 id="offer">{t('buddies.offer')}</h2>
      {standing ? (
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
      <details open={Object.keys(errors).length > 0 || !standing}>
        <summary>{standing ? t('buddies.offerChange') : t('buddies.offerStart')}</summary>
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
              <label class="choice">
                <input
                  type="checkbox"
                  name="languages"
                  value={l}
                  checked={offer?.languages.includes(l)}
                />{' '}
                <span lang={l}>{LANGUAGE_NAMES[l]}</span>
                {languageAside(l, c.get('lang'))}
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
    </>
  )
}
