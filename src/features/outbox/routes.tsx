/** @jsxImportSource hono/jsx */
// /outbox: mail stored instead of sent, and (with a mail server) mail that could not be
// delivered. Demo mode shows the newest mail of the whole demo; an admin sees mail to members
// of the current school only, never mail that tells who takes part in a circle.
import { page } from '../../core/http/render.tsx'
import { hasRole } from '../../core/principal.ts'
import type { AppRouter } from '../../policies.ts'
import { listOutbox, listUndelivered } from './read/mail.ts'
import { OutboxView } from './views/outbox.tsx'

export function outboxRoutes(r: AppRouter): void {
  r.menu('/outbox', 'outbox.title', 'outbox.read')
  r.get('/outbox', 'outbox.read', async (c) => {
    const { t, principal: p, deps } = c.var
    // Outside demo mode the policy admitted an admin: scope to their school.
    const scope = deps.config.demo
      ? null
      : hasRole(p, 'admin')
        ? p.schoolId
        : '00000000-0000-0000-0000-000000000000'
    const smtp = deps.mailer.kind === 'smtp'
    const [mails, undelivered] = await Promise.all([
      smtp ? [] : listOutbox(deps.db, scope),
      listUndelivered(deps.db, scope),
    ])
    return page(c, {
      title: t('outbox.title'),
      body: <OutboxView c={c} smtp={smtp} mails={mails} undelivered={undelivered} />,
    })
  })
}
