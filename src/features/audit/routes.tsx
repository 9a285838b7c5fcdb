/** @jsxImportSource hono/jsx */
// The audit log page: the latest entries of the current school.
import type { Db } from '../../core/db/index.ts'
import { Empty, page } from '../../core/http/render.tsx'
import { inSchool } from '../../core/http/router.ts'
import type { MessageKey } from '../../core/i18n/index.ts'
import type { AppRouter } from '../../policies.ts'

export async function listAudit(db: Db, schoolId: string, limit = 200) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('people as actor', 'actor.id', 'a.actor_id')
    .leftJoin('people as subject', 'subject.id', 'a.subject_id')
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.detail',
      'actor.name as actorName',
      'subject.name as subjectName',
    ])
    .where('a.school_id', '=', schoolId)
    .orderBy('a.at', 'desc')
    .limit(limit)
    .execute()
}

export function auditRoutes(r: AppRouter): void {
  r.menu('/audit', 'audit.title', 'audit.read')
  r.get('/audit', 'audit.read', async (c) => {
    const { t, lang } = c.var
    const rows = await listAudit(c.get('deps').db, inSchool(c).schoolId)
    const fmt = new Intl.DateTimeFormat(lang, {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    })
    return page(c, {
      title: t('audit.title'),
      body: (
        <>
          <h1>{t('audit.title')}</h1>
          {rows.length === 0 ? <Empty>{t('audit.empty')}</Empty> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const role = (row.detail as { role?: string }).role
                return (
                  <tr>
                    <td>{fmt.format(row.at)}</td>
                    <td>{row.actorName ?? '—'}</td>
                    <td>
                      {t(`audit.action.${row.action}` as MessageKey)}
                      {row.subjectName ? ` · ${row.subjectName}` : ''}
                      {role ? ` · ${t(`role.${role}` as MessageKey)}` : ''}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </>
      ),
    })
  })
}
