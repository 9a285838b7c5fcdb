/** @jsxImportSource hono/jsx */
// /sociale-kaart: where a family can turn to in this municipality, searchable in the
// reader's language, with "speaks my language" as a filter; each service says what for, who
// for, when, where, what it costs, which languages its people speak and whether an interpreter
// can come. Text the register has only in Dutch is marked as Dutch.
import type { Ctx } from '../../../core/http/context.ts'
import { Empty } from '../../../core/http/render.tsx'
import { languageName } from '../../../core/i18n/index.ts'
import type { FoundService } from '../hsds.ts'
import type { Municipality } from '../read/municipality.ts'

export interface MapData {
  municipality: Municipality
  found: FoundService[]
  total: number
  q: string
  speaks: boolean
  page: number
  pages: number
}

/** Dutch text from the register: marked, so it reads left to right on an Arabic page. */
const Nl = ({ children }: { children: string }) => (
  <span lang="nl" dir="ltr">
    {children}
  </span>
)

/** "Engels, Arabisch en Nederlands" in the reader's language (Intl's list format). */
const list = (lang: string, items: string[]) =>
  new Intl.ListFormat(lang, { type: 'conjunction' }).format(items)

/** A register's link, only when it is a web address (an import could carry `javascript:`). */
const web = (url: string | undefined): string | undefined =>
  url && /^https?:\/\//i.test(url) ? url : undefined

/** The same search, another page. */
function pageLink(d: MapData, page: number): string {
  const q = new URLSearchParams({ m: d.municipality.id })
  if (d.q) q.set('q', d.q)
  if (d.speaks) q.set('speaks', 'yes')
  q.set('page', String(page))
  return `/sociale-kaart?${q}`
}

export function MapPage({ c, d }: { c: Ctx; d: MapData }) {
  const t = c.get('t')
  const lang = c.get('lang')
  const m = d.municipality
  const base = `/sociale-kaart?m=${m.id}`
  return (
    <>
      <h1>{t('map.title')}</h1>
      <p>{t('map.intro', { place: m.name })}</p>
      <form method="get" action="/sociale-kaart">
        <input type="hidden" name="m" value={m.id} />
        <div class="field">
          <label for="f-q">{t('map.search')}</label>
          <p class="hint" id="f-q-hint">
            {t('map.searchHint')}
          </p>
          <input id="f-q" name="q" type="search" value={d.q} aria-describedby="f-q-hint" />
        </div>
        {lang !== 'nl' ? (
          <label class="choice">
            <input type="checkbox" name="speaks" value="yes" checked={d.speaks} />{' '}
            {t('map.speaks', { language: languageName(lang, lang) })}
          </label>
        ) : null}
        <button type="submit">{t('map.find')}</button>
      </form>
      <p role="status">{t('map.count', { n: d.total })}</p>
      {d.found.length ? (
        <ul class="cards">
          {d.found.map(({ service: s, translated }) => {
            const text = (v: string) => (translated ? v : <Nl>{v}</Nl>)
            return (
              <li class="card">
                <h2 class="h3">{text(s.name)}</h2>
                <p class="meta">
                  <Nl>{s.organization.name}</Nl>
                </p>
                <p>{text(s.description)}</p>
                <dl class="facts">
                  {s.eligibility_description ? (
                    <>
                      <dt>{t('map.forWhom')}</dt>
                      <dd lang="nl" dir="ltr">
                        {s.eligibility_description}
                      </dd>
                    </>
                  ) : null}
                  {s.schedules.length ? (
                    <>
                      <dt>{t('map.when')}</dt>
                      <dd lang="nl" dir="ltr">
                        {s.schedules.map((x) => x.description).join('; ')}
                      </dd>
                    </>
                  ) : null}
                  {s.service_at_locations.map((sl) => {
                    const a = sl.location.addresses[0]
                    return a ? (
                      <>
                        <dt>{t('map.where')}</dt>
                        <dd lang="nl" dir="ltr">
                          {[sl.location.name, a.address_1, `${a.postal_code} ${a.city}`]
                            .filter(Boolean)
                            .join(', ')}
                        </dd>
                      </>
                    ) : null
                  })}
                  {s.fees_description ? (
                    <>
                      <dt>{t('map.costs')}</dt>
                      <dd lang="nl" dir="ltr">
                        {s.fees_description}
                      </dd>
                    </>
                  ) : null}
                  <dt>{t('map.languages')}</dt>
                  <dd>
                    {list(
                      lang,
                      s.languages.map((l) => languageName(l.code, lang)),
                    )}
                  </dd>
                  {s.interpretation_services ? (
                    <>
                      <dt>{t('map.interpreter')}</dt>
                      <dd lang="nl" dir="ltr">
                        {s.interpretation_services}
                      </dd>
                    </>
                  ) : null}
                  {s.phones.length || s.email || web(s.url) ? (
                    <>
                      <dt>{t('map.contact')}</dt>
                      <dd>
                        {s.phones.map((p) => (
                          <>
                            <a href={`tel:${p.number.replace(/[^\d+]/g, '')}`} dir="ltr">
                              {p.number}
                            </a>{' '}
                          </>
                        ))}
                        {s.email ? (
                          <a href={`mailto:${s.email}`} dir="ltr" class="wrap">
                            {s.email}
                          </a>
                        ) : null}{' '}
                        {web(s.url) ? (
                          <a href={web(s.url)} dir="ltr" class="wrap">
                            {t('map.website')}
                          </a>
                        ) : null}
                      </dd>
                    </>
                  ) : null}
                </dl>
              </li>
            )
          })}
        </ul>
      ) : (
        <Empty>{t('map.none')}</Empty>
      )}
      {d.pages > 1 ? (
        <nav aria-label={t('map.pages')}>
          <ul class="pager">
            {d.page > 1 ? (
              <li>
                <a href={pageLink(d, d.page - 1)} rel="prev">
                  {t('map.previous')}
                </a>
              </li>
            ) : null}
            <li>{t('map.pageOf', { page: d.page, pages: d.pages })}</li>
            {d.page < d.pages ? (
              <li>
                <a href={pageLink(d, d.page + 1)} rel="next">
                  {t('map.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <p class="hint">
        {t('map.open')}{' '}
        <a href={`/sociale-kaart/hsds.json?m=${m.id}&lang=${lang}`}>{t('map.hsds')}</a>
        {' · '}
        <a href={base}>{t('map.all')}</a>
      </p>
    </>
  )
}

export function ChooseMunicipality({ c, list }: { c: Ctx; list: Municipality[] }) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('map.title')}</h1>
      {list.length ? (
        <ul>
          {list.map((m) => (
            <li>
              <a href={`/sociale-kaart?m=${m.id}`}>{m.name}</a>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('map.none')}</Empty>
      )}
    </>
  )
}
