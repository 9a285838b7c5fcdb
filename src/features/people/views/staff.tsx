/** @jsxImportSource hono/jsx */
// /people: invite a staff member, and the staff with their roles (grant, revoke).
import type { Role } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  Empty,
  ErrorSummary,
  type FieldErrors,
  Select,
} from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import type { StaffMember } from '../read/staff.ts'
import { languageOptions, PersonFields } from './shared.tsx'

export function StaffView({
  c,
  staff,
  grantable,
  errors,
  values,
}: {
  c: Ctx
  staff: readonly StaffMember[]
  grantable: readonly Role[]
  errors: FieldErrors
  values: Record<string, string>
}) {
  const t = c.get('t')
  const me = c.get('principal')?.personId
  return (
    <>
      <h1>{t('people.title')}</h1>
      <h2 id="invite">{t('people.inviteStaff')}</h2>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/people/invite" novalidate>
        <CsrfField c={c} />
        <PersonFields c={c} values={values} errors={errors} />
        <Select
          c={c}
          name="role"
          label="people.role"
          value={values.role}
          errors={errors}
          options={grantable.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
        />
        <Select
          c={c}
          name="language"
          label="profile.language"
          value={values.language}
          options={languageOptions}
        />
        <button type="submit">{t('people.invite')}</button>
      </form>
      <h2>{t('people.staff')}</h2>
      {staff.length === 0 ? <Empty>{t('people.noStaff')}</Empty> : null}
      <ul class="rows">
        {staff.map((s) => (
          <li>
            <strong>{s.name}</strong> <span class="muted">{s.email}</span>
            <br />
            {s.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}
            {s.id !== me ? (
              <form method="post" action={`/people/${s.id}/roles`} class="inline">
                <CsrfField c={c} />
                <label for={`r-${s.id}`}>{t('people.role')}</label>
                <select id={`r-${s.id}`} name="role">
                  {grantable.map((r) => (
                    <option value={r}>{t(`role.${r}` as MessageKey)}</option>
                  ))}
                </select>
                <button type="submit" name="op" value="grant">
                  {t('people.grant')}
                </button>
                <button type="submit" name="op" value="revoke">
                  {t('people.revoke')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  )
}
