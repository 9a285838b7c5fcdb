/** @jsxImportSource hono/jsx */
// The one page layout and the small shared view pieces (form fields, error summary, empty
// states). Every HTML page goes through page(); pages carry no script at all.
import './jsx-setup.ts'
import { html } from 'hono/html'
import type { Child } from 'hono/jsx'
import { LANGUAGES } from '../db/schema.ts'
import { direction, LANGUAGE_NAMES, type MessageKey } from '../i18n/index.ts'
import type { PolicyEnv } from '../policy.ts'
import { type Principal, schoolsOf } from '../principal.ts'
import type { Ctx } from './context.ts'
import { assetUrl } from './static.ts'

/** A header menu entry, shown to those whose principal may take its action. */
export interface NavEntry {
  href: string
  label: MessageKey
  visible: (p: Principal | null, env: PolicyEnv) => boolean
}

const nav: NavEntry[] = []
/** Features add their entries through Router.menu; the header shows those the principal may use. */
export function registerNav(item: NavEntry): void {
  if (!nav.some((n) => n.href === item.href)) nav.push(item)
}

const NOTICES = new Set(['saved'])

/**
 * Features list the `?notice=` codes their redirects use (each has a `notice.<code>` key);
 * the app registers them where it is composed.
 */
export function registerNotices(...codes: string[]): void {
  for (const code of codes) NOTICES.add(code)
}

export interface PageOptions {
  title: string
  body: Child
  status?: 200 | 400 | 403 | 404 | 409 | 413 | 422 | 429 | 500
  /** Work lists and tables use the whole width of a desktop screen. */
  wide?: boolean
}

export function page(c: Ctx, { title, body, status = 200, wide = false }: PageOptions) {
  // c.get, not c.var: Hono builds a fresh object from all variables on every c.var read.
  const t = c.get('t')
  const lang = c.get('lang')
  const p = c.get('principal')
  const csrf = c.get('csrf')
  const env = { demo: c.get('deps').config.demo }
  const notice = c.req.query('notice')
  const schools = p ? schoolsOf(p) : []
  const items = nav.filter((n) => n.visible(p, env))
  // The layout is an html`` template, not JSX. It is on every page, and hono/jsx took four
  // times as long to render the same markup (docs/decisions/0004). A JSX <head> or <svg>
  // would also wrap itself in a namespace context that every later element looks up.
  // Interpolated values are escaped as in JSX; attribute values are always quoted.
  const header = p
    ? html`${
        schools.length > 1
          ? html`<form method="post" action="/school" class="switch"><input type="hidden" name="_csrf" value="${csrf}"/><label for="school-switch">${t('layout.school')}</label><select id="school-switch" name="schoolId">${schools.map((s) => (s.id === p.schoolId ? html`<option value="${s.id}" selected="">${s.name}</option>` : html`<option value="${s.id}">${s.name}</option>`))}</select><button type="submit" class="secondary">${t('layout.switch')}</button></form>`
          : p.schoolName
            ? html`<span class="school">${p.schoolName}</span>`
            : null
      }<nav aria-label="${t('layout.menu')}"><a href="/home">${t('nav.home')}</a>${items.map((n) => html`<a href="${n.href}">${t(n.label)}</a>`)}<a href="/profile">${t('nav.profile')}</a><form method="post" action="/signout"><input type="hidden" name="_csrf" value="${csrf}"/><button type="submit" class="link">${t('nav.signout')}</button></form></nav>`
    : null
  // Signed out, every page offers every language, each named in itself, one press away: a
  // parent who cannot read the current language can still find their own.
  // The whole address, query included: a join or sign-in link keeps its token.
  const back = () => (c.req.method === 'GET' ? c.req.path + new URL(c.req.url).search : '/signin')
  const picker = p
    ? null
    : html`<form method="post" action="/language" class="langs" aria-label="${t('layout.language')}"><input type="hidden" name="_csrf" value="${csrf}"/><input type="hidden" name="back" value="${back()}"/>${LANGUAGES.map((l) => (l === lang ? html`<strong lang="${l}">${LANGUAGE_NAMES[l]}</strong>` : html`<button type="submit" class="link" name="language" value="${l}" lang="${l}">${LANGUAGE_NAMES[l]}</button>`))}</form>`
  const shown =
    notice && NOTICES.has(notice)
      ? html`<div class="govuk-notification-banner govuk-notification-banner--success" role="status" aria-labelledby="notice-title"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="notice-title">${t('layout.done')}</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${t(`notice.${notice}` as MessageKey)}</p></div></div>`
      : null
  // An async section (a staff home that loads its figures) makes the document a promise.
  const doc = html`<!doctype html><html lang="${lang}" dir="${direction(lang)}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/><title>${title} · Kringwerk</title><link rel="stylesheet" href="${assetUrl('app.css')}"/></head><body><a class="skip" href="#main">${t('layout.skip')}</a><header><a class="brand" href="/">Kringwerk</a>${header}</header>${picker}<main id="main"${wide ? html` class="wide"` : ''}>${shown}${body}</main></body></html>`
  return c.html(doc instanceof Promise ? doc.then(String) : doc.toString(), status)
}

export const CsrfField = ({ c }: { c: Ctx }) => (
  <input type="hidden" name="_csrf" value={c.get('csrf')} />
)

export type FieldErrors = Partial<Record<string, MessageKey>>

/**
 * GOV.UK's error summary: at the top of the form, focusable, each problem a link to its field.
 * A field named in `errors` must render with id `f-<name>` (Field, Select, DateField do).
 */
export function ErrorSummary({ c, errors }: { c: Ctx; errors: FieldErrors }) {
  const entries = Object.entries(errors)
  if (entries.length === 0) return null
  const t = c.get('t')
  return (
    <div class="govuk-error-summary errors" role="alert" tabindex={-1}>
      <h2 class="govuk-error-summary__title">{t('form.errorsTitle')}</h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          {entries.map(([field, key]) => (
            <li>
              <a href={`#f-${field}`}>{t(key as MessageKey)}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

interface FieldProps {
  c: Ctx
  name: string
  label: MessageKey
  errors?: FieldErrors
  value?: string
  type?: 'text' | 'email' | 'tel'
  autocomplete?: string
  hint?: MessageKey
  required?: boolean
  inputmode?: 'numeric' | 'email' | 'tel' | 'text'
}

export function Field(f: FieldProps) {
  const t = f.c.get('t')
  const err = f.errors?.[f.name]
  const id = `f-${f.name}`
  const describedBy = [f.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ')
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{t(f.label)}</label>
      {f.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {t(f.hint)}
        </p>
      ) : null}
      {err ? (
        <p class="error" id={`${id}-err`}>
          {t(err)}
        </p>
      ) : null}
      <input
        id={id}
        name={f.name}
        type={f.type ?? 'text'}
        value={f.value ?? ''}
        autocomplete={f.autocomplete}
        inputmode={f.inputmode}
        required={f.required}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  )
}

interface SelectProps {
  c: Ctx
  name: string
  label: MessageKey
  options: { value: string; label: string }[]
  value?: string
  errors?: FieldErrors
}

export function Select(s: SelectProps) {
  const err = s.errors?.[s.name]
  const id = `f-${s.name}`
  return (
    <div class={err ? 'field invalid' : 'field'}>
      <label for={id}>{s.c.get('t')(s.label)}</label>
      {err ? (
        <p class="error" id={`${id}-err`}>
          {s.c.get('t')(err)}
        </p>
      ) : null}
      <select id={id} name={s.name} aria-describedby={err ? `${id}-err` : undefined}>
        {s.options.map((o) => (
          <option value={o.value} selected={o.value === s.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** What will appear here, said plainly, when there is nothing yet. */
export const Empty = ({ children }: { children: Child }) => <p class="empty">{children}</p>

interface DateFieldProps {
  c: Ctx
  name: string
  label: MessageKey
  /** The form's values as posted (name.day, name.month, name.year), or an ISO date to show. */
  values?: Record<string, string | undefined>
  value?: string
  errors?: FieldErrors
  hint?: MessageKey
}

/**
 * GOV.UK's date input: day, month and year boxes in a fieldset. The month may be typed as a
 * word, a whole date pasted in one box counts (forms.ts parseDate), and the boxes keep what
 * was typed when the form comes back with an error.
 */
export function DateField(f: DateFieldProps) {
  const t = f.c.get('t')
  const err = f.errors?.[f.name]
  const id = `f-${f.name}`
  const [y, m, d] = f.value && /^\d{4}-\d{2}-\d{2}$/.test(f.value) ? f.value.split('-') : []
  const part = (p: 'day' | 'month' | 'year', fallback?: string) =>
    f.values?.[`${f.name}.${p}`] ?? fallback?.replace(/^0/, '') ?? ''
  const box = (p: 'day' | 'month' | 'year', label: MessageKey, width: number, value: string) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={p === 'day' ? id : `${id}-${p}`}>
          {t(label)}
        </label>
        <input
          class={`govuk-input govuk-date-input__input govuk-input--width-${width}${err ? ' govuk-input--error' : ''}`}
          id={p === 'day' ? id : `${id}-${p}`}
          name={`${f.name}.${p}`}
          type="text"
          inputmode={p === 'month' ? 'text' : 'numeric'}
          value={value}
          autocomplete="off"
        />
      </div>
    </div>
  )
  return (
    <div class={err ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <fieldset
        class="govuk-fieldset"
        aria-describedby={[`${id}-hint`, err ? `${id}-err` : ''].filter(Boolean).join(' ')}
      >
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{t(f.label)}</legend>
        <p class="govuk-hint" id={`${id}-hint`}>
          {t(f.hint ?? 'form.dateHint')}
        </p>
        {err ? (
          <p class="govuk-error-message" id={`${id}-err`}>
            {t(err)}
          </p>
        ) : null}
        <div class="govuk-date-input">
          {box('day', 'form.day', 2, part('day', d))}
          {box('month', 'form.month', 10, part('month', m))}
          {box('year', 'form.year', 4, part('year', y))}
        </div>
      </fieldset>
    </div>
  )
}

/** A status shown as a coloured tag (GOV.UK's tag): grey waits, yellow needs someone, green runs. */
export const Tag = ({
  tone,
  children,
}: {
  tone: 'grey' | 'green' | 'yellow' | 'red' | 'blue'
  children: Child
}) => <strong class={tone === 'blue' ? 'tag' : `tag ${tone}`}>{children}</strong>

/** GOV.UK's summary list: what a record says, key by key. */
export function SummaryList({ rows }: { rows: { key: Child; value: Child }[] }) {
  return (
    <dl class="govuk-summary-list">
      {rows.map((r) => (
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{r.key}</dt>
          <dd class="govuk-summary-list__value">{r.value}</dd>
        </div>
      ))}
    </dl>
  )
}
