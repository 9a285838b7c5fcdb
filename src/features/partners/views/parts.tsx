/** @jsxImportSource hono/jsx */
// What every partner page says the same way: what a spreekuur and an inloop are, and the
// promise that nothing goes into a file and nothing happens unless the parent wants it
// (seed 004 L352–362: say it before anyone comes).

import type { HourKind } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { Tag } from '../../../core/http/render.tsx'
import { formatStyled, formatWhen } from '../../../core/time.ts'

export function Expectations({ c, kind }: { c: Ctx; kind?: HourKind }) {
  const t = c.get('t')
  return (
    <div class="rule" role="note">
      <p>
        <strong>{t('partners.promise')}</strong>
      </p>
      {kind !== 'inloop' ? <p>{t('partners.spreekuurIs')}</p> : null}
      {kind !== 'spreekuur' ? <p>{t('partners.inloopIs')}</p> : null}
    </div>
  )
}

export const KindTag = ({ c, kind }: { c: Ctx; kind: HourKind }) => (
  <Tag tone={kind === 'spreekuur' ? 'blue' : 'green'}>{c.get('t')(`partners.kind.${kind}`)}</Tag>
)

/** "di 12 jan. 14:00" in the reader's language. */
export const when = (c: Ctx, at: Date): string => formatWhen(c.get('lang'), at)

/** "di 12 jan. 14:00 – 16:00" in the reader's language. */
export function span(c: Ctx, startsAt: Date, minutes: number): string {
  const lang = c.get('lang')
  const end = new Date(startsAt.getTime() + minutes * 60_000)
  return `${formatWhen(lang, startsAt)} – ${formatStyled(lang, end, 'time')}`
}

/** Dutch text a partner wrote: marked as Dutch, so it reads left to right in an Arabic page. */
export const Dutch = ({ children }: { children: string }) => (
  <span lang="nl" dir="ltr">
    {children}
  </span>
)
