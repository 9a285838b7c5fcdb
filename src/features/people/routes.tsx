/** @jsxImportSource hono/jsx */
// Staff and roles (/people), classes and their parents (/groups), single and bulk parent
// invitations. Thin: validate, ask the policy, call the service, render.
import { LANGUAGES, type Role } from '../../core/db/schema.ts'
import { type Ctx, serviceDeps } from '../../core/http/context.ts'
import { readForm, requireForm } from '../../core/http/forms.ts'
import {
  CsrfField,
  Empty,
  ErrorSummary,
  Field,
  type FieldErrors,
  page,
  Select,
} from '../../core/http/render.tsx'
import { idParam, inSchool } from '../../core/http/router.ts'
import { LANGUAGE_NAMES, type MessageKey } from '../../core/i18n/index.ts'
import { type AppRouter, authorize, can } from '../../policies.ts'
import { grantableRoles } from './policy.ts'
import { AssignTeacher, RoleChangeInput, StaffInvite } from './schema.ts'
import {
  assignTeacher,
  changeRole,
  groupRoster,
  importParents,
  inviteStaff,
  type LineError,
  listGroups,
  listStaff,
  loadGroup,
  memberOf,
  parseParentCsv,
  teachersOf,
} from './service.ts'

const languageOptions = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))

/** Name and address of someone being invited: the same two fields everywhere. */
function PersonFields({
  c,
  values,
  errors,
}: {
  c: Ctx
  values: Record<string, string | undefined>
  errors: FieldErrors
}) {
  return (
    <>
      <Field c={c} name="name" label="people.name" value={values.name} errors={errors} required />
      <Field
        c={c}
        name="email"
        type="email"
        label="people.email"
        value={values.email}
        errors={errors}
        required
      />
    </>
  )
}

async function peoplePage(
  c: Ctx,
  errors: FieldErrors = {},
  values: Record<string, string> = {},
  status: 200 | 400 = 200,
) {
  const { t } = c.var
  const p = inSchool(c)
  const staff = await listStaff(c.get('deps').db, p.schoolId)
  const grantable = grantableRoles(p.roles)
  return page(c, {
    title: t('people.title'),
    status,
    body: (
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
              {s.id !== p.personId ? (
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
    ),
  })
}

function ImportErrors({ c, errors }: { c: Ctx; errors: LineError[] }) {
  const t = c.get('t')
  if (!errors.length) return null
  return (
    <div class="errors" role="alert">
      <h2>{t('import.failed', { count: errors.length })}</h2>
      <ul>
        {errors.slice(0, 200).map((e) => (
          <li>
            {t('import.lineError', {
              line: e.line,
              field: t(`import.field.${e.field}` as MessageKey),
              message: t(e.key),
            })}
          </li>
        ))}
      </ul>
    </div>
  )
}

interface GroupPageState {
  errors?: FieldErrors
  values?: Record<string, string>
  importErrors?: LineError[]
  csv?: string
  status?: 200 | 400
}

async function groupPage(c: Ctx, groupId: string, s: GroupPageState = {}) {
  const { t, deps } = c.var
  const p = inSchool(c)
  const group = await loadGroup(deps.db, p.schoolId, groupId)
  authorize(c, 'groups.view', group)
  const roster = await groupRoster(deps.db, p.schoolId, group.id)
  const env = { demo: deps.config.demo }
  const mayInvite = can(p, 'parents.invite', group, env)
  const mayManage = can(p, 'groups.manage', group, env)
  const teachers = mayManage ? await teachersOf(deps.db, p.schoolId) : []
  const errors = s.errors ?? {}
  const v = s.values ?? {}
  return page(c, {
    title: group.name,
    status: s.status,
    body: (
      <>
        <h1>{group.name}</h1>
        <h2>{t('groups.children')}</h2>
        {roster.length === 0 ? <Empty>{t('groups.empty')}</Empty> : null}
        <ul class="rows">
          {roster.map((ch) => (
            <li>
              <strong>{ch.firstName}</strong>
              {ch.parents.length ? (
                <span>
                  {' · '}
                  {ch.parents.map((pa) => pa.name).join(', ')}
                </span>
              ) : (
                <span class="muted"> · {t('groups.noParents')}</span>
              )}
            </li>
          ))}
        </ul>
        {mayInvite ? (
          <>
            <h2 id="invite">{t('groups.inviteParent')}</h2>
            <ErrorSummary c={c} errors={errors} />
            <form method="post" action={`/groups/${group.id}/invite`} novalidate>
              <CsrfField c={c} />
              <PersonFields c={c} values={v} errors={errors} />
              <Field c={c} name="child" label="groups.childName" value={v.child} errors={errors} />
              <Select
                c={c}
                name="childId"
                label="groups.existingChild"
                value={v.childId}
                errors={errors}
                options={[
                  { value: '', label: t('groups.newChild') },
                  ...roster.map((ch) => ({ value: ch.id, label: ch.firstName })),
                ]}
              />
              <Select
                c={c}
                name="language"
                label="profile.language"
                value={v.language}
                options={languageOptions}
              />
              <button type="submit">{t('people.invite')}</button>
            </form>
            <h2 id="import">{t('groups.import')}</h2>
            <p>{t('groups.importHelp')}</p>
            <pre class="example">
              naam,email,kind,groep,taal{'\n'}Fatma Yılmaz,fatma@example.org,Elif,{group.name},tr
            </pre>
            <ImportErrors c={c} errors={s.importErrors ?? []} />
            <form method="post" action={`/groups/${group.id}/import`} enctype="multipart/form-data">
              <CsrfField c={c} />
              <div class="field">
                <label for="f-csv">{t('groups.paste')}</label>
                <textarea id="f-csv" name="csv" rows={6}>
                  {s.csv ?? ''}
                </textarea>
              </div>
              <div class="field">
                <label for="f-file">{t('groups.upload')}</label>
                <input id="f-file" type="file" name="file" accept=".csv,text/csv,text/plain" />
              </div>
              <button type="submit">{t('groups.importSubmit')}</button>
            </form>
          </>
        ) : null}
        {mayManage ? (
          <>
            <h2>{t('groups.teachers')}</h2>
            <form method="post" action={`/groups/${group.id}/teachers`} class="inline">
              <CsrfField c={c} />
              <label for="f-teacher">{t('role.teacher')}</label>
              <select id="f-teacher" name="personId">
                {teachers.map((te) => (
                  <option value={te.id} selected={group.teacherIds.includes(te.id)}>
                    {te.name}
                  </option>
                ))}
              </select>
              <button type="submit">{t('groups.assign')}</button>
            </form>
          </>
        ) : null}
      </>
    ),
  })
}

export function peopleRoutes(r: AppRouter): void {
  r.menu('/groups', 'nav.groups', 'groups.list')
  r.menu('/people', 'nav.people', 'people.manage')
  r.get('/people', 'people.manage', (c) => peoplePage(c))

  r.post('/people/invite', 'people.manage', async (c) => {
    const p = inSchool(c)
    const form = await readForm(c, StaffInvite)
    if (!form.ok) return peoplePage(c, form.errors, form.values, 400)
    if (!grantableRoles(p.roles).includes(form.data.role as Role)) {
      return peoplePage(c, { role: 'form.choice' }, { ...form.data }, 400)
    }
    await inviteStaff(serviceDeps(c), p.schoolId, p.personId, form.data)
    return c.redirect('/people?notice=invited', 303)
  })

  r.post('/people/:personId/roles', 'roles.change', async (c) => {
    const p = inSchool(c)
    const personId = idParam(c, 'personId')
    const member = await memberOf(c.get('deps').db, p.schoolId, personId)
    const input = await requireForm(c, RoleChangeInput)
    authorize(c, 'roles.change', { ...member, role: input.role })
    await changeRole(c.get('deps').db, p.schoolId, p.personId, personId, input.role, input.op)
    return c.redirect('/people?notice=roleChanged', 303)
  })

  r.get('/groups', 'groups.list', async (c) => {
    const { t } = c.var
    const p = inSchool(c)
    const all = p.roles.some((role) => role === 'director' || role === 'admin' || role === 'ib')
    const groups = await listGroups(c.get('deps').db, p.schoolId, all ? undefined : p.personId)
    return page(c, {
      title: t('nav.groups'),
      body: (
        <>
          <h1>{t('nav.groups')}</h1>
          {groups.length === 0 ? <Empty>{t('home.teacher.noGroups')}</Empty> : null}
          <ul class="cards">
            {groups.map((g) => (
              <li>
                <a href={`/groups/${g.id}`}>{g.name}</a>
              </li>
            ))}
          </ul>
        </>
      ),
    })
  })

  r.get('/groups/:groupId', 'groups.view', (c) => groupPage(c, idParam(c, 'groupId')))

  r.post('/groups/:groupId/invite', 'parents.invite', async (c) => {
    const p = inSchool(c)
    const group = await loadGroup(c.get('deps').db, p.schoolId, idParam(c, 'groupId'))
    authorize(c, 'parents.invite', group)
    const body = await c.req.parseBody()
    const record = {
      name: body.name,
      email: body.email,
      child: body.child,
      childId: body.childId,
      group: '',
      language: body.language,
    }
    const result = await importParents(
      serviceDeps(c),
      { schoolId: p.schoolId, actorId: p.personId, groups: [group], defaultGroupId: group.id },
      [{ line: 1, record }],
    )
    if (!result.ok) {
      const errors: FieldErrors = {}
      for (const e of result.errors) errors[e.field] ??= e.key
      const values = Object.fromEntries(
        Object.entries(record).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
      )
      return groupPage(c, group.id, { errors, values, status: 400 })
    }
    return c.redirect(`/groups/${group.id}?notice=invited`, 303)
  })

  r.post('/groups/:groupId/import', 'parents.invite', async (c) => {
    const p = inSchool(c)
    const { db } = c.get('deps')
    const group = await loadGroup(db, p.schoolId, idParam(c, 'groupId'))
    authorize(c, 'parents.invite', group)
    const body = await c.req.parseBody()
    const file = body.file
    const text =
      file instanceof File && file.size > 0
        ? await file.text()
        : typeof body.csv === 'string'
          ? body.csv
          : ''
    const parsed = parseParentCsv(text)
    if (!Array.isArray(parsed))
      return groupPage(c, group.id, { importErrors: [parsed], csv: text, status: 400 })
    const leadership = p.roles.some((role) => role === 'director' || role === 'admin')
    const groups = await listGroups(db, p.schoolId, leadership ? undefined : p.personId)
    const result = await importParents(
      serviceDeps(c),
      { schoolId: p.schoolId, actorId: p.personId, groups, defaultGroupId: group.id },
      parsed,
    )
    if (!result.ok)
      return groupPage(c, group.id, { importErrors: result.errors, csv: text, status: 400 })
    return c.redirect(`/groups/${group.id}?notice=imported`, 303)
  })

  r.post('/groups/:groupId/teachers', 'groups.manage', async (c) => {
    const p = inSchool(c)
    const group = await loadGroup(c.get('deps').db, p.schoolId, idParam(c, 'groupId'))
    authorize(c, 'groups.manage', group)
    const input = await requireForm(c, AssignTeacher)
    await assignTeacher(c.get('deps').db, group, input.personId)
    return c.redirect(`/groups/${group.id}?notice=saved`, 303)
  })
}
