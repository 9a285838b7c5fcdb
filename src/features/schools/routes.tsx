/** @jsxImportSource hono/jsx */
// The header's school switcher, and the school's calendar (/school/calendar): its holiday
// region and the days off it adds. Thin: parse → authorize → command → back(), or load → view.
import { z } from 'zod'
import type { Ctx } from '../../core/http/context.ts'
import { readForm, requireForm } from '../../core/http/forms.ts'
import { page } from '../../core/http/render.tsx'
import { back, idParam, inSchool, signedIn } from '../../core/http/router.ts'
import { switchSchool } from '../../core/session.ts'
import { schoolDate as todayIn } from '../../core/time.ts'
import { type AppRouter, authorize } from '../../policies.ts'
import { addDayOff, removeDayOff, setRegion } from './commands/calendar.ts'
import { loadCalendarPage, loadDayOff } from './read/calendar.ts'
import { DayOffInput, RegionInput } from './schema.ts'
import { CalendarBody, type CalendarForm } from './views/calendar.tsx'

const db = (c: Ctx) => c.get('deps').db

async function calendarPage(c: Ctx, f: CalendarForm & { status?: 400 } = {}) {
  const { schoolId } = inSchool(c)
  authorize(c, 'school.calendar', { schoolId })
  const v = await loadCalendarPage(db(c), schoolId, todayIn(new Date()))
  return page(c, {
    title: c.get('t')('schools.calendarTitle'),
    status: f.status,
    body: <CalendarBody c={c} v={v} f={f} />,
  })
}

export function schoolRoutes(r: AppRouter): void {
  r.post('/school', 'school.switch', async (c) => {
    const { schoolId } = await requireForm(c, z.object({ schoolId: z.uuid() }))
    authorize(c, 'school.switch', schoolId)
    await switchSchool(c.get('deps').db, signedIn(c).sessionId, schoolId)
    return back(c, '/home', 'switched')
  })

  r.menu('/school/calendar', 'nav.calendar', 'school.calendar')
  r.get('/school/calendar', 'school.calendar', (c) => calendarPage(c))

  r.post('/school/calendar/region', 'school.calendar', async (c) => {
    const p = inSchool(c)
    const { region } = await requireForm(c, RegionInput)
    authorize(c, 'school.calendar', { schoolId: p.schoolId })
    await setRegion(db(c), p.schoolId, region, p.personId)
    return back(c, '/school/calendar', 'saved')
  })

  r.post('/school/calendar/days-off', 'school.calendar', async (c) => {
    const p = inSchool(c)
    const form = await readForm(c, DayOffInput)
    if (!form.ok) return calendarPage(c, { errors: form.errors, values: form.values, status: 400 })
    authorize(c, 'school.calendar', { schoolId: p.schoolId })
    await addDayOff(db(c), p.schoolId, form.data, p.personId)
    return back(c, '/school/calendar', 'dayOffAdded')
  })

  r.post('/school/calendar/days-off/:id/remove', 'school.calendar', async (c) => {
    const p = inSchool(c)
    const dayOff = await loadDayOff(db(c), p.schoolId, idParam(c, 'id'))
    authorize(c, 'school.calendar', dayOff)
    await removeDayOff(db(c), dayOff, p.personId)
    return back(c, '/school/calendar', 'dayOffRemoved')
  })
}
