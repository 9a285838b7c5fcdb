/** @jsxImportSource hono/jsx */
// The host's and the municipality's overview: per host and kind, counts only, as a chart, a
// table and a CSV. Evaluation averages only where K answers pooled.
import { stringify } from 'csv-stringify/sync'
import { html } from 'hono/html'
import type { Ctx } from '../../../core/http/context.ts'
import { Empty, page } from '../../../core/http/render.tsx'
import type { T } from '../../../core/i18n/index.ts'
import { K_ANONYMITY, kindName, PILLARS, pillarLabel } from '../kinds.ts'
import type { OverviewRow } from '../read/overview.ts'

export function overviewView(c: Ctx, rows: readonly OverviewRow[]) {
  const t = c.get('t')
  const max = Math.max(1, ...rows.map((r) => r.members))
  const barH = 28
  const chartW = 320
  const labelW = 200
  const pct = (n: number | null) => (n === null ? '–' : `${Math.round(n * 100)}%`)
  return page(c, {
    title: t('circles.overview'),
    body: (
      <>
        <h1>{t('circles.overview')}</h1>
        <p>{t('circles.overviewIntro', { k: K_ANONYMITY })}</p>
        {rows.length ? (
          <>
            {/* A template, not JSX: see the note on <head> in core/http/render.tsx. */}
            {html`<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${labelW + chartW + 40} ${rows.length * barH + 10}" class="chart"><title id="chart-title">${t('circles.chartTitle')}</title>${rows.map(
              (r, i) =>
                html`<g transform="translate(0 ${i * barH + 5})"><text x="0" y="17" font-size="12">${`${kindName(t, r)} · ${r.host}`.slice(0, 34)}</text><rect x="${labelW}" y="4" height="18" width="${(r.members / max) * chartW}" fill="#0b5c8a"></rect><text x="${labelW + (r.members / max) * chartW + 4}" y="17" font-size="12">${r.members}</text></g>`,
            )}</svg>`}
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('circles.ov.host')}</th>
                  <th scope="col">{t('circles.ov.kind')}</th>
                  <th scope="col">{t('circles.ov.circles')}</th>
                  <th scope="col">{t('circles.ov.members')}</th>
                  <th scope="col">{t('circles.ov.meetings')}</th>
                  <th scope="col">{t('circles.ov.attendance')}</th>
                  <th scope="col">{t('circles.ov.evaluation')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>{r.host}</td>
                    <td>{kindName(t, r)}</td>
                    <td>{r.circles}</td>
                    <td>{r.members}</td>
                    <td>{r.meetings}</td>
                    <td>{pct(r.attendance)}</td>
                    <td>
                      {r.averages
                        ? PILLARS.map(
                            (pl, i) =>
                              `${t(pillarLabel(pl))}: ${(r.averages?.[i] ?? 0).toFixed(1)}`,
                          ).join('; ')
                        : t('circles.evalHiddenShort')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              <a href="/circles/overview.csv" download>
                {t('circles.csv')}
              </a>
            </p>
          </>
        ) : (
          <Empty>{t('circles.overviewEmpty')}</Empty>
        )}
      </>
    ),
  })
}

export function overviewCsv(t: T, rows: readonly OverviewRow[]): string {
  const head = [
    t('circles.ov.host'),
    t('circles.ov.kind'),
    t('circles.ov.circles'),
    t('circles.ov.members'),
    t('circles.ov.meetings'),
    t('circles.ov.attendance'),
    t('circles.ov.answers'),
    ...PILLARS.map((p) => t(pillarLabel(p))),
  ]
  const fix = (n: number | null | undefined, digits: number) =>
    n === null || n === undefined ? '' : n.toFixed(digits)
  // escape_formulas: a host-typed name starting with = + - @ is text, never a formula.
  return stringify(
    [
      head,
      ...rows.map((r) => [
        r.host,
        kindName(t, r),
        r.circles,
        r.members,
        r.meetings,
        fix(r.attendance === null ? null : r.attendance * 100, 0),
        r.answers,
        ...PILLARS.map((_, i) => fix(r.averages?.[i], 1)),
      ]),
    ],
    { escape_formulas: true },
  )
}
