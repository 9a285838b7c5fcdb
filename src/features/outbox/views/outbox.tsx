/** @jsxImportSource hono/jsx */
// /outbox: the stored mail (links made clickable) and the undelivered list.
import type { Ctx } from '../../../core/http/context.ts'
import { Empty } from '../../../core/http/render.tsx'
import { formatStyled } from '../../../core/time.ts'
import type { StoredMail, UndeliveredMail } from '../read/mail.ts'

export function OutboxView({
  c,
  smtp,
  mails,
  undelivered,
}: {
  c: Ctx
  smtp: boolean
  mails: readonly StoredMail[]
  undelivered: readonly UndeliveredMail[]
}) {
  const t = c.get('t')
  const when = (d: Date) => formatStyled(c.get('lang'), d, 'stampSeconds')
  return (
    <>
      <h1>{t('outbox.title')}</h1>
      <p>{t(smtp ? 'outbox.smtpIntro' : 'outbox.intro')}</p>
      {undelivered.length ? (
        <section aria-labelledby="h-undelivered">
          <h2 id="h-undelivered">{t('outbox.undelivered')}</h2>
          <p>{t('outbox.undeliveredIntro')}</p>
          <ul>
            {undelivered.map((m) => (
              <li>
                <strong>{m.to_address}</strong> · {m.subject} ·{' '}
                {t('outbox.errorCode', { code: m.last_error ?? '?' })}
                {m.failed_at ? ` · ${when(m.failed_at)}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!smtp && mails.length === 0 ? <Empty>{t('outbox.empty')}</Empty> : null}
      {mails.map((m) => (
        <article class="mail">
          <h2>{m.subject}</h2>
          <p class="muted">
            {m.to_address} · {when(m.created_at)}
          </p>
          <pre>
            {m.body_text
              .split(/(https?:\/\/\S+)/)
              .map((part, i) => (i % 2 ? <a href={part}>{part}</a> : part))}
          </pre>
        </article>
      ))}
    </>
  )
}
