/** @jsxImportSource hono/jsx */
// /outbox: mail stored instead of sent, and (with a mail server) mail that could not be
// delivered. Demo mode shows the newest mail of the whole demo; an admin sees mail to members
// of the current school only, never mail that tells who takes part in a circle.
import { sql } from 'kysely'
import type { Db } from '../../core/db/index.ts'
import { Empty, page } from '../../core/http/render.tsx'
import { hasRole } from '../../core/principal.ts'
import type { AppRouter } from '../../policies.ts'

export async function listOutbox(db: Db, schoolId: string | null, limit = 50) {
  let q = db
    .selectFrom('outbox as o')
    .select(['o.id', 'o.to_address', 'o.subject', 'o.body_text', 'o.created_at'])
  if (schoolId) q = q.where(visibleToAdmin(schoolId))
  return q.orderBy('o.created_at', 'desc').limit(limit).execute()
}

/** Mail the mail server would not take (core/mail.ts): address, subject and code only. */
export async function listUndelivered(db: Db, schoolId: string | null, limit = 50) {
  let q = db
    .selectFrom('mail_queue as o')
    .select(['o.id', 'o.to_address', 'o.subject', 'o.last_error', 'o.failed_at'])
    .where('o.failed_at', 'is not', null)
  if (schoolId) q = q.where(visibleToAdmin(schoolId))
  return q.orderBy('o.failed_at', 'desc').limit(limit).execute()
}

/**
 * An admin reads mail to people of their school only, and never mail marked confidential.
 * Written once for both tables, which share these columns under the alias `o`.
 */
const visibleToAdmin = (schoolId: string) =>
  sql<boolean>`o.confidential = false and exists (
    select 1 from memberships m where m.person_id = o.person_id and m.school_id = ${schoolId})`

export function outboxRoutes(r: AppRouter): void {
  r.menu('/outbox', 'outbox.title', 'outbox.read')
  r.get('/outbox', 'outbox.read', async (c) => {
    const { t, principal: p, deps, lang } = c.var
    // Outside demo mode the policy admitted an admin: scope to their school.
    const scope = deps.config.demo
      ? null
      : hasRole(p, 'admin')
        ? p.schoolId
        : '00000000-0000-0000-0000-000000000000'
    const smtp = deps.mailer.kind === 'smtp'
    const mails = smtp ? [] : await listOutbox(deps.db, scope)
    const undelivered = await listUndelivered(deps.db, scope)
    const fmt = new Intl.DateTimeFormat(lang, {
      dateStyle: 'short',
      timeStyle: 'medium',
      timeZone: 'Europe/Amsterdam',
    })
    return page(c, {
      title: t('outbox.title'),
      body: (
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
                    {m.failed_at ? ` · ${fmt.format(m.failed_at)}` : null}
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
                {m.to_address} · {fmt.format(m.created_at)}
              </p>
              <pre>
                {m.body_text
                  .split(/(https?:\/\/\S+)/)
                  .map((part, i) => (i % 2 ? <a href={part}>{part}</a> : part))}
              </pre>
            </article>
          ))}
        </>
      ),
    })
  })
}
