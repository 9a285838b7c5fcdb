/** @jsxImportSource hono/jsx */
// "Alles wat Kringwerk over u bewaart": a person's own data, feature by feature, each record a
// short list of labelled facts; dates in the reader's language, what others typed isolated for
// bidi. The same data downloads as JSON.

import { ROLES, type Role } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { languageName, type MessageKey } from '../../../core/i18n/index.ts'
import type { Fact, PersonalSection } from '../../../core/personal-data.ts'
import { formatStyled } from '../../../core/time.ts'

const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v)

const CHANNELS = new Set(['email', 'phone', 'school'])

/** Facts that are a day, not a moment. */
const DAYS = new Set(['until', 'trainedOn'])

function show(c: Ctx, field: string, v: Fact): string | null {
  const t = c.get('t')
  if (v === null || v === '') return null
  if (v instanceof Date) return formatStyled(c.get('lang'), v, DAYS.has(field) ? 'day' : 'stamp')
  if (typeof v === 'boolean') return t(v ? 'data.yes' : 'data.no')
  if (field === 'role' && typeof v === 'string' && isRole(v)) return t(`role.${v}`)
  if (field === 'language' && typeof v === 'string') return languageName(v, c.get('lang'))
  if ((field === 'contactChannel' || field === 'channel') && CHANNELS.has(String(v)))
    return t(`profile.contact.${v as 'email' | 'phone' | 'school'}`)
  return String(v)
}

export function PersonalDataView({
  c,
  parts,
}: {
  c: Ctx
  parts: readonly { feature: string; sections: readonly PersonalSection[] }[]
}) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('data.title')}</h1>
      <p>{t('data.intro')}</p>
      <p>
        <a href="/profile/data.json" download="kringwerk-mijn-gegevens.json">
          {t('data.download')}
        </a>
      </p>
      {parts.flatMap((part) =>
        part.sections.map((s) => (
          <section aria-labelledby={`data-${s.name}`}>
            <h2 id={`data-${s.name}`}>{t(`data.section.${s.name}` as MessageKey)}</h2>
            <ul class="cards">
              {s.rows.map((row) => (
                <li>
                  <dl class="facts">
                    {Object.entries(row).map(([field, v]) => {
                      const text = show(c, field, v)
                      return text === null ? null : (
                        <>
                          <dt>{t(`data.field.${field}` as MessageKey)}</dt>
                          <dd class="wrap">
                            <bdi>{text}</bdi>
                          </dd>
                        </>
                      )
                    })}
                  </dl>
                </li>
              ))}
            </ul>
          </section>
        )),
      )}
      <p>{t('data.anonymous')}</p>
      <p>{t('data.nothing')}</p>
    </>
  )
}
