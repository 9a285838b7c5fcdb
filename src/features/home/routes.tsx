/** @jsxImportSource hono/jsx */
// The home page: one section per role the person holds in the current school. Empty
// states say plainly what will appear there once there is something.
import { html } from 'hono/html'
import type { Role } from '../../core/db/schema.ts'
import type { Ctx } from '../../core/http/context.ts'
import { Empty, page } from '../../core/http/render.tsx'
import type { MessageKey } from '../../core/i18n/index.ts'
import { schoolsWithRole } from '../../core/principal.ts'
import { formatWhen } from '../../core/time.ts'
import type { AppRouter } from '../../policies.ts'
import { overview } from '../circles/overview.ts'
import { runBy } from '../circles/service.ts'
import { groupsTaughtBy, schoolFigures } from './service.ts'

// The parent home is the page most people open most often, so its section is an html``
// template like the layout (core/http/render.tsx): the same markup, a quarter of the cost.
function ParentSection({ c }: { c: Ctx }) {
  const t = c.get('t')
  const p = c.get('principal')
  const children = p?.children ?? []
  const empty = (text: string) => html`<p class="empty">${text}</p>`
  return html`<section aria-labelledby="h-parent"><h2 id="h-parent">${t('home.parent.children')}</h2>${
    children.length
      ? html`<ul class="cards">${children.map((ch) => html`<li><strong>${ch.firstName}</strong> · ${ch.groupName}</li>`)}</ul>`
      : empty(t('home.parent.noChildren'))
  }<h2>${t('home.parent.circles')}</h2><p><a href="/circles">${t('home.parent.circlesLink')}</a></p><h2>${t('home.parent.buddies')}</h2><p><a href="/buddies">${t('home.parent.buddiesLink')}</a></p><h2>${t('home.parent.messages')}</h2>${empty(t('home.parent.messagesEmpty'))}</section>`
}

async function TeacherSection({ c }: { c: Ctx }) {
  const { t, principal: p, deps } = c.var
  if (!p?.schoolId) return null
  const groups = await groupsTaughtBy(deps.db, p.schoolId, p.personId)
  return (
    <section aria-labelledby="h-teacher">
      <h2 id="h-teacher">{t('home.teacher.groups')}</h2>
      {groups.length ? (
        <ul class="cards">
          {groups.map((g) => (
            <li>
              <a href={`/groups/${g.id}`}>{g.name}</a>
              <br />
              {t('home.teacher.groupFigures', { children: g.children, parents: g.parents })}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('home.teacher.noGroups')}</Empty>
      )}
      <h2>{t('home.teacher.signals')}</h2>
      <Empty>{t('home.teacher.signalsEmpty')}</Empty>
    </section>
  )
}

async function LeadershipSection({ c }: { c: Ctx }) {
  const { t, principal: p, deps } = c.var
  if (!p?.schoolId) return null
  const f = await schoolFigures(deps.db, p.schoolId)
  return (
    <section aria-labelledby="h-school">
      <h2 id="h-school">{t('home.school.figures')}</h2>
      <dl class="figures">
        <dt>{t('home.school.groups')}</dt>
        <dd>{f.groups}</dd>
        <dt>{t('home.school.children')}</dt>
        <dd>{f.children}</dd>
        <dt>{t('home.school.parents')}</dt>
        <dd>{f.parents}</dd>
        <dt>{t('home.school.staff')}</dt>
        <dd>{f.staff}</dd>
      </dl>
      <p>
        <a href="/people">{t('home.school.managePeople')}</a> ·{' '}
        <a href="/groups">{t('home.school.groupsLink')}</a> ·{' '}
        <a href="/audit">{t('audit.title')}</a>
      </p>
    </section>
  )
}

/** The circles this person runs; for a kringbegeleider an empty state says what will come. */
async function CirclesSection({ c, always }: { c: Ctx; always: boolean }) {
  const { t, principal: p, deps, lang } = c.var
  if (!p) return null
  const circles = await runBy(deps.db, p.personId)
  if (!circles.length && !always) return null
  return (
    <section aria-labelledby="h-circles">
      <h2 id="h-circles">{t('home.facilitator.title')}</h2>
      {circles.length ? (
        <ul class="cards">
          {circles.map((k) => (
            <li>
              <a href={`/circles/${k.id}`}>{k.name}</a>
              <br />
              {k.next
                ? t('home.facilitator.next', { when: formatWhen(lang, new Date(k.next)) })
                : null}
              {Number(k.pending)
                ? ` · ${t('home.facilitator.pending', { n: Number(k.pending) })}`
                : null}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('home.facilitator.empty')}</Empty>
      )}
    </section>
  )
}

/** The municipality's home: the circles across its schools, in counts. */
async function MunicipalSection({ c }: { c: Ctx }) {
  const { t, principal: p, deps } = c.var
  if (!p) return null
  const rows = await overview(deps.db, { schoolIds: schoolsWithRole(p, 'municipal') })
  return (
    <section aria-labelledby="h-municipal">
      <h2 id="h-municipal">{t('home.municipal.title')}</h2>
      {rows.length ? (
        <>
          <dl class="figures">
            <dt>{t('circles.ov.circles')}</dt>
            <dd>{rows.reduce((n, r) => n + r.circles, 0)}</dd>
            <dt>{t('circles.ov.members')}</dt>
            <dd>{rows.reduce((n, r) => n + r.members, 0)}</dd>
          </dl>
          <p>
            <a href="/circles/overview">{t('circles.overview')}</a>
          </p>
        </>
      ) : (
        <Empty>{t('home.municipal.empty')}</Empty>
      )}
    </section>
  )
}

/** Roles whose section is, for now, a plain statement of what will appear there. */
const PLAIN_ROLES: Partial<Record<Role, [MessageKey, MessageKey]>> = {
  ib: ['home.ib.title', 'home.ib.empty'],
  brugfiguur: ['home.brugfiguur.title', 'home.brugfiguur.empty'],
  partner: ['home.partner.title', 'home.partner.empty'],
}

export function homeRoutes(r: AppRouter): void {
  r.get('/home', 'home.view', (c) => {
    const t = c.get('t')
    const p = c.get('principal')
    const roles = p?.roles ?? []
    const has = (role: Role) => roles.includes(role)
    return page(c, {
      title: t('nav.home'),
      body: (
        <>
          <h1>{t('home.hello', { name: p?.firstName ?? '' })}</h1>
          {roles.length === 0 ? <Empty>{t('home.noRoles')}</Empty> : null}
          {has('parent') ? <ParentSection c={c} /> : null}
          {has('teacher') ? <TeacherSection c={c} /> : null}
          {has('director') || has('admin') ? <LeadershipSection c={c} /> : null}
          {roles.some((r) => r !== 'parent') ? (
            <CirclesSection c={c} always={has('facilitator')} />
          ) : null}
          {has('municipal') ? <MunicipalSection c={c} /> : null}
          {roles.map((role) => {
            const plain = PLAIN_ROLES[role]
            return plain ? (
              <section>
                <h2>{t(plain[0])}</h2>
                <Empty>{t(plain[1])}</Empty>
              </section>
            ) : null
          })}
        </>
      ),
    })
  })
}
