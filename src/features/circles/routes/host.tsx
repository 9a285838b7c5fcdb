// The host's routes: setting a circle up, the facilitators register, the overview (a page and
// a CSV), and a circle's settings.
import type { Ctx } from '../../../core/http/context.ts'
import { readForm, requireForm } from '../../../core/http/forms.ts'
import { back, inSchool, signedIn } from '../../../core/http/router.ts'
import type { AppRouter } from '../../../policies.ts'
import { createCircle, registerFacilitator, updateSettings } from '../commands/setup.ts'
import { hostOf, loadNewCirclePage, loadRegisterPage, scopeOf } from '../read/host.ts'
import { overview } from '../read/overview.ts'
import { CircleInput, FacilitatorInput, SettingsInput } from '../schema.ts'
import { newCircleView, registerView } from '../views/host.tsx'
import type { FormState } from '../views/join.tsx'
import { overviewCsv, overviewView } from '../views/overview.tsx'
import { circleFor } from './common.ts'

const newCirclePage = async (c: Ctx, form?: FormState) =>
  newCircleView(c, await loadNewCirclePage(c.get('deps').db, inSchool(c)), form)

const registerPage = async (c: Ctx, form?: FormState) =>
  registerView(c, await loadRegisterPage(c.get('deps').db, inSchool(c)), form)

export function hostRoutes(r: AppRouter): void {
  r.get('/circles/new', 'circles.manage', (c) => newCirclePage(c))
  r.post('/circles', 'circles.manage', async (c) => {
    const form = await readForm(c, CircleInput)
    if (!form.ok) return newCirclePage(c, { errors: form.errors, values: form.values, status: 400 })
    const db = c.get('deps').db
    const p = inSchool(c)
    const { host, schoolIds } = await hostOf(db, p)
    const id = await createCircle(db, host, schoolIds, form.data, p.personId)
    return back(c, `/circles/${id}`, 'created')
  })

  r.get('/circles/facilitators', 'circles.register', (c) => registerPage(c))
  r.post('/circles/facilitators', 'circles.register', async (c) => {
    const form = await readForm(c, FacilitatorInput)
    if (!form.ok) return registerPage(c, { errors: form.errors, status: 400 })
    const db = c.get('deps').db
    const p = inSchool(c)
    const { host, schoolIds } = await hostOf(db, p)
    await registerFacilitator(db, host, schoolIds, form.data, p.personId)
    return back(c, '/circles/facilitators', 'registered')
  })

  r.get('/circles/overview', 'circles.overview', async (c) =>
    overviewView(c, await overview(c.get('deps').db, scopeOf(inSchool(c)))),
  )
  r.get('/circles/overview.csv', 'circles.overview', async (c) => {
    const rows = await overview(c.get('deps').db, scopeOf(inSchool(c)))
    return c.body(overviewCsv(c.get('lang'), c.get('t'), rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="kringen.csv"',
    })
  })

  r.post('/circles/:id/settings', 'circles.manage', async (c) => {
    const { circle } = await circleFor(c, 'circles.manage')
    const input = await requireForm(c, SettingsInput)
    await updateSettings(c.get('deps').db, circle, input, signedIn(c).personId)
    return back(c, `/circles/${circle.id}`, 'saved')
  })
}
