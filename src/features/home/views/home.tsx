/** @jsxImportSource hono/jsx */
// The home page's sections, one per role the person holds in the current school, each a
// plain function of what the page loaded. Empty states say plainly what will appear there.
import { html } from 'hono/html'
import type { Role } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { Empty } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatWhen } from '../../../core/time.ts'
import type { GroupSummary, SchoolFigures } from '../read/staff.ts'

/** The circles a person runs, as circles' read module hands them to the home page. */
export interface RunCircle {
  id: string
  name: string
  next: Date | string | null
  pending: number | string | null
}

/** The municipality's figures, summed over its schools. */
export interface MunicipalFigures {
  circles: number
  members: number
  schools: number
}

export interface HomeData {
  roles: readonly Role[]
  groups: GroupSummary[] | null
  figures: SchoolFigures | null
  /** Null: the person holds no role that runs circles. */
  runs: RunCircle[] | null
  municipal: MunicipalFigures | null
}

// The parent home is the page most people open most often, so its section is an html``
// template like the layout (core/http/render.tsx): the same markup, a quarter of the cost.
export function ParentSection({ c }: { c: Ctx }) {
  const t = c.get('t')
  const children = c.get('principal')?.children ?? []
  const empty = (text: string) => html`<p class="empty">${text}</p>`
  return html`<section aria-labelledby="h-parent"><h2 id="h-parent">${t('home.parent.children')}</h2>${
    children.length
      ? html`<ul class="cards">${children.map((ch) => html`<li><strong>${ch.firstName}</strong> · ${ch.groupName}</li>`)}</ul>`
      : empty(t('home.parent.noChildren'))
  }<h2>${t('home.parent.circles')}</h2><p><a href="/circles">${t('home.parent.circlesLink')}</a></p><h2>${t('home.parent.buddies')}</h2><p><a href="/buddies">${t('home.parent.buddiesLink')}</a></p><h2>${t('home.parent.messages')}</h2>${empty(t('home.parent.messagesEmpty'))}</section>`
}

function TeacherSection({ c, groups }: { c: Ctx; groups: GroupSummary[] }) {
  const t = c.get('t')
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

function LeadershipSection({ c, f }: { c: Ctx; f: SchoolFigures }) {
  const t = c.get('t')
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
function CirclesSection({ c, circles, always }: { c: Ctx; circles: RunCircle[]; always: boolean }) {
  const t = c.get('t')
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
                ? t('home.facilitator.next', { when: formatWhen(c.get('lang'), new Date(k.next)) })
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
function MunicipalSection({ c, m }: { c: Ctx; m: MunicipalFigures }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="h-municipal">
      <h2 id="h-municipal">{t('home.municipal.title')}</h2>
      {m.schools ? (
        <>
          <dl class="figures">
            <dt>{t('circles.ov.circles')}</dt>
            <dd>{m.circles}</dd>
            <dt>{t('circles.ov.members')}</dt>
            <dd>{m.members}</dd>
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

export function HomeView({ c, data }: { c: Ctx; data: HomeData }) {
  const t = c.get('t')
  const has = (role: Role) => data.roles.includes(role)
  return (
    <>
      <h1>{t('home.hello', { name: c.get('principal')?.firstName ?? '' })}</h1>
      {data.roles.length === 0 ? <Empty>{t('home.noRoles')}</Empty> : null}
      {has('parent') ? <ParentSection c={c} /> : null}
      {data.groups ? <TeacherSection c={c} groups={data.groups} /> : null}
      {data.figures ? <LeadershipSection c={c} f={data.figures} /> : null}
      {data.runs ? <CirclesSection c={c} circles={data.runs} always={has('facilitator')} /> : null}
      {data.municipal ? <MunicipalSection c={c} m={data.municipal} /> : null}
      {data.roles.map((role) => {
        const plain = PLAIN_ROLES[role]
        return plain ? (
          <section>
            <h2>{t(plain[0])}</h2>
            <Empty>{t(plain[1])}</Empty>
          </section>
        ) : null
      })}
    </>
  )
}
