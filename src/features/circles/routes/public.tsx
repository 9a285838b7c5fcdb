// The open door, public on purpose (core/http/router.ts lists it): a circle's join page and
// sign-up, its poster and calendar, and a person's own calendar feed addressed by its token.
// Also replacing that token, for the signed-in person.
import { DomainError, NotFound, TooMany } from '../../../core/errors.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { serviceDeps } from '../../../core/http/context.ts'
import { readForm, requireForm } from '../../../core/http/forms.ts'
import { clientIp } from '../../../core/http/middleware.ts'
import { back, idParam, PUBLIC, signedIn } from '../../../core/http/router.ts'
import { takeToken } from '../../../core/rate-limit.ts'
import type { AppRouter } from '../../../policies.ts'
import { requestSignIn } from '../../auth/index.ts'
import { renewFeed } from '../commands/feed.ts'
import { join, notifyRunners, personForSignup } from '../commands/places.ts'
import { claimedPerson, feedTokenOk, toIcs } from '../ics.ts'
import { posterPdf } from '../poster.ts'
import { circleFeed, feedCounter, personFeed } from '../read/feed.ts'
import { loadJoinPage, loadPoster, publicCircle } from '../read/public.ts'
import { JoinByMailInput, JoinChildInput, JoinSelfInput } from '../schema.ts'
import { checkMailView, type FormState, joinView } from '../views/join.tsx'

/** Sign-ups without an account, per client: a person a day is plenty for a real visitor. */
const JOIN_BY_MAIL_LIMIT = { max: 10, windowSeconds: 3600 }

const joinPage = async (c: Ctx, form?: FormState) =>
  joinView(c, await loadJoinPage(c.get('deps').db, c.get('principal'), idParam(c, 'id')), form)

/** Without an account: a first name and an address, then the ordinary sign-in link. */
async function joinByMail(c: Ctx) {
  const d = c.get('deps')
  const id = idParam(c, 'id')
  const circle = await publicCircle(d.db, id)
  const form = await readForm(c, JoinByMailInput)
  if (!form.ok) return joinPage(c, { errors: form.errors, values: form.values, status: 400 })
  if (circle.audience === 'child' || circle.status !== 'open')
    throw new DomainError(400, 'error.badRequest')
  // A person is made before any mail goes out: limit how fast one client can do that.
  if (!(await takeToken(d.db, `circles.join:${clientIp(c)}`, JOIN_BY_MAIL_LIMIT)))
    throw new TooMany()
  await personForSignup(d.db, form.data.email, form.data.firstName, c.get('lang'))
  const outcome = await requestSignIn(
    { ...serviceDeps(c), secret: d.secret, background: d.background },
    form.data.email,
    clientIp(c),
    `/circles/${id}/join`,
    c.get('lang'),
  )
  if (outcome === 'limited') throw new TooMany()
  return checkMailView(c)
}

async function joinPost(c: Ctx) {
  const p = c.get('principal')
  if (!p) return joinByMail(c)
  const db = c.get('deps').db
  const circle = await publicCircle(db, idParam(c, 'id'))
  const raw = await c.req.parseBody()
  let childId: string | null = null
  if (raw.for === 'self') {
    await requireForm(c, JoinSelfInput)
  } else {
    const form = await readForm(c, JoinChildInput)
    if (!form.ok) return joinPage(c, { errors: form.errors, status: 400 })
    childId = form.data.for
  }
  const outcome = await join(db, circle.id, p.personId, childId)
  if (outcome !== 'already') await notifyRunners(serviceDeps(c), circle)
  return back(c, `/circles/${circle.id}/join`, outcome === 'waitlist' ? 'waitlisted' : 'joined')
}

export function publicRoutes(r: AppRouter): void {
  r.get('/circles/:id/join', PUBLIC, (c) => joinPage(c))
  r.post('/circles/:id/join', PUBLIC, joinPost)
  r.get('/circles/:id/poster.pdf', PUBLIC, async (c) => {
    const d = c.get('deps')
    const { circle, meetings } = await loadPoster(d.db, idParam(c, 'id'))
    const pdf = await posterPdf(circle, meetings, `${d.config.baseUrl}/circles/${circle.id}/join`)
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': 'inline; filename="kring-poster.pdf"',
    })
  })
  r.get('/circles/:id/calendar.ics', PUBLIC, async (c) => {
    const d = c.get('deps')
    const circle = await publicCircle(d.db, idParam(c, 'id'))
    const ics = toIcs(await circleFeed(d.db, circle.id), circle.name, d.config.baseUrl)
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8' })
  })
  r.post('/calendar/renew', 'circles.feed', async (c) => {
    await renewFeed(c.get('deps').db, signedIn(c).personId)
    return back(c, '/circles', 'feedRenewed')
  })
  r.get('/calendar/:token', PUBLIC, async (c) => {
    const d = c.get('deps')
    const token = (c.req.param('token') ?? '').replace(/\.ics$/, '')
    const personId = claimedPerson(token)
    const counter = personId ? await feedCounter(d.db, personId) : null
    if (!personId || counter === null || !feedTokenOk(d.secret, personId, counter, token)) {
      throw new NotFound()
    }
    const ics = toIcs(await personFeed(d.db, personId), 'Kringwerk', d.config.baseUrl)
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8' })
  })
}
