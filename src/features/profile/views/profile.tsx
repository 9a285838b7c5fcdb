/** @jsxImportSource hono/jsx */
// The profile form: name, language (saved, and followed by <html lang dir>), and how the
// person likes to be contacted; with a way to their consents.
import { CONTACT_CHANNELS, LANGUAGES } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../core/http/render.tsx'
import { LANGUAGE_NAMES, languageAside, type MessageKey } from '../../../core/i18n/index.ts'

export interface ProfileValues {
  name: string
  email: string
  language: string
  contactChannel: string
  phone: string
}

export function ProfileForm({
  c,
  v,
  errors,
  consents,
}: {
  c: Ctx
  v: ProfileValues
  errors: FieldErrors
  /** Whether the person works in a school (consents are kept per school). */
  consents: boolean
}) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('profile.title')}</h1>
      <ErrorSummary c={c} errors={errors} />
      {consents ? (
        <p>
          <a href="/profile/consents">{t('profile.consentsLink')}</a>
        </p>
      ) : null}
      <p>
        <a href="/profile/data">{t('data.link')}</a>
      </p>
      <form method="post" action="/profile" novalidate>
        <CsrfField c={c} />
        <Field
          c={c}
          name="name"
          label="profile.name"
          value={v.name}
          errors={errors}
          autocomplete="name"
          required
        />
        <p>
          {t('profile.email')}: <strong>{v.email}</strong>
        </p>
        <fieldset>
          <legend>{t('profile.language')}</legend>
          {LANGUAGES.map((l) => (
            <label class="choice">
              <input type="radio" name="language" value={l} checked={v.language === l} />{' '}
              <span lang={l}>{LANGUAGE_NAMES[l]}</span>
              {languageAside(l, c.get('lang'))}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('profile.contact')}</legend>
          {CONTACT_CHANNELS.map((ch) => (
            <label class="choice">
              <input
                type="radio"
                name="contactChannel"
                value={ch}
                checked={v.contactChannel === ch}
              />{' '}
              {t(`profile.contact.${ch}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <Field
          c={c}
          name="phone"
          type="tel"
          label="profile.phone"
          hint="profile.phoneHint"
          value={v.phone}
          errors={errors}
          autocomplete="tel"
        />
        <button type="submit">{t('form.save')}</button>
      </form>
    </>
  )
}
