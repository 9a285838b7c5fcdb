/** @jsxImportSource hono/jsx */
// Pieces several circle pages share: the agreements (the confidentiality rule always first),
// the person's calendar link, and their own places with a way to give each back.
import type { Language } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField } from '../../../core/http/render.tsx'
import { type MessageKey, translator } from '../../../core/i18n/index.ts'
import { formatWhen } from '../../../core/time.ts'
import { agreementLabel, CONFIDENTIAL } from '../kinds.ts'
import type { Circle } from '../read/circle.ts'
import type { Place } from '../read/member.ts'

/** A date and time in the reader's language. */
export const when = (c: Ctx, d: Date) => formatWhen(c.get('lang'), d)

export const statusLabel = (status: string) => `circles.status.${status}` as MessageKey

export const Agreements = ({ c, circle, lang }: { c: Ctx; circle: Circle; lang?: Language }) => {
  const t = lang ? translator(lang) : c.get('t')
  return (
    <ol class="agreements">
      {[CONFIDENTIAL, ...circle.agreements].map((a) => (
        <li>{t(agreementLabel(a))}</li>
      ))}
    </ol>
  )
}

/**
 * The person's calendar feed link; with `renew`, also the way to replace it once it has gone
 * where it should not (a shared calendar, a forwarded mail).
 */
export function FeedLink({ c, href, renew }: { c: Ctx; href: string; renew?: boolean }) {
  const t = c.get('t')
  return (
    <>
      <p>
        <a href={href}>{t('circles.myFeed')}</a>
      </p>
      {renew ? (
        <form method="post" action="/calendar/renew">
          <CsrfField c={c} />
          <p class="hint" id="feed-renew-hint">
            {t('circles.feedRenewHint')}
          </p>
          <button type="submit" class="secondary" aria-describedby="feed-renew-hint">
            {t('circles.feedRenew')}
          </button>
        </form>
      ) : null}
    </>
  )
}

/** The person's own places (and their children's), each with a button to give it back. */
export function PlaceList({
  c,
  circleId,
  places,
}: {
  c: Ctx
  circleId: string
  places: readonly Place[]
}) {
  const t = c.get('t')
  return (
    <ul class="rows">
      {places.map((x) => (
        <li>
          {x.childName ? `${x.childName}: ` : ''}
          {t(statusLabel(x.status))}
          <form method="post" action={`/circles/${circleId}/leave`} class="inline">
            <CsrfField c={c} />
            <input type="hidden" name="memberId" value={x.id} />
            <button type="submit" class="secondary">
              {t('circles.leave')}
            </button>
          </form>
        </li>
      ))}
    </ul>
  )
}
