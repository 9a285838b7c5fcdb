/** @jsxImportSource hono/jsx */
// The audit log page: the latest entries of the current school.
import { page } from '../../core/http/render.tsx'
import { inSchool } from '../../core/http/router.ts'
import type { AppRouter } from '../../policies.ts'
import { listAudit } from './read/log.ts'
import { AuditView } from './views/log.tsx'

export function auditRoutes(r: AppRouter): void {
  r.menu('/audit', 'audit.title', 'audit.read')
  r.get('/audit', 'audit.read', async (c) => {
    const t = c.get('t')
    const rows = await listAudit(c.get('deps').db, inSchool(c).schoolId)
    return page(c, { title: t('audit.title'), body: <AuditView c={c} rows={rows} /> })
  })
}
