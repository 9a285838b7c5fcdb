/** @jsxImportSource hono/jsx */
// /buddies: a parent's offers, requests and answers; a teacher's signals; a coordinator's
// work list with ranked candidates and the batch match. /buddies/settings and
// /buddies/registry: coordinators. Thin: parse → authorize → command → back(), or load → view.
import { Forbidden } from '../../core/errors.ts'
import { type Ctx, serviceDeps } from '../../core/http/context.ts'
import { readForm, requireForm } from '../../core/http/forms.ts'
import { type FieldErrors, page } from '../../core/http/render.tsx'
import { back, idParam, inSchool } from '../../core/http/router.ts'
import { viewerOf } from '../../core/http/viewer.ts'
import { translator } from '../../core/i18n/index.ts'
import { type AppRouter, authorize } from '../../policies.ts'
import {
  answer,
  batchPropose,
  closeLink,
  contactDirectly,
  propose,
  recordCheckin,
} from './commands/links.ts'
import { saveOffer, setOfferStatus } from './commands/offers.ts'
import { addProgramme, refer } from './commands/referrals.ts'
import { askForBuddy, declineRequest, inviteToOffer, signalParent } from './commands/requests.ts'
import {
  addSchoolTheme,
  nameCoordinator,
  recordRegistryView,
  setOfferNewFamilies,
} from './commands/settings.ts'
import { coordination, loadRequest } from './read/coordinator.ts'
import { loadLink } from './read/links.ts'
import { loadBuddiesPage, loadRegistryPage, loadSettingsPage } from './read/page.ts'
import { referralFacts, rolesIn } from './read/settings.ts'
import { reachFacts } from './read/teacher.ts'
import { loadThemes } from './read/themes.ts'
import {
  AnswerInput,
  askInput,
  CheckinInput,
  CoordinatorInput,
  NewFamiliesInput,
  OfferStatusInput,
  offerInput,
  ParentSearchInput,
  ProgrammeInput,
  ProposeInput,
  type QueueFilter,
  QueueInput,
  RecruitInput,
  ReferInput,
  schoolThemeInput,
  signalInput,
} from './schema.ts'
import { THEMES, themeLabel } from './themes.ts'
import { BuddiesBody } from './views/buddies.tsx'
import { RegistryBody } from './views/coordinator.tsx'
import { SettingsBody, type SettingsForms } from './views/settings.tsx'

const db = (c: Ctx) => c.get('deps').db
/** The school's themes, to check a form's theme against. */
const themesOf = (c: Ctx) => loadThemes(db(c), inSchool(c).schoolId, c.get('t'))

async function buddiesPage(
  c: Ctx,
  s: { offerErrors?: FieldErrors; status?: 400; parentSearch?: string; queue?: QueueFilter } = {},
) {
  const v = await loadBuddiesPage(db(c), viewerOf(c), c.get('t'), s.parentSearch, s.queue)
  return page(c, {
    title: c.get('t')('nav.buddies'),
    wide: v.coordinator !== null,
    status: s.status,
    body: <BuddiesBody c={c} v={v} offerErrors={s.offerErrors} />,
  })
}

async function settingsPage(
  c: Ctx,
  s: SettingsForms & { status?: 400; parentSearch?: string } = {},
) {
  const v = await loadSettingsPage(db(c), viewerOf(c), c.get('t'), s.parentSearch)
  return page(c, {
    title: c.get('t')('buddies.settings'),
    status: s.status,
    body: <SettingsBody c={c} v={v} f={s} />,
  })
}

/**
 * The name a coordinator searched for (POST, so that no parent's name lands in a URL, a
 * proxy's log or the browser's history), as typed; '' when too long to be a name.
 */
async function searchedName(c: Ctx): Promise<string> {
  const form = await readForm(c, ParentSearchInput)
  return form.ok ? form.data.parent : ''
}

const linkOf = (c: Ctx) => loadLink(db(c), inSchool(c).schoolId, idParam(c, 'linkId'))

export function buddyRoutes(r: AppRouter): void {
  r.menu('/buddies', 'nav.buddies', 'buddies.view')
  r.get('/buddies', 'buddies.view', (c) => buddiesPage(c))
  // A coordinator's search for a parent by name shows the page again with the matches.
  r.post('/buddies/find-parent', 'buddies.manage', async (c) =>
    buddiesPage(c, { parentSearch: await searchedName(c) }),
  )
  // The work queue's filters and pages (POST: a searched name stays out of URLs and logs).
  r.post('/buddies/queue', 'buddies.coordinate', async (c) =>
    buddiesPage(c, { queue: await requireForm(c, QueueInput) }),
  )

  r.post('/buddies/offer', 'buddies.offer', async (c) => {
    const p = inSchool(c)
    const form = await readForm(c, offerInput((await themesOf(c)).codes))
    if (!form.ok) return buddiesPage(c, { offerErrors: form.errors, status: 400 })
    await saveOffer(db(c), p.schoolId, p.personId, form.data)
    return back(c, '/buddies', 'offerSaved')
  })

  r.post('/buddies/offer/status', 'buddies.offer', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, OfferStatusInput)
    await setOfferStatus(db(c), p.schoolId, p.personId, input.status)
    return back(c, '/buddies', 'offerStatus')
  })

  r.post('/buddies/ask', 'buddies.ask', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, askInput((await themesOf(c)).codes))
    await askForBuddy(db(c), p.schoolId, p.personId, input.theme)
    return back(c, '/buddies', 'asked')
  })

  r.post('/buddies/links/:linkId/answer', 'buddies.answer', async (c) => {
    const link = await linkOf(c)
    authorize(c, 'buddies.answer', link)
    const input = await requireForm(c, AnswerInput)
    const outcome = await answer(serviceDeps(c), link, inSchool(c).personId, input.answer === 'yes')
    const notice = { linked: 'linked', waiting: 'answeredYes', declined: 'answeredNo' } as const
    return back(c, '/buddies', notice[outcome])
  })

  r.post('/buddies/offers/:offerId/contact', 'buddies.contact', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, askInput((await themesOf(c)).codes))
    await contactDirectly(
      serviceDeps(c),
      p.schoolId,
      p.personId,
      idParam(c, 'offerId'),
      input.theme,
    )
    return back(c, '/buddies', 'contactSent')
  })

  r.post('/buddies/requests/:requestId/decline', 'buddies.decline', async (c) => {
    const p = inSchool(c)
    const request = await loadRequest(db(c), p.schoolId, idParam(c, 'requestId'))
    authorize(c, 'buddies.decline', request)
    await declineRequest(db(c), p.schoolId, p.personId, request.id)
    return back(c, '/buddies', 'declinedOffer')
  })

  r.post('/buddies/links/:linkId/close', 'buddies.close', async (c) => {
    const link = await linkOf(c)
    authorize(c, 'buddies.close', link)
    await closeLink(db(c), link, inSchool(c).personId)
    return back(c, '/buddies', 'closed')
  })

  r.post('/buddies/links/:linkId/checkin', 'buddies.checkin', async (c) => {
    const p = inSchool(c)
    const link = await linkOf(c)
    authorize(c, 'buddies.checkin', link)
    const input = await requireForm(c, CheckinInput)
    await recordCheckin(db(c), p.schoolId, p.personId, link.id, input.answer)
    return back(c, '/buddies', 'checkinThanks')
  })

  // A teacher reaches the parents of their own classes; a coordinator every parent of the school.
  r.post('/buddies/signal', 'buddies.signal', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, signalInput((await themesOf(c)).codes))
    authorize(c, 'buddies.signal', await reachFacts(db(c), p.schoolId, input.parentId))
    await signalParent(db(c), p.schoolId, p.personId, input.parentId, input.theme)
    return back(c, '/buddies', 'signalled')
  })

  r.post('/buddies/recruit', 'buddies.recruit', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, RecruitInput)
    authorize(c, 'buddies.recruit', await reachFacts(db(c), p.schoolId, input.candidateId))
    await inviteToOffer(serviceDeps(c), p.schoolId, p.personId, input.candidateId)
    return back(c, '/buddies', 'recruited')
  })

  r.post('/buddies/requests/:requestId/propose', 'buddies.coordinate', async (c) => {
    const p = inSchool(c)
    const request = await loadRequest(db(c), p.schoolId, idParam(c, 'requestId'))
    const { resource } = await coordination(db(c), viewerOf(c))
    authorize(c, 'buddies.coordinate', resource(request.theme))
    const input = await requireForm(c, ProposeInput)
    await propose(serviceDeps(c), p.schoolId, p.personId, request.id, input.offerId)
    return back(c, '/buddies', 'proposed')
  })

  r.post('/buddies/batch', 'buddies.coordinate', async (c) => {
    const p = inSchool(c)
    const { may, any } = await coordination(db(c), viewerOf(c))
    if (!any) throw new Forbidden()
    await batchPropose(serviceDeps(c), p.schoolId, p.personId, may)
    return back(c, '/buddies', 'proposed')
  })

  r.get('/buddies/settings', 'buddies.manage', (c) => settingsPage(c))
  r.post('/buddies/settings/find-parent', 'buddies.manage', async (c) =>
    settingsPage(c, { parentSearch: await searchedName(c) }),
  )

  r.post('/buddies/settings/programmes', 'buddies.manage', async (c) => {
    const p = inSchool(c)
    const form = await readForm(c, ProgrammeInput)
    if (!form.ok)
      return settingsPage(c, { programmeErrors: form.errors, programme: form.values, status: 400 })
    await addProgramme(db(c), p.schoolId, p.personId, form.data)
    return back(c, '/buddies/settings', 'saved')
  })

  r.post('/buddies/referrals', 'buddies.refer', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, ReferInput)
    authorize(c, 'buddies.refer', await referralFacts(db(c), p.schoolId, input.parentId))
    await refer(
      serviceDeps(c),
      p.schoolId,
      p.personId,
      input.parentId,
      input.programmeId,
      input.consent,
    )
    return back(c, '/buddies/settings', 'referred')
  })

  r.post('/buddies/settings/new-families', 'buddies.settings', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, NewFamiliesInput)
    await setOfferNewFamilies(db(c), p.schoolId, p.personId, input.offerNewFamilies)
    return back(c, '/buddies/settings', 'saved')
  })

  r.post('/buddies/settings/themes', 'buddies.manage', async (c) => {
    const p = inSchool(c)
    const themes = await themesOf(c)
    const taken = [
      ...THEMES.map((th) => translator('nl')(themeLabel(th))),
      ...themes.own.values(),
    ].map((x) => x.toLowerCase())
    const form = await readForm(c, schoolThemeInput(taken, themes.own.size))
    if (!form.ok)
      return settingsPage(c, { themeErrors: form.errors, label: form.values.label, status: 400 })
    await addSchoolTheme(db(c), p.schoolId, p.personId, form.data.label)
    return back(c, '/buddies/settings', 'themeAdded')
  })

  r.post('/buddies/settings/coordinators', 'buddies.coordinators', async (c) => {
    const p = inSchool(c)
    const input = await requireForm(c, CoordinatorInput)
    const personId = input.personId === '' ? null : input.personId
    const personRoles = personId === null ? null : await rolesIn(db(c), p.schoolId, personId)
    authorize(c, 'buddies.coordinators', { schoolId: p.schoolId, personRoles })
    await nameCoordinator(db(c), p.schoolId, p.personId, input.theme, personId)
    return back(c, '/buddies/settings', 'saved')
  })

  r.get('/buddies/registry', 'buddies.registry', async (c) => {
    const viewer = viewerOf(c)
    const v = await loadRegistryPage(db(c), viewer, c.get('t'))
    await recordRegistryView(db(c), viewer.p.schoolId, viewer.p.personId, v.rows.length)
    return page(c, { title: c.get('t')('buddies.registry'), body: <RegistryBody c={c} v={v} /> })
  })
}
