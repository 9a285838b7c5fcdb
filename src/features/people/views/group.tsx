/** @jsxImportSource hono/jsx */
// /groups/:id: a class's children and their parents; inviting a parent one by one or as a
// list (for those who may); the class's teachers (for the director and admin).
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  Empty,
  ErrorSummary,
  Field,
  type FieldErrors,
  Select,
} from '../../../core/http/render.tsx'
import type { LineError } from '../commands/import.ts'
import type { GroupRow, RosterChild } from '../read/groups.ts'
import { ImportErrors, languageOptions, PersonFields } from './shared.tsx'

export interface GroupPageData {
  group: GroupRow & { teacherIds: readonly string[] }
  roster: RosterChild[]
  mayInvite: boolean
  mayManage: boolean
  teachers: { id: string; name: string }[]
}

export interface GroupPageState {
  errors?: FieldErrors
  values?: Record<string, string>
  importErrors?: LineError[]
  csv?: string
  status?: 200 | 400
}

export function GroupView({ c, d, s }: { c: Ctx; d: GroupPageData; s: GroupPageState }) {
  const t = c.get('t')
  const { group, roster, mayInvite, mayManage, teachers } = d
  const errors = s.errors ?? {}
  const v = s.values ?? {}
  return (
    <>
      <h1>{group.name}</h1>
      <ImportErrors c={c} errors={s.importErrors ?? []} />
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
          <form method="post" action={`/groups/${group.id}/import`} enctype="multipart/form-data">
            <CsrfField c={c} />
            <div class={s.importErrors?.length ? 'field invalid' : 'field'}>
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
  )
}

/** /groups: the classes a person may open (all of them for the director, admin and IB). */
export function GroupsView({ c, groups }: { c: Ctx; groups: readonly GroupRow[] }) {
  const t = c.get('t')
  return (
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
  )
}
