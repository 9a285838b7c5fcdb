/** @jsxImportSource hono/jsx */
// The home page's sections, one per role the person holds in the current school, each a
// plain function of what the page loaded: what waits for them, linked to where the work is.
// An empty state shows only when it is true.
import { html } from 'hono/html'
import type { Role } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { Empty } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatWhen } from '../../../core/time.ts'
import type { CoordinatorWaiting, ParentWaiting } from '../../buddies/index.ts'
import type { PlaceRow } from '../../circles/index.ts'
import type { HourItem } from '../../partners/index.ts'
import type { GroupSummary } from '../../people/index.ts'
import type { SchoolFigures } from '../read/staff.ts'

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
  /** The person's own places in circles (their own or a child's), not those they run. */
  places: PlaceRow[]
  /** What waits for the person's answer as a parent; null: not a parent here. */
  waiting: ParentWaiting | null
  groups: GroupSummary[] | null
  /** How many parents this teacher signalled (that they arrived, nothing more). */
  signals: number | null
  /** The buddy work on the themes the person coordinates; null: they coordinate none. */
  coordinator: CoordinatorWaiting | null
  figures: SchoolFigures | null
  runs: RunCircle[]
  municipal: MunicipalFigures | null
  /** A partner's next hours at this school; null: not a partner here. */
  hours: HourItem[] | null
}

const when = (c: Ctx, at: Date | string) => formatWhen(c.get('lang'), new Date(at))

/** What waits for a parent's answer, each card linked to /buddies where it is answered. */
function waitingCards(c: Ctx, w: ParentWaiting) {
  const t = c.get('t')
  const card = (title: string, text: string) =>
    html`<li><strong>${title}</strong><br/>${text}<br/><a href="/buddies">${t('home.waiting.answer')}</a></li>`
  const cards = [
    ...w.offers.map((o) =>
      card(t('buddies.offerForYou'), t('buddies.offerText', { theme: o.theme })),
    ),
    ...w.asks.map((a) => card(t('buddies.askForYou'), t('buddies.askText', { theme: a.theme }))),
    ...w.checkins.map((k) =>
      card(t('buddies.checkinTitle'), t('buddies.checkinText', { weeks: k.week, theme: k.theme })),
    ),
  ]
  return cards.length
    ? html`<section aria-labelledby="h-waiting"><h2 id="h-waiting">${t('home.waiting.title')}</h2><ul class="cards">${cards}</ul></section>`
    : null
}

/**
 * The person's places: a confirmed one opens the circle's page, one still waiting its door.
 * Names are isolated (<bdi>) so a Dutch name keeps its order in an Arabic sentence.
 */
function placeCards(c: Ctx, places: PlaceRow[]) {
  const t = c.get('t')
  return html`<ul class="cards">${places.map(
    (pl) =>
      html`<li><a href="/circles/${pl.circleId}${pl.status === 'confirmed' ? '' : '/join'}"><bdi>${pl.circle}</bdi></a>${
        pl.child ? html` · <bdi>${pl.child}</bdi>` : ''
      } · ${t(`circles.status.${pl.status}` as MessageKey)}${
        pl.next ? html`<br/>${t('home.facilitator.next', { when: when(c, pl.next) })}` : ''
      }</li>`,
  )}</ul>`
}

// The parent home is the page most people open most often, so its section is an html``
// template like the layout (core/http/render.tsx): the same markup, a quarter of the cost.
export function ParentSection({ c, data }: { c: Ctx; data: HomeData }) {
  const t = c.get('t')
  const children = c.get('principal')?.children ?? []
  const empty = (text: string) => html`<p class="empty">${text}</p>`
  return html`${data.waiting ? waitingCards(c, data.waiting) : null}<section aria-labelledby="h-parent"><h2 id="h-parent">${t('home.parent.children')}</h2>${
    children.length
      ? html`<ul class="cards">${children.map((ch) => html`<li><strong>${ch.firstName}</strong> · ${ch.groupName}</li>`)}</ul>`
      : empty(t('home.parent.noChildren'))
  }<h2>${t('home.parent.circles')}</h2>${data.places.length ? placeCards(c, data.places) : null}<p><a href="/circles">${t('home.parent.circlesLink')}</a></p><h2>${t('home.parent.buddies')}</h2><p><a href="/buddies">${t('home.parent.buddiesLink')}</a></p><h2>${t('home.parent.messages')}</h2><p><a href="/messages">${t('home.parent.messagesLink')}</a></p></section>`
}

/** Places of someone who is no parent here (a neighbour who came in by a circle's open door). */
function PlacesSection({ c, places }: { c: Ctx; places: PlaceRow[] }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="h-places">
      <h2 id="h-places">{t('home.places.title')}</h2>
      {placeCards(c, places)}
      <p>
        <a href="/circles">{t('home.parent.circlesLink')}</a>
      </p>
    </section>
  )
}

function TeacherSection({
  c,
  groups,
  signals,
}: {
  c: Ctx
  groups: GroupSummary[]
  signals: number
}) {
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
              {g.withoutParent ? (
                <>
                  <br />
                  {t('home.teacher.withoutParent', { n: g.withoutParent })} ·{' '}
                  <a href={`/groups/${g.id}#invite`}>{t('home.teacher.inviteLink')}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('home.teacher.noGroups')}</Empty>
      )}
      <h2>{t('home.teacher.signals')}</h2>
      {signals ? (
        <dl class="figures">
          <dt>{t('home.teacher.signalsSent')}</dt>
          <dd>{signals}</dd>
        </dl>
      ) : (
        <Empty>{t('home.teacher.signalsEmpty')}</Empty>
      )}
      <p>
        <a href="/buddies#h-signal">{t('home.teacher.signalsLink')}</a>
      </p>
    </section>
  )
}

/** The buddy work of a coordinator (IB, director, a teacher named for a theme), in counts. */
function BuddyWorkSection({ c, w }: { c: Ctx; w: CoordinatorWaiting }) {
  const t = c.get('t')
  const nothing = !w.open && !w.proposed && !w.school?.active && !w.school?.idleBuddies
  return (
    <section aria-labelledby="h-buddywork">
      <h2 id="h-buddywork">{t('home.ib.title')}</h2>
      {nothing ? (
        <Empty>{t('home.ib.empty')}</Empty>
      ) : (
        <dl class="figures">
          <dt>{t('buddies.fig.open')}</dt>
          <dd>{w.open}</dd>
          {w.open ? (
            <>
              <dt>{t('buddies.fig.waiting')}</dt>
              <dd>{w.waitingDaysMax}</dd>
            </>
          ) : null}
          <dt>{t('home.ib.signals')}</dt>
          <dd>{w.signals}</dd>
          <dt>{t('buddies.fig.proposed')}</dt>
          <dd>{w.proposed}</dd>
          {w.school ? (
            <>
              <dt>{t('buddies.fig.active')}</dt>
              <dd>{w.school.active}</dd>
              <dt>{t('buddies.fig.idle')}</dt>
              <dd>{w.school.idleBuddies}</dd>
            </>
          ) : null}
        </dl>
      )}
      <p>
        <a href="/buddies">{t('buddies.worklist')}</a>
      </p>
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
              {k.next ? t('home.facilitator.next', { when: when(c, k.next) }) : null}
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

/** A partner's next hours at this school, with how many times are taken, linked to each. */
function PartnerSection({ c, hours }: { c: Ctx; hours: HourItem[] }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="h-partner">
      <h2 id="h-partner">{t('home.partner.title')}</h2>
      {hours.length ? (
        <ul class="cards">
          {hours.map((h) => (
            <li class="card">
              <h3>
                <a href={`/partners/hours/${h.id}`}>
                  {t(`partners.kind.${h.kind}`)} · {when(c, h.startsAt)}
                </a>
              </h3>
              <p>
                <span lang="nl" dir="ltr">
                  {h.place}
                </span>
                {h.kind === 'spreekuur' ? (
                  <>
                    {' · '}
                    {t('home.partner.taken', { taken: h.slots - h.free, slots: h.slots })}
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('home.partner.empty')}</Empty>
      )}
      <p>
        <a href="/partners/new">{t('partners.addHours')}</a>
      </p>
    </section>
  )
}

/** Roles whose section is, for now, a plain statement of what will appear there. */
const PLAIN_ROLES: Partial<Record<Role, [MessageKey, MessageKey]>> = {
  brugfiguur: ['home.brugfiguur.title', 'home.brugfiguur.empty'],
}

export function HomeView({ c, data }: { c: Ctx; data: HomeData }) {
  const t = c.get('t')
  const has = (role: Role) => data.roles.includes(role)
  const parent = has('parent')
  return (
    <>
      <h1>{t('home.hello', { name: c.get('principal')?.firstName ?? '' })}</h1>
      {data.roles.length === 0 && data.places.length === 0 ? (
        <Empty>{t('home.noRoles')}</Empty>
      ) : null}
      {parent ? <ParentSection c={c} data={data} /> : null}
      {!parent && data.places.length ? <PlacesSection c={c} places={data.places} /> : null}
      {data.groups ? (
        <TeacherSection c={c} groups={data.groups} signals={data.signals ?? 0} />
      ) : null}
      {data.coordinator ? <BuddyWorkSection c={c} w={data.coordinator} /> : null}
      {data.figures ? <LeadershipSection c={c} f={data.figures} /> : null}
      {data.runs.length || has('facilitator') ? (
        <CirclesSection c={c} circles={data.runs} always={has('facilitator')} />
      ) : null}
      {data.municipal ? <MunicipalSection c={c} m={data.municipal} /> : null}
      {data.hours ? <PartnerSection c={c} hours={data.hours} /> : null}
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
