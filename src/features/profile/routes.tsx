/** @jsxImportSource hono/jsx */
// The profile page: name, language (saved, and followed by <html lang dir>), and how the
// person likes to be contacted.
import { setCookie } from 'hono/cookie'
import { CONTACT_CHANNELS, LANGUAGES } from '../../core/db/schema.ts'
import type { Ctx } from '../../core/http/context.ts'
import { readForm } from '../../core/http/forms.ts'
import { cookieOptions, LANG_COOKIE } from '../../core/http/middleware.ts'
import { CsrfField, ErrorSummary, Field, type FieldErrors, page } from '../../core/http/render.tsx'
import { signedIn } from '../../core/http/router.ts'
import { LANGUAGE_NAMES, type MessageKey } from '../../core/i18n/index.ts'
import type { AppRouter } from '../../policies.ts'
import { ProfileInput } from './schema.ts'
import { getProfile, saveProfile } from './service.ts'

interface Values {
  name: string
  email: string
  language: string
  contactChannel: string
  phone: string
}

function profilePage(c: Ctx, v: Values, errors: FieldErrors = {}, status: 200 | 400 = 200) {
  const t = c.get('t')
  return page(c, {
    title: t('profile.title'),
    status,
    body: (
      <>
        <h1>{t('profile.title')}</h1>
        <ErrorSummary c={c} errors={errors} />
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
              <label class="choice" lang={l}>
                <input type="radio" name="language" value={l} checked={v.language === l} />{' '}
                {LANGUAGE_NAMES[l]}
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
    ),
  })
}

export function profileRoutes(r: AppRouter): void {
  r.get('/profile', 'profile.view', async (c) => {
    const p = signedIn(c)
    const row = await getProfile(c.get('deps').db, p.personId)
    return profilePage(c, {
      name: row.name,
      email: row.email,
      language: row.language,
      contactChannel: row.contact_channel,
      phone: row.phone ?? '',
    })
  })

  r.post('/profile', 'profile.update', async (c) => {
    const p = signedIn(c)
    const form = await readForm(c, ProfileInput)
    if (!form.ok) {
      const v = form.values
      return profilePage(
        c,
        {
          name: v.name ?? '',
          email: p.email,
          language: v.language ?? p.language,
          contactChannel: v.contactChannel ?? '',
          phone: v.phone ?? '',
        },
        form.errors,
        400,
      )
    }
    await saveProfile(c.get('deps').db, p.personId, form.data)
    setCookie(c, LANG_COOKIE, form.data.language, cookieOptions(c, 365 * 24 * 3600))
    return c.redirect('/profile?notice=saved', 303)
  })
}
