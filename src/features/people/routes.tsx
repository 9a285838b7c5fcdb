/** @jsxImportSource hono/jsx */
// Staff and roles (/people), classes and their parents (/groups), single and bulk parent
// invitations. Thin: validate, ask the policy, call the service, render.
import type { Role } from '../../core/db/schema.ts'
import { type Ctx, serviceDeps } from '../../core/http/context.ts'
import { readForm, requireForm } from '../../core/http/forms.ts'
import { type FieldErrors, page } from '../../core/http/render.tsx'
import { back, idParam, inSchool } from '../../core/http/router.ts'
import { type AppRouter, allowed, authorize } from '../../policies.ts'
import { importParents, parseParentCsv } from './commands/import.ts'
import { assignTeacher, changeRole, inviteStaff } from './commands/invitations.ts'
import { grantableRoles } from './policy.ts'
import { groupRoster, listGroups, loadGroup } from './read/groups.ts'
import { listStaff, memberOf, teachersOf } from './read/staff.ts'
import { AssignTeacher, RoleChangeInput, StaffInvite } from './schema.ts'
import { type GroupPageState, GroupsView, GroupView } from './views/group.tsx'
import { StaffView } from './views/staff.tsx'

async function peoplePage(
  c: Ctx,
  errors: FieldErrors = {},
  values: Record<string, string> = {},
  status: 200 | 400 = 200,
) {
  const p = inSchool(c)
  const staff = await listStaff(c.get('deps').db, p.schoolId)
  return page(c, {
    title: c.get('t')('people.title'),
    status,
    body: (
      <StaffView
        c={c}
        staff={staff}
        grantable={grantableRoles(p.roles)}
        errors={errors}
        values={values}
      />
    ),
  })
}

async function groupPage(c: Ctx, groupId: string, s: GroupPageState = {}) {
  const { deps } = c.var
  const p = inSchool(c)
  const group = await loadGroup(deps.db, p.schoolId, groupId)
  authorize(c, 'groups.view', group)
  const mayInvite = allowed(c, 'parents.invite', group)
  const mayManage = allowed(c, 'groups.manage', group)
  const [roster, teachers] = await Promise.all([
    groupRoster(deps.db, p.schoolId, group.id),
    mayManage ? teachersOf(deps.db, p.schoolId) : [],
  ])
  return page(c, {
    title: group.name,
    status: s.status,
    body: <GroupView c={c} d={{ group, roster, mayInvite, mayManage, teachers }} s={s} />,
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
    return back(c, '/people', 'invited')
  })

  r.post('/people/:personId/roles', 'roles.change', async (c) => {
    const p = inSchool(c)
    const personId = idParam(c, 'personId')
    const member = await memberOf(c.get('deps').db, p.schoolId, personId)
    const input = await requireForm(c, RoleChangeInput)
    authorize(c, 'roles.change', { ...member, role: input.role })
    await changeRole(c.get('deps').db, p.schoolId, p.personId, personId, input.role, input.op)
    return back(c, '/people', 'roleChanged')
  })

  r.get('/groups', 'groups.list', async (c) => {
    const p = inSchool(c)
    const own = allowed(c, 'groups.seeAll') ? undefined : p.personId
    const groups = await listGroups(c.get('deps').db, p.schoolId, own)
    return page(c, { title: c.get('t')('nav.groups'), body: <GroupsView c={c} groups={groups} /> })
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
    return back(c, `/groups/${group.id}`, 'invited')
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
    return back(c, `/groups/${group.id}`, 'imported')
  })

  r.post('/groups/:groupId/teachers', 'groups.manage', async (c) => {
    const p = inSchool(c)
    const group = await loadGroup(c.get('deps').db, p.schoolId, idParam(c, 'groupId'))
    authorize(c, 'groups.manage', group)
    const input = await requireForm(c, AssignTeacher)
    await assignTeacher(c.get('deps').db, group, input.personId)
    return back(c, `/groups/${group.id}`, 'saved')
  })
}
