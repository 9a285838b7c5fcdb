/** @jsxImportSource hono/jsx */
// /buddies/settings: the school's own buddy arrangements (every new family, who coordinates
// what, the school's own themes) and help beyond school (programmes, referring a parent).
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  Empty,
  ErrorSummary,
  Field,
  type FieldErrors,
  Select,
} from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatStyled } from '../../../core/time.ts'
import type { SettingsPage } from '../read/page.ts'
import { NAMED_COORDINATOR_THEMES } from '../themes.ts'
import { ParentFinder, ParentSelect } from './parents.tsx'

/** A form's errors and values, kept when it comes back with status 400. */
export interface SettingsForms {
  themeErrors?: FieldErrors
  label?: string
  programmeErrors?: FieldErrors
  programme?: Record<string, string>
}

function Arrangements({ c, v, f }: { c: Ctx; v: SettingsPage; f: SettingsForms }) {
  const t = c.get('t')
  const { themes } = v
  return (
    <section aria-labelledby="h-coordinators">
      <h2 id="h-families">{t('buddies.newFamilies')}</h2>
      <p>{t('buddies.newFamiliesIntro')}</p>
      <p>
        <strong>{t(v.offerNewFamilies ? 'buddies.settingOn' : 'buddies.settingOff')}</strong>
      </p>
      {v.maySwitch ? (
        <form method="post" action="/buddies/settings/new-families">
          <CsrfField c={c} />
          <label class="choice">
            <input
              type="checkbox"
              name="offerNewFamilies"
              value="yes"
              checked={v.offerNewFamilies}
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
          const current = v.named.find((n) => n.theme === th)
          return (
            <li>
              <strong>{themes.name(th)}</strong>:{' '}
              {current ? current.name : t('buddies.coordinatorDefault')}
              {v.mayName ? (
                <form method="post" action="/buddies/settings/coordinators" class="inline">
                  <CsrfField c={c} />
                  <input type="hidden" name="theme" value={th} />
                  <label for={`co-${th}`}>
                    {t('buddies.coordinatorFor', { theme: themes.name(th) })}
                  </label>
                  <select id={`co-${th}`} name="personId">
                    <option value="">{t('buddies.coordinatorDefault')}</option>
                    {v.staff.map((x) => (
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
      <ErrorSummary c={c} errors={f.themeErrors ?? {}} />
      <form method="post" action="/buddies/settings/themes" novalidate>
        <CsrfField c={c} />
        <Field
          c={c}
          name="label"
          label="buddies.schoolThemeLabel"
          hint="buddies.schoolThemeHint"
          value={f.label}
          errors={f.themeErrors}
        />
        <button type="submit">{t('buddies.schoolThemeAdd')}</button>
      </form>
    </section>
  )
}

const PROGRAMME_FIELDS = [
  ['name', 'buddies.programmeName'],
  ['description', 'buddies.programmeDescription'],
  ['contact', 'buddies.programmeContact'],
] as const

/** Outside programmes, and referring a parent to one: only with the parent's recorded yes. */
function Programmes({ c, v, f }: { c: Ctx; v: SettingsPage; f: SettingsForms }) {
  const t = c.get('t')
  const lang = c.get('lang')
  const errors = f.programmeErrors
  const list = v.programmes
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
      <details open={Object.keys(errors ?? {}).length > 0}>
        <summary>{t('buddies.programmeAdd')}</summary>
        <ErrorSummary c={c} errors={errors ?? {}} />
        <form method="post" action="/buddies/settings/programmes" novalidate>
          <CsrfField c={c} />
          {PROGRAMME_FIELDS.map(([name, label]) => (
            <Field c={c} name={name} label={label} value={f.programme?.[name]} errors={errors} />
          ))}
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
            name={v.search}
            found={v.parents.length}
          />
        </>
      ) : null}
      {list.length && v.parents.length ? (
        <form method="post" action="/buddies/referrals">
          <CsrfField c={c} />
          <ParentSelect c={c} name="parentId" parents={v.parents} />
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
      {v.referrals.length ? (
        <>
          <h3>{t('buddies.referralsMade')}</h3>
          <ul class="rows">
            {v.referrals.map((r) => (
              <li>
                {r.parentName} · {r.name} · {formatStyled(lang, r.referred_at, 'day')} ·{' '}
                {t(r.mailed_at ? 'buddies.referralMailed' : 'buddies.referralNotMailed')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  )
}

export function SettingsBody({ c, v, f }: { c: Ctx; v: SettingsPage; f: SettingsForms }) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('buddies.settings')}</h1>
      <p>
        <a href="/buddies">{t('nav.buddies')}</a>
      </p>
      <Arrangements c={c} v={v} f={f} />
      <Programmes c={c} v={v} f={f} />
    </>
  )
}
