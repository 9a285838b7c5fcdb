/** @jsxImportSource hono/jsx */
// /partners: the presence schedule of the partners at this school and my appointments.
// /partners/new: a partner adds hours. /partners/hours/:id: one spreekuur or inloop, booked
// here. /partners/bookings/:id/cancel: the booker or the partner cancels.
import { DomainError } from '../../core/errors.ts'
import type { Ctx } from '../../core/http/context.ts'
import { serviceDeps } from '../../core/http/context.ts'
import { readForm } from '../../core/http/forms.ts'
import { type FieldErrors, page } from '../../core/http/render.tsx'
import { back, idParam, inSchool } from '../../core/http/router.ts'
import { viewerOf } from '../../core/http/viewer.ts'
import { toCalendar } from '../../core/ics.ts'
import { holds } from '../../core/principal.ts'
import { type AppRouter, allowed, authorize } from '../../policies.ts'
import { bookSlot, cancelBooking } from './commands/bookings.ts'
import { planHours } from './commands/hours.ts'
import { askTalk, confirmTalk, withdrawTalk } from './commands/talk.ts'
import { loadBooking, loadHour } from './read/hour.ts'
import { loadSchedule } from './read/schedule.ts'
import { loadTalk, ownPhone, ownTalks, talksToAnswer } from './read/talk.ts'
import { BookInput, HoursInput, TalkInput } from './schema.ts'
import { HourPage } from './views/hour.tsx'
import { PlanForm } from './views/plan.tsx'
import { SchedulePage } from './views/schedule.tsx'

type Values = Record<string, string | undefined>

async function schedulePage(
  c: Ctx,
  values: Values = {},
  errors: FieldErrors = {},
  status: 200 | 400 = 200,
) {
  const { db } = c.var.deps
  const v = viewerOf(c)
  const asks = allowed(c, 'partners.askTalk')
  const [s, own, phone, talks] = await Promise.all([
    loadSchedule(db, v),
    asks ? ownTalks(db, v) : [],
    asks ? ownPhone(db, v.p.personId) : '',
    allowed(c, 'partners.plan') ? talksToAnswer(db, v) : null,
  ])
  return page(c, {
    title: c.var.t('partners.title'),
    status,
    body: (
      <SchedulePage
        c={c}
        s={s}
        canPlan={allowed(c, 'partners.plan')}
        talk={
          asks
            ? {
                partners: s.partners.map((p) => ({ id: p.id, name: p.name })),
                own,
                phone,
                values,
                errors,
              }
            : null
        }
        talks={talks}
      />
    ),
  })
}

function planPage(c: Ctx, values: Values, errors: FieldErrors, status: 200 | 400 = 200) {
  return page(c, {
    title: c.var.t('partners.addHours'),
    status,
    body: <PlanForm c={c} values={values} errors={errors} />,
  })
}

async function hourPage(
  c: Ctx,
  id: string,
  values: Values = {},
  errors: FieldErrors = {},
  status: 200 | 400 | 409 = 200,
) {
  const v = viewerOf(c)
  const h = await loadHour(c.var.deps.db, v, id)
  return page(c, {
    title: c.var.t(`partners.hourTitle.${h.kind}`, { name: h.partnerName }),
    status,
    body: (
      <HourPage
        c={c}
        v={{
          h,
          may: {
            book: allowed(c, 'partners.book', h.record) && !h.booked,
            manage: allowed(c, 'partners.manage', h.record),
            // The three-way talk is the parent's to ask for: the teacher of their child.
            withTeacher: holds(v.p, 'parent') && v.p.children.length > 0,
          },
          values,
          errors,
        }}
      />
    ),
  })
}

export function partnerRoutes(r: AppRouter): void {
  r.menu('/partners', 'partners.nav', 'partners.view')

  r.get('/partners', 'partners.view', (c) => schedulePage(c))

  r.post('/partners/talks', 'partners.askTalk', async (c) => {
    const p = inSchool(c)
    const form = await readForm(c, TalkInput)
    if (!form.ok) return schedulePage(c, form.values as Values, form.errors, 400)
    await askTalk(serviceDeps(c), p.schoolId, p.personId, form.data)
    return back(c, '/partners', 'talkAsked')
  })

  r.post('/partners/talks/:id/withdraw', 'partners.askTalk', async (c) => {
    const p = inSchool(c)
    const talk = await loadTalk(c.var.deps.db, p.schoolId, idParam(c, 'id'))
    authorize(c, 'partners.withdrawTalk', talk.record)
    await withdrawTalk(c.var.deps.db, p.schoolId, p.personId, talk.id)
    return back(c, '/partners', 'talkWithdrawn')
  })

  r.post('/partners/talks/:id/contacted', 'partners.plan', async (c) => {
    const p = inSchool(c)
    const talk = await loadTalk(c.var.deps.db, p.schoolId, idParam(c, 'id'))
    authorize(c, 'partners.confirmTalk', talk.record)
    await confirmTalk(c.var.deps.db, p.schoolId, talk.id, p.personId)
    return back(c, '/partners', 'talkContacted')
  })

  r.get('/partners/new', 'partners.plan', (c) => planPage(c, {}, {}))

  r.post('/partners/new', 'partners.plan', async (c) => {
    const p = inSchool(c)
    const form = await readForm(c, HoursInput)
    if (!form.ok) return planPage(c, form.values as Values, form.errors, 400)
    await planHours(c.var.deps.db, p.schoolId, p.personId, form.data)
    return back(c, '/partners', 'hoursAdded')
  })

  r.get('/partners/hours/:id', 'partners.view', (c) => hourPage(c, idParam(c, 'id')))

  r.post('/partners/hours/:id/book', 'partners.view', async (c) => {
    const p = inSchool(c)
    const v = viewerOf(c)
    const id = idParam(c, 'id')
    const h = await loadHour(c.var.deps.db, v, id)
    authorize(c, 'partners.book', h.record)
    const form = await readForm(c, BookInput)
    if (!form.ok) return hourPage(c, id, form.values as Values, form.errors, 400)
    if (h.booked) return back(c, `/partners/hours/${id}`, 'booked')
    const input = {
      ...form.data,
      withTeacher: form.data.withTeacher && holds(p, 'parent') && p.children.length > 0,
    }
    try {
      await bookSlot(serviceDeps(c), h, p.schoolId, p.personId, input)
    } catch (e) {
      // The time went to someone else (or is gone): the form again, with what was written.
      if (e instanceof DomainError && e.status !== 403)
        return hourPage(
          c,
          id,
          { topic: input.topic, withTeacher: input.withTeacher ? 'on' : undefined },
          { slot: e.messageKey },
          409,
        )
      throw e
    }
    return back(c, `/partners/hours/${id}`, 'booked')
  })

  // The appointment for the booker's (or the partner's) calendar: a stable UID, so a
  // cancellation downloaded later replaces the same event.
  r.get('/partners/bookings/:id/calendar.ics', 'partners.view', async (c) => {
    const p = inSchool(c)
    const { deps } = c.var
    const b = await loadBooking(deps.db, p.schoolId, idParam(c, 'id'))
    authorize(c, 'partners.seeBooker', b.record)
    const ics = toCalendar(
      [
        {
          uid: `partner-booking-${b.id}`,
          title: c.var.t('partners.hourTitle.spreekuur', { name: b.partnerName }),
          place: b.place,
          startsAt: b.startsAt,
          endsAt: new Date(b.startsAt.getTime() + b.minutes * 60_000),
          url: `${deps.config.baseUrl}/partners/hours/${b.hourId}`,
          cancelled: b.cancelled,
        },
      ],
      'Kringwerk',
      deps.config.baseUrl,
    )
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'attachment; filename="afspraak.ics"',
    })
  })

  r.post('/partners/bookings/:id/cancel', 'partners.view', async (c) => {
    const p = inSchool(c)
    const b = await loadBooking(c.var.deps.db, p.schoolId, idParam(c, 'id'))
    authorize(c, 'partners.cancel', b.record)
    await cancelBooking(serviceDeps(c), p.schoolId, b, p.personId)
    return back(
      c,
      p.personId === b.partnerId ? `/partners/hours/${b.hourId}` : '/partners',
      'bookingCancelled',
    )
  })
}
