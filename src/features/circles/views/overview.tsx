/** @jsxImportSource hono/jsx */
// The host's and the municipality's overview: per host and kind, counts only, as a chart, a
// table and a CSV, each in the reader's number format. Evaluation averages only where K answers pooled.
import { stringify } from 'csv-stringify/sync'
import { raw } from 'hono/html'
import { barChart } from '../../../core/chart.ts'
import type { Language } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { Empty, page } from '../../../core/http/render.tsx'
import {
  csvDialect,
  formatDecimal,
  formatNumber,
  formatPercent,
  type T,
} from '../../../core/i18n/index.ts'
import { K_ANONYMITY, kindName, PILLARS, pillarLabel } from '../kinds.ts'
import type { OverviewRow } from '../read/overview.ts'

export function overviewView(c: Ctx, rows: readonly OverviewRow[]) {
  const t = c.get('t')
  const lang = c.get('lang')
  const num = (n: number) => formatNumber(lang, n)
  const evaluated = rows.filter((r) => r.averages)
  const chart = rows.length
    ? barChart({
        lang,
        id: 'chart-title',
        title: t('circles.chartTitle'),
        axisLabel: t('circles.ov.members'),
        bars: rows.map((r) => ({ label: kindName(t, r), note: r.host, value: r.members })),
      })
    : ''
  return page(c, {
    title: t('circles.overview'),
    wide: true,
    body: (
      <>
        <h1>{t('circles.overview')}</h1>
        <p>{t('circles.overviewIntro', { k: K_ANONYMITY })}</p>
        {rows.length ? (
          <>
            <figure class="chart">
              <figcaption>
                <h2>{t('circles.chartTitle')}</h2>
              </figcaption>
              {/* Drawn by core/chart.ts; linkedom escaped every name in it. */}
              {raw(chart)}
              <p class="hint">
                <a href="#figures">{t('circles.chartTable')}</a>
              </p>
            </figure>
            <table class="stack" id="figures">
              <caption>{t('circles.ov.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('circles.ov.host')}</th>
                  <th scope="col">{t('circles.ov.kind')}</th>
                  <th scope="col" class="num">
                    {t('circles.ov.circles')}
                  </th>
                  <th scope="col" class="num">
                    {t('circles.ov.members')}
                  </th>
                  <th scope="col" class="num">
                    {t('circles.ov.meetings')}
                  </th>
                  <th scope="col" class="num">
                    {t('circles.ov.attendanceShare')}
                  </th>
                  <th scope="col" class="num">
                    {t('circles.ov.answers')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td data-label={t('circles.ov.host')}>{r.host}</td>
                    <td data-label={t('circles.ov.kind')}>{kindName(t, r)}</td>
                    <td class="num" data-label={t('circles.ov.circles')}>
                      {num(r.circles)}
                    </td>
                    <td class="num" data-label={t('circles.ov.members')}>
                      {num(r.members)}
                    </td>
                    <td class="num" data-label={t('circles.ov.meetings')}>
                      {num(r.meetings)}
                    </td>
                    <td class="num" data-label={t('circles.ov.attendanceShare')}>
                      {r.attendance === null ? '–' : formatPercent(lang, r.attendance)}
                    </td>
                    <td class="num" data-label={t('circles.ov.answers')}>
                      {num(r.answers)}
                      {r.averages ? null : (
                        <span class="muted"> ({t('circles.evalHiddenShort')})</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('circles.ov.evaluation')}</h2>
            {evaluated.length ? null : <p>{t('circles.evalHidden', { k: K_ANONYMITY })}</p>}
            {evaluated.map((r) => (
              <section>
                <h3>
                  {kindName(t, r)} · {r.host}
                </h3>
                <p>{t('circles.evalAnswers', { n: num(r.answers) })}</p>
                <dl class="figures">
                  {PILLARS.map((pl, i) => (
                    <>
                      <dt>{t(pillarLabel(pl))}</dt>
                      <dd>{formatDecimal(lang, r.averages?.[i] ?? 0)}</dd>
                    </>
                  ))}
                </dl>
              </section>
            ))}
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

/**
 * The overview as a CSV that opens right in the reader's spreadsheet: ";" where the decimal is a
 * comma (Dutch Excel), "," where it is a point, a UTF-8 BOM, numbers as the reader writes them.
 */
export function overviewCsv(lang: Language, t: T, rows: readonly OverviewRow[]): string {
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
  const decimal = (n: number | null | undefined) =>
    n === null || n === undefined ? '' : formatDecimal(lang, n)
  const { delimiter, bom } = csvDialect(lang)
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
        r.attendance === null ? '' : Math.round(r.attendance * 100),
        r.answers,
        ...PILLARS.map((_, i) => decimal(r.averages?.[i])),
      ]),
    ],
    { escape_formulas: true, delimiter, bom },
  )
}
