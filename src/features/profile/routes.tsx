/** @jsxImportSource hono/jsx */
// /profile: a person's own name, language and contact channel. /profile/consents: every
// consent they gave in the current school, with withdraw where a feature allows it.
import { setCookie } from 'hono/cookie'
import { consentById } from '../../core/consent.ts'
import { NotFound } from '../../core/errors.ts'
import type { Ctx } from '../../core/http/context.ts'
import { readForm } from '../../core/http/forms.ts'
import { cookieOptions, LANG_COOKIE } from '../../core/http/middleware.ts'
import { type FieldErrors, page } from '../../core/http/render.tsx'
import { back, idParam, inSchool, signedIn } from '../../core/http/router.ts'
import { type AppRouter, authorize } from '../../policies.ts'
import { saveProfile } from './commands/profile.ts'
import { ownConsents, ownProfile } from './read/self.ts'
import { ProfileInput } from './schema.ts'
import { ConsentsView } from './views/consents.tsx'
import { PersonalDataView } from './views/data.tsx'
import { ProfileForm, type ProfileValues } from './views/profile.tsx'

function profilePage(c: Ctx, v: ProfileValues, errors: FieldErrors = {}, status: 200 | 400 = 200) {
  return page(c, {
    title: c.get('t')('profile.title'),
    status,
    body: (
      <ProfileForm c={c} v={v} errors={errors} consents={c.get('principal')?.schoolId != null} />
    ),
  })
}

export function profileRoutes(r: AppRouter): void {
  r.get('/profile', 'profile.view', async (c) => {
    const p = signedIn(c)
    const row = await ownProfile(c.get('deps').db, p.personId)
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
    return back(c, '/profile', 'saved')
  })

  // Only the principal's own data: neither route takes a person id.
  r.get('/profile/data', 'profile.export', async (c) => {
    const p = signedIn(c)
    const d = c.get('deps')
    const parts = await d.personalData.collect(d.db, p.personId)
    return page(c, {
      title: c.get('t')('data.title'),
      body: <PersonalDataView c={c} parts={parts} />,
    })
  })

  r.get('/profile/data.json', 'profile.export', async (c) => {
    const p = signedIn(c)
    const d = c.get('deps')
    const parts = await d.personalData.collect(d.db, p.personId)
    const body = {
      kind: 'kringwerk-personal-data/1',
      madeAt: new Date().toISOString(),
      person: p.personId,
      features: Object.fromEntries(
        parts.map((part) => [
          part.feature,
          Object.fromEntries(part.sections.map((s) => [s.name, s.rows])),
        ]),
      ),
    }
    return c.body(JSON.stringify(body, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="kringwerk-mijn-gegevens.json"',
    })
  })

  r.get('/profile/consents', 'profile.consents', async (c) => {
    const p = inSchool(c)
    const lines = await ownConsents(c.get('deps'), p.schoolId, p.personId, c.get('t'))
    return page(c, {
      title: c.get('t')('consent.title'),
      body: <ConsentsView c={c} lines={lines} />,
    })
  })

  for (const [verb, notice] of [
    ['withdraw', 'consentWithdrawn'],
    ['regrant', 'consentGiven'],
  ] as const) {
    r.post(`/profile/consents/:id/${verb}`, 'profile.consents', async (c) => {
      const p = inSchool(c)
      const consent = await consentById(c.get('deps').db, p.schoolId, idParam(c, 'id'))
      if (!consent) throw new NotFound()
      authorize(c, 'profile.consents', consent)
      // Nothing to do (a second press, or a kind that cannot be withdrawn): just the page again.
      if (!(await c.get('deps').consents[verb](c.get('deps'), consent)))
        return c.redirect('/profile/consents', 303)
      return back(c, '/profile/consents', notice)
    })
  }
}
