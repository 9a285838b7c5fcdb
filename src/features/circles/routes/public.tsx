// The open door, public on purpose (core/http/router.ts lists it): a circle's join page and
// sign-up, its poster and calendar, and a person's own calendar feed addressed by its token.
// Also replacing that token, for the signed-in person.
import { getCookie, setCookie } from 'hono/cookie'
import { DomainError, Forbidden, NotFound, TooMany } from '../../../core/errors.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { serviceDeps } from '../../../core/http/context.ts'
import { readForm, requireForm } from '../../../core/http/forms.ts'
import { clientIp, cookieOptions } from '../../../core/http/middleware.ts'
import { back, idParam, PUBLIC, policyEnv, signedIn } from '../../../core/http/router.ts'
import { takeToken } from '../../../core/rate-limit.ts'
import { endSession, SESSION_COOKIE, SESSION_DAYS } from '../../../core/session.ts'
import { type AppRouter, authorize, can } from '../../../policies.ts'
import { startSession } from '../../auth/index.ts'
import {
  confirmJoinLink,
  JOIN_LINK_MINUTES,
  mailJoinLink,
  personForSignup,
} from '../commands/door.ts'
import { renewFeed } from '../commands/feed.ts'
import { join, takeAndTell } from '../commands/places.ts'
import { claimedPerson, feedTokenOk, toIcs } from '../ics.ts'
import { posterPdf } from '../poster.ts'
import { joinRecord } from '../read/circle.ts'
import { circleFeed, feedCounter, personFeed } from '../read/feed.ts'
import { loadJoinPage, loadPoster, ownChild, publicCircle } from '../read/public.ts'
import { JoinByMailInput, JoinChildInput, JoinLinkInput, JoinSelfInput } from '../schema.ts'
import { checkMailView, type FormState, joinView } from '../views/join.tsx'

/** Sign-ups without an account, per client: a person a day is plenty for a real visitor. */
const JOIN_BY_MAIL_LIMIT = { max: 10, windowSeconds: 3600 }
/** Join links per address: nobody's mailbox fills up with links they never asked for. */
const JOIN_MAIL_PER_ADDRESS = { max: 5, windowSeconds: 15 * 60 }

const joinPage = async (c: Ctx, form?: FormState, link?: string) =>
  joinView(
    c,
    await loadJoinPage(c.get('deps').db, c.get('principal'), policyEnv(c), idParam(c, 'id'), link),
    form,
  )

/**
 * Without an account: a first name and an address, then a mail with the link that takes the
 * place. The circle must be one anyone may join at the open door (the join rule, signed out).
 */
async function joinByMail(c: Ctx) {
  const d = c.get('deps')
  const circle = await publicCircle(d.db, idParam(c, 'id'))
  authorize(c, 'circles.join', joinRecord(circle))
  const form = await readForm(c, JoinByMailInput)
  if (!form.ok) return joinPage(c, { errors: form.errors, values: form.values, status: 400 })
  if (circle.status !== 'open') throw new DomainError(409, 'circles.closedForSignup')
  // A person is made before any mail goes out: limit how fast one client can do that.
  const { email, firstName } = form.data
  if (
    !(await takeToken(d.db, `circles.join:${clientIp(c)}`, JOIN_BY_MAIL_LIMIT)) ||
    !(await takeToken(d.db, `circles.join:address:${email}`, JOIN_MAIL_PER_ADDRESS))
  )
    throw new TooMany()
  await personForSignup(d.db, email, firstName, c.get('lang'))
  // Mailed after the answer, the same for every address: the time tells nobody anything.
  d.background.run('circles.joinLink', () => mailJoinLink(serviceDeps(c), circle, email))
  return checkMailView(c, circle, JOIN_LINK_MINUTES)
}

/**
 * The press on a mailed link: takes the place the link was made for (the circle and person
 * are bound to it on the server), signs that person in, and lands on the circle's page with
 * what happened. A link holds the open door's own permission, as it was asked when it was
 * mailed (signed out): a link to a circle that is not for everyone is never honoured.
 */
async function confirmByMail(c: Ctx) {
  const d = c.get('deps')
  const circle = await publicCircle(d.db, idParam(c, 'id'))
  const form = await readForm(c, JoinLinkInput)
  if (!form.ok) return joinPage(c, { status: 400 }, '')
  if (!can(null, 'circles.join', joinRecord(circle), policyEnv(c))) throw new Forbidden()
  const { token } = form.data
  const done = await takeAndTell(
    serviceDeps(c),
    circle,
    (db) => confirmJoinLink(db, circle.id, token),
    (r) => r !== null && r.outcome !== 'already',
  )
  if (!done) return joinPage(c, { status: 400 }, token)
  if (c.get('principal')?.personId !== done.personId) {
    // Someone else signed in on this browser (a shared computer): their session ends here.
    const previous = getCookie(c, SESSION_COOKIE)
    if (previous) await endSession(d.db, previous)
    const token = await startSession(d.db, done.personId)
    setCookie(c, SESSION_COOKIE, token, cookieOptions(c, SESSION_DAYS * 24 * 3600))
  }
  const notice = done.outcome === 'waitlist' ? 'waitlisted' : 'joinConfirmed'
  return back(c, `/circles/${circle.id}/join`, notice)
}

async function joinPost(c: Ctx) {
  const raw = await c.req.parseBody()
  if (raw.token !== undefined) return confirmByMail(c)
  const p = c.get('principal')
  if (!p) return joinByMail(c)
  const db = c.get('deps').db
  const circle = await publicCircle(db, idParam(c, 'id'))
  let childId: string | null = null
  if (raw.for === 'self') {
    await requireForm(c, JoinSelfInput)
    authorize(c, 'circles.join', joinRecord(circle))
  } else {
    const form = await readForm(c, JoinChildInput)
    if (!form.ok) return joinPage(c, { errors: form.errors, status: 400 })
    // Only one's own child (any other is not found), and only where the rule lets them in.
    authorize(c, 'circles.join', joinRecord(circle, await ownChild(db, p.personId, form.data.for)))
    childId = form.data.for
  }
  const outcome = await takeAndTell(
    serviceDeps(c),
    circle,
    (trx) => join(trx, circle.id, p.personId, childId),
    (o) => o !== 'already',
  )
  return back(c, `/circles/${circle.id}/join`, outcome === 'waitlist' ? 'waitlisted' : 'joined')
}

export function publicRoutes(r: AppRouter): void {
  // From a mailed link (?token=…): the page with the one press that takes the place.
  r.get('/circles/:id/join', PUBLIC, (c) => joinPage(c, undefined, c.req.query('token')))
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
