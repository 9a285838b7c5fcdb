/** @jsxImportSource hono/jsx */
// "Mijn toestemmingen": every consent the person gave in this school, across features, newest
// first, with when, who recorded it when that was not them, and a withdraw (or give-again)
// button where the feature allows it.
import type { ConsentLine } from '../../../core/consent.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty } from '../../../core/http/render.tsx'
import { formatStyled } from '../../../core/time.ts'

export function ConsentsView({ c, lines }: { c: Ctx; lines: readonly ConsentLine[] }) {
  const t = c.get('t')
  const lang = c.get('lang')
  return (
    <>
      <h1>{t('consent.title')}</h1>
      <p>{t('consent.pageIntro')}</p>
      {lines.length === 0 ? <Empty>{t('consent.empty')}</Empty> : null}
      <ul class="cards">
        {lines.map((k) => (
          <li>
            <strong>{k.text}</strong>
            <br />
            {t('consent.given', { date: formatStyled(lang, k.grantedAt, 'day') })}
            {k.recordedByOther && k.grantedByName
              ? ` · ${t('consent.recordedBy', { name: k.grantedByName })}`
              : null}
            {k.withdrawnAt
              ? ` · ${t('consent.withdrawn', { date: formatStyled(lang, k.withdrawnAt, 'day') })}`
              : null}
            {k.withdrawable ? (
              <form method="post" action={`/profile/consents/${k.id}/withdraw`} class="inline">
                <CsrfField c={c} />
                <button type="submit" class="secondary">
                  {t('consent.withdraw')}
                </button>
              </form>
            ) : null}
            {k.regrantable ? (
              <form method="post" action={`/profile/consents/${k.id}/regrant`} class="inline">
                <CsrfField c={c} />
                <button type="submit">{t('consent.regrant')}</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <a href="/profile">{t('profile.title')}</a>
      </p>
    </>
  )
}
