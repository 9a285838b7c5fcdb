/** @jsxImportSource hono/jsx */
// A coordinator's view: the work list with ranked candidates and the batch match, the
// school's figures (IB and director), and the registry of buddies.
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import type { CoordinatorView, Overview } from '../read/coordinator.ts'
import type { RegistryPage } from '../read/page.ts'
import type { Themes } from '../read/themes.ts'

function Figures({ c, o }: { c: Ctx; o: Overview }) {
  const t = c.get('t')
  return (
    <>
      <dl class="figures">
        <dt>{t('buddies.fig.open')}</dt>
        <dd>{o.open}</dd>
        <dt>{t('buddies.fig.proposed')}</dt>
        <dd>{o.proposed}</dd>
        <dt>{t('buddies.fig.active')}</dt>
        <dd>{o.active}</dd>
        <dt>{t('buddies.fig.waiting')}</dt>
        <dd>{o.waitingDaysMax}</dd>
        <dt>{t('buddies.fig.idle')}</dt>
        <dd>{o.idleBuddies}</dd>
        <dt>{t('buddies.fig.helps')}</dt>
        <dd>
          {o.helps} / {o.helpsSomewhat} / {o.helpsNot}
        </dd>
      </dl>
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
        <p class="hint">
          {t('buddies.batchIntro', {
            families: v.items.filter((i) => i.request.source === 'auto').length,
          })}
        </p>
        <button type="submit">{t('buddies.batch')}</button>
      </form>
      {v.items.length === 0 ? <Empty>{t('buddies.worklistEmpty')}</Empty> : null}
      <ul class="rows">
        {v.items.map(({ request: r, candidates }) => (
          <li>
            <strong>{r.name}</strong> · {themes.name(r.theme)} · {t(sourceKey(r.source))} ·{' '}
            {t('buddies.waitingDays', { days: r.waitingDays })}
            {candidates.length === 0 ? <p class="muted">{t('buddies.noCandidates')}</p> : null}
            <ol>
              {candidates.map((cand) => (
                <li>
                  <form method="post" action={`/buddies/requests/${r.id}/propose`} class="inline">
                    <CsrfField c={c} />
                    <input type="hidden" name="offerId" value={cand.buddyId} />
                    <span>
                      {cand.name} · {cand.score} (
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
          </li>
        ))}
      </ul>
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
      <table>
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
              <td>
                {row.name}
                {row.status === 'paused' ? ` (${t('buddies.offerStatus.paused')})` : ''}
              </td>
              <td>{row.themes.map((th) => v.themes.name(th)).join(', ')}</td>
              <td>{row.languages.join(', ')}</td>
              <td>
                {row.load} / {row.capacity}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
