/** @jsxImportSource hono/jsx */
// The one page layout and the small shared view pieces (form fields, error summary, empty
// states). Every HTML page goes through page(); pages carry no script at all.
import './jsx-setup.ts'
import { html } from 'hono/html'
import type { Child } from 'hono/jsx'
import { direction, type MessageKey } from '../i18n/index.ts'
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
}

export function page(c: Ctx, { title, body, status = 200 }: PageOptions) {
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
          ? html`<form method="post" action="/school" class="switch"><input type="hidden" name="_csrf" value="${csrf}"/><label for="school-switch">${t('layout.school')}</label><select id="school-switch" name="schoolId">${schools.map((s) => (s.id === p.schoolId ? html`<option value="${s.id}" selected="">${s.name}</option>` : html`<option value="${s.id}">${s.name}</option>`))}</select><button type="submit">${t('layout.switch')}</button></form>`
          : p.schoolName
            ? html`<span class="school">${p.schoolName}</span>`
            : null
      }<nav aria-label="${t('layout.menu')}"><a href="/home">${t('nav.home')}</a>${items.map((n) => html`<a href="${n.href}">${t(n.label)}</a>`)}<a href="/profile">${t('nav.profile')}</a><form method="post" action="/signout"><input type="hidden" name="_csrf" value="${csrf}"/><button type="submit" class="link">${t('nav.signout')}</button></form></nav>`
    : null
  const shown =
    notice && NOTICES.has(notice)
      ? html`<p class="notice" role="status">${t(`notice.${notice}` as MessageKey)}</p>`
      : null
  // An async section (a staff home that loads its figures) makes the document a promise.
  const doc = html`<!doctype html><html lang="${lang}" dir="${direction(lang)}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/><title>${title} · Kringwerk</title><link rel="stylesheet" href="${assetUrl('app.css')}"/></head><body><a class="skip" href="#main">${t('layout.skip')}</a><header><a class="brand" href="/">Kringwerk</a>${header}</header><main id="main">${shown}${body}</main></body></html>`
  return c.html(doc instanceof Promise ? doc.then(String) : doc.toString(), status)
}

export const CsrfField = ({ c }: { c: Ctx }) => (
  <input type="hidden" name="_csrf" value={c.get('csrf')} />
)

export type FieldErrors = Partial<Record<string, MessageKey>>

export function ErrorSummary({ c, errors }: { c: Ctx; errors: FieldErrors }) {
  const entries = Object.entries(errors)
  if (entries.length === 0) return null
  return (
    <div class="errors" role="alert">
      <h2>{c.get('t')('form.errorsTitle')}</h2>
      <ul>
        {entries.map(([field, key]) => (
          <li>
            <a href={`#f-${field}`}>{c.get('t')(key as MessageKey)}</a>
          </li>
        ))}
      </ul>
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
