/** @jsxImportSource hono/jsx */
// The audit log page: when, who, what (and whom), newest first.
import type { Ctx } from '../../../core/http/context.ts'
import { Empty } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatStyled } from '../../../core/time.ts'
import type { AuditRow } from '../read/log.ts'

export function AuditView({ c, rows }: { c: Ctx; rows: readonly AuditRow[] }) {
  const t = c.get('t')
  const when = (d: Date) => formatStyled(c.get('lang'), d, 'stamp')
  return (
    <>
      <h1>{t('audit.title')}</h1>
      {rows.length === 0 ? <Empty>{t('audit.empty')}</Empty> : null}
      <table class="stack">
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
                <td data-label={t('audit.when')}>{when(row.at)}</td>
                <td data-label={t('audit.who')}>{row.actorName ?? '—'}</td>
                <td data-label={t('audit.what')}>
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
  )
}
