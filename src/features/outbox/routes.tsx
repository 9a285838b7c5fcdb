/** @jsxImportSource hono/jsx */
// /outbox: mail stored instead of sent. Demo mode shows the newest mail of the whole demo;
// an admin sees mail to members of the current school only.
import type { Db } from '../../core/db/index.ts'
import { Empty, page, registerNav } from '../../core/http/render.tsx'
import type { Router } from '../../core/http/router.ts'
import { hasRole } from '../../core/principal.ts'
import './policy.ts'

registerNav({ href: '/outbox', label: 'outbox.title', action: 'outbox.read' })

export async function listOutbox(db: Db, schoolId: string | null, limit = 50) {
  let q = db
    .selectFrom('outbox as o')
    .select(['o.id', 'o.to_address', 'o.subject', 'o.body_text', 'o.created_at'])
  if (schoolId) {
    // An admin never reads mail that tells who takes part in a circle.
    q = q
      .where('o.confidential', '=', false)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('memberships as m')
            .select('m.id')
            .whereRef('m.person_id', '=', 'o.person_id')
            .where('m.school_id', '=', schoolId),
        ),
      )
  }
  return q.orderBy('o.created_at', 'desc').limit(limit).execute()
}

export function outboxRoutes(r: Router): void {
  r.get('/outbox', 'outbox.read', async (c) => {
    const { t, principal: p, deps, lang } = c.var
    // Outside demo mode the policy admitted an admin: scope to their school.
    const scope = deps.config.demo
      ? null
      : hasRole(p, 'admin')
        ? p.schoolId
        : '00000000-0000-0000-0000-000000000000'
    const mails = await listOutbox(deps.db, scope)
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
          <p>{t('outbox.intro')}</p>
          {mails.length === 0 ? <Empty>{t('outbox.empty')}</Empty> : null}
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
