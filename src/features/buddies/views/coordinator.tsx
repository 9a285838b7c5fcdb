/** @jsxImportSource hono/jsx */
// A coordinator's view: the work list with ranked candidates and the batch match, the
// school's figures (IB and director), and the registry of buddies.
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty, SummaryList, Tag } from '../../../core/http/render.tsx'
import { languageName, type MessageKey } from '../../../core/i18n/index.ts'
import {
  GRADE_POINTS_BY_DISTANCE,
  LANGUAGE_POINTS_MAX,
  LOAD_POINTS_MAX,
  THEME_POINTS,
  WAITING_POINTS_MAX,
} from '../matching.ts'
import type { CoordinatorView, Overview, WorkItem } from '../read/coordinator.ts'
import type { RegistryPage } from '../read/page.ts'
import type { Themes } from '../read/themes.ts'
import { QUEUE_WAITS } from '../schema.ts'

/** The highest score a candidate can reach: every reason at its most (matching.ts). */
const MAX_SCORE =
  THEME_POINTS +
  LANGUAGE_POINTS_MAX +
  Math.max(...GRADE_POINTS_BY_DISTANCE) +
  LOAD_POINTS_MAX +
  WAITING_POINTS_MAX

function Figures({ c, o }: { c: Ctx; o: Overview }) {
  const t = c.get('t')
  return (
    <>
      <SummaryList
        rows={[
          { key: t('buddies.fig.open'), value: o.open },
          { key: t('buddies.fig.proposed'), value: o.proposed },
          { key: t('buddies.fig.active'), value: o.active },
          { key: t('buddies.fig.waiting'), value: o.waitingDaysMax },
          { key: t('buddies.fig.idle'), value: o.idleBuddies },
          {
            key: t('buddies.fig.helps'),
            value: `${o.helps} / ${o.helpsSomewhat} / ${o.helpsNot}`,
          },
        ]}
      />
      <p>
        <a href="/buddies/registry">{t('buddies.registry')}</a> ·{' '}
        <a href="/buddies/settings">{t('buddies.settings')}</a>
      </p>
    </>
  )
}

const sourceKey = (source: string): MessageKey =>
  source === 'signal'
    ? 'buddies.fromSignal'
    : source === 'auto'
      ? 'buddies.fromAuto'
      : 'buddies.fromParent'

/** A request that has waited this many days or more is tagged as waiting long. */
const LONG_WAIT_DAYS = 14

function QueueFilters({ c, v, themes }: { c: Ctx; v: CoordinatorView; themes: Themes }) {
  const t = c.get('t')
  const f = v.queue.filter
  const option = (value: string, label: string, current: string) => (
    <option value={value} selected={value === current}>
      {label}
    </option>
  )
  // Folded on a first visit (a phone shows the requests first), open once a filter is set.
  const active = Boolean(f.theme || f.wait || f.q || f.status !== 'open' || f.sort !== 'oldest')
  return (
    <details class="filters" open={active}>
      <summary>{t('buddies.queue.filters')}</summary>
      <form method="post" action="/buddies/queue" aria-label={t('buddies.queue.filters')}>
        <CsrfField c={c} />
        <div class="field">
          <label for="q-theme">{t('buddies.theme')}</label>
          <select id="q-theme" name="theme">
            {option('', t('buddies.queue.all'), f.theme ?? '')}
            {v.themes.map((th) => option(th, themes.name(th), f.theme ?? ''))}
          </select>
        </div>
        <div class="field">
          <label for="q-status">{t('buddies.queue.status')}</label>
          <select id="q-status" name="status">
            {option('open', t('buddies.queue.statusOpen'), f.status)}
            {option('proposed', t('buddies.queue.statusProposed'), f.status)}
          </select>
        </div>
        <div class="field">
          <label for="q-wait">{t('buddies.queue.wait')}</label>
          <select id="q-wait" name="wait">
            {QUEUE_WAITS.map((w) =>
              option(
                String(w),
                w === 0 ? t('buddies.queue.waitAny') : t('buddies.queue.waitAtLeast', { days: w }),
                String(f.wait),
              ),
            )}
          </select>
        </div>
        <div class="field">
          <label for="q-sort">{t('buddies.queue.sort')}</label>
          <select id="q-sort" name="sort">
            {option('oldest', t('buddies.queue.sortOldest'), f.sort)}
            {option('newest', t('buddies.queue.sortNewest'), f.sort)}
          </select>
        </div>
        {v.queue.searchable ? (
          <div class="field">
            <label for="q-q">{t('buddies.queue.q')}</label>
            <input id="q-q" name="q" type="search" value={f.q} autocomplete="off" />
          </div>
        ) : null}
        <div class="field">
          <button type="submit" class="secondary">
            {t('buddies.queue.show')}
          </button>
        </div>
      </form>
    </details>
  )
}

/** Previous and next page: buttons in a form carrying the filters, as the filter form does. */
function Pager({ c, v }: { c: Ctx; v: CoordinatorView }) {
  const t = c.get('t')
  const { page, pages, filter: f } = v.queue
  if (pages <= 1) return null
  return (
    <form method="post" action="/buddies/queue" aria-label={t('buddies.queue.pages')}>
      <CsrfField c={c} />
      <input type="hidden" name="theme" value={f.theme ?? ''} />
      <input type="hidden" name="status" value={f.status} />
      <input type="hidden" name="wait" value={String(f.wait)} />
      <input type="hidden" name="sort" value={f.sort} />
      <input type="hidden" name="q" value={f.q} />
      <ul class="pager">
        {page > 1 ? (
          <li>
            <button type="submit" class="link" name="page" value={String(page - 1)}>
              {t('buddies.queue.prev')}
            </button>
          </li>
        ) : null}
        {page < pages ? (
          <li>
            <button type="submit" class="link" name="page" value={String(page + 1)}>
              {t('buddies.queue.next')}
            </button>
          </li>
        ) : null}
      </ul>
    </form>
  )
}

function StatusTag({ c, r }: { c: Ctx; r: WorkItem['request'] }) {
  const t = c.get('t')
  if (r.status === 'proposed') return <Tag tone="blue">{t('buddies.tag.proposed')}</Tag>
  return r.waitingDays >= LONG_WAIT_DAYS ? (
    <Tag tone="yellow">{t('buddies.tag.long')}</Tag>
  ) : (
    <Tag tone="grey">{t('buddies.tag.open')}</Tag>
  )
}

export function CoordinatorSection({
  c,
  v,
  themes,
}: {
  c: Ctx
  v: CoordinatorView
  themes: Themes
}) {
  const t = c.get('t')
  const q = v.queue
  const filtered =
    q.total === 0 && (q.filter.theme || q.filter.wait || q.filter.q || q.filter.status !== 'open')
  return (
    <section aria-labelledby="h-coord">
      <h2 id="h-coord">{t('buddies.worklist')}</h2>
      {v.everything ? null : (
        <p>
          {t('buddies.coordinatesThemes', {
            themes: v.namedThemes.map((th) => themes.name(th)).join(', '),
          })}
        </p>
      )}
      {v.overview ? <Figures c={c} o={v.overview} /> : null}
      <form method="post" action="/buddies/batch">
        <CsrfField c={c} />
        <p class="hint">{t('buddies.batchIntro', { families: q.autoOpen })}</p>
        <button type="submit">{t('buddies.batch')}</button>
      </form>
      <QueueFilters c={c} v={v} themes={themes} />
      <p>{t('buddies.queue.count', { total: q.total, page: q.page, pages: q.pages })}</p>
      {q.total === 0 ? (
        <Empty>{filtered ? t('buddies.queue.none') : t('buddies.worklistEmpty')}</Empty>
      ) : null}
      <ul class="rows">
        {q.items.map(({ request: r, candidates }) => (
          <li>
            <p>
              <StatusTag c={c} r={r} /> <strong>{r.name}</strong> · {themes.name(r.theme)} ·{' '}
              {t(sourceKey(r.source))} · {t('buddies.waitingDays', { days: r.waitingDays })}
            </p>
            {r.status === 'open' && candidates.length === 0 ? (
              <p class="muted">{t('buddies.noCandidates')}</p>
            ) : null}
            {candidates.length ? (
              <ol>
                {candidates.map((cand) => (
                  <li>
                    <form method="post" action={`/buddies/requests/${r.id}/propose`} class="inline">
                      <CsrfField c={c} />
                      <input type="hidden" name="offerId" value={cand.buddyId} />
                      <span>
                        {cand.name} · {t('buddies.score', { score: cand.score, max: MAX_SCORE })} (
                        {cand.reasons
                          .map((re) => t(`buddies.reason.${re.code}` as MessageKey))
                          .join(', ')}
                        )
                      </span>
                      <button type="submit">{t('buddies.propose')}</button>
                    </form>
                  </li>
                ))}
              </ol>
            ) : null}
          </li>
        ))}
      </ul>
      <Pager c={c} v={v} />
    </section>
  )
}

export function RegistryBody({ c, v }: { c: Ctx; v: RegistryPage }) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('buddies.registry')}</h1>
      <p>{t('buddies.registryIntro')}</p>
      {v.rows.length === 0 ? <Empty>{t('buddies.registryEmpty')}</Empty> : null}
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t('people.name')}</th>
            <th scope="col">{t('buddies.theme')}</th>
            <th scope="col">{t('buddies.offerLanguages')}</th>
            <th scope="col">{t('buddies.load')}</th>
          </tr>
        </thead>
        <tbody>
          {v.rows.map((row) => (
            <tr>
              <td data-label={t('people.name')}>
                {row.name}
                {row.status === 'paused' ? ` (${t('buddies.offerStatus.paused')})` : ''}
              </td>
              <td data-label={t('buddies.theme')}>
                {row.themes.map((th) => v.themes.name(th)).join(', ')}
              </td>
              <td data-label={t('buddies.offerLanguages')}>
                {row.languages.map((l) => languageName(l, c.get('lang'))).join(', ')}
              </td>
              <td data-label={t('buddies.load')} class="num">
                {row.load} / {row.capacity}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
