/** @jsxImportSource hono/jsx */
// /circles: the person's own circles (with their calendar link) and the circles open to them
// (as the join rule offers them, or as they host them).
import type { Ctx } from '../../../core/http/context.ts'
import { Empty, page } from '../../../core/http/render.tsx'
import { kindName } from '../kinds.ts'
import type { ListPage } from '../read/member.ts'
import { FeedLink, statusLabel } from './parts.tsx'

export function listView(c: Ctx, { circles, feed, personId }: ListPage, host: boolean) {
  const t = c.get('t')
  const mine = circles.filter((x) => x.mine)
  const open = circles.filter((x) => !x.mine && x.status === 'open' && x.offered)
  return page(c, {
    title: t('circles.title'),
    body: (
      <>
        <h1>{t('circles.title')}</h1>
        <p>{t('circles.intro')}</p>
        {host ? (
          <p class="actions">
            <a href="/circles/new">{t('circles.new')}</a> ·{' '}
            <a href="/circles/facilitators">{t('circles.register')}</a> ·{' '}
            <a href="/circles/overview">{t('circles.overview')}</a>
          </p>
        ) : null}
        <h2>{t('circles.mine')}</h2>
        {mine.length ? (
          <ul class="rows">
            {mine.map((x) => (
              <li>
                <a
                  href={
                    x.facilitator ||
                    x.convenerId === personId ||
                    (x.myStatuses ?? []).includes('confirmed')
                      ? `/circles/${x.id}`
                      : `/circles/${x.id}/join`
                  }
                >
                  {x.name}
                </a>{' '}
                <span class="muted">
                  {kindName(t, x)} ·{' '}
                  {x.facilitator
                    ? t('circles.youFacilitate')
                    : (x.myStatuses ?? []).map((s) => t(statusLabel(s))).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('circles.mineEmpty')}</Empty>
        )}
        {/* Also without circles now: a link that leaked earlier can still be replaced. */}
        <FeedLink c={c} href={feed} renew />
        <h2>{t('circles.open')}</h2>
        {open.length ? (
          <ul class="rows">
            {open.map((x) => (
              <li>
                <a href={`/circles/${x.id}/join`}>{x.name}</a>{' '}
                <span class="muted">
                  {kindName(t, x)} · {x.place}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('circles.openEmpty')}</Empty>
        )}
      </>
    ),
  })
}
