// An IB's ouderbuddy season in a real browser, with JavaScript off: she sees the teachers'
// signals, runs the start-of-year batch match for the new kleuter families, a new parent says
// yes, the buddy says yes, both see each other's name, and after two weeks "helpt het?"
// appears. Every page is checked with axe, and the parent never sees the buddy's name before
// both said yes.
import assert from 'node:assert/strict'
import { after, before, describe, it, type TestContext } from 'node:test'
import { sql } from 'kysely'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Language } from '../src/core/db/schema.ts'
import { translator } from '../src/core/i18n/index.ts'
import { createSession } from '../src/core/session.ts'
import {
  A11yLog,
  chromiumMissing,
  demoButton,
  launchChromium,
  noticeOf,
  pathOf,
  type RunningApp,
  startApp,
  submit,
} from './browser-support.ts'

const nl = translator('nl')
const { skip, failure } = chromiumMissing()
const PAGE_TIMEOUT = { timeout: 120_000 }

describe('an IB’s buddy season in a real browser', { skip, timeout: 300_000 }, () => {
  if (failure) {
    it('has Chromium to run in', () => assert.fail(failure))
    return
  }

  let app: RunningApp | undefined
  let browser: Browser | undefined

  before(
    async () => {
      app = await startApp()
      browser = await launchChromium()
    },
    { timeout: 60_000 },
  )

  after(async () => {
    await browser?.close()
    await app?.close()
  })

  /** A fresh profile with JavaScript off, as the pages carry no script. */
  async function openContext(t: TestContext): Promise<BrowserContext> {
    assert.ok(browser && app, 'the browser and the app are running')
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      javaScriptEnabled: false,
      locale: 'nl-NL',
    })
    context.setDefaultTimeout(20_000)
    t.after(() => context.close())
    return context
  }

  /** Signs a demo person in without the mail round trip (sign-in has its own browser test). */
  async function asPerson(t: TestContext, personId: string): Promise<Page> {
    assert.ok(app)
    const context = await openContext(t)
    const token = await createSession(app.test.deps.db, personId)
    await context.addCookies([{ name: 'kw_session', value: token, url: app.baseUrl }])
    return context.newPage()
  }

  /** All text of the page, hidden parts (closed details, options) included: stricter for names. */
  const text = async (page: Page) =>
    ((await page.locator('body').textContent()) ?? '').replace(/\s+/g, ' ')

  it(
    'signals, the batch match for new kleuter families, two yeses, names, and "helpt het?"',
    PAGE_TIMEOUT,
    async (t) => {
      assert.ok(app)
      const db = app.test.deps.db
      const a11y = new A11yLog({ snapshot: true })
      t.after(() => a11y.close())

      // The IB signs in with the demo persona and opens her work list.
      const ibContext = await openContext(t)
      const ib = await ibContext.newPage()
      await ib.goto('/signin')
      await submit(ib, demoButton(ib, 'ib'))
      assert.equal(pathOf(ib), '/home')
      await submit(ib, ib.locator('header').getByRole('link', { name: nl('nav.buddies') }))
      assert.equal(pathOf(ib), '/buddies')
      const work = await text(ib)
      assert.match(work, new RegExp(nl('buddies.worklist')))
      assert.match(work, new RegExp(` · ${nl('buddies.fromSignal')} · `), 'the teachers’ signals')
      assert.match(work, new RegExp(` · ${nl('buddies.fromAuto')} · `), 'the new kleuter families')
      assert.match(work, /ook de nieuwe gezinnen van groep 1 \(\d+ open\)/)
      await a11y.check(ib, 'buddies work list (IB)')

      // Her school's arrangements: who coordinates what, own themes, programmes.
      await ib.goto('/buddies/settings')
      assert.match(await text(ib), new RegExp(nl('buddies.coordinators')))
      await a11y.check(ib, 'buddy settings (IB)')
      await ib.goto('/buddies')

      // One batch match for everything that is open, the new families included.
      const autoOpen = () =>
        db
          .selectFrom('buddy_requests')
          .select(['id', 'person_id'])
          .where('source', '=', 'auto')
          .where('status', '=', 'open')
          .execute()
      const before = (await autoOpen()).length
      assert.ok(before >= 3, 'the demo has new kleuter families waiting')
      assert.equal(await submit(ib, ib.getByRole('button', { name: nl('buddies.batch') })), 200)
      assert.equal(await noticeOf(ib), nl('notice.proposed'))
      assert.ok((await autoOpen()).length < before, 'new families got a proposal')
      await a11y.check(ib, 'buddies after the batch match (IB)')

      // A new kleuter parent with a proposal waiting, and the buddy proposed to them.
      const proposal = await db
        .selectFrom('buddy_links as l')
        .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
        .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
        .innerJoin('people as parent', 'parent.id', 'r.person_id')
        .innerJoin('people as buddy', 'buddy.id', 'o.person_id')
        .select([
          'l.id as linkId',
          'parent.id as parentId',
          'parent.name as parentName',
          'parent.language as parentLanguage',
          'buddy.id as buddyId',
          'buddy.name as buddyName',
          'buddy.language as buddyLanguage',
        ])
        .where('r.source', '=', 'auto')
        .where('l.parent_consent_at', 'is', null)
        .where('l.closed_at', 'is', null)
        .orderBy('parent.email')
        .executeTakeFirstOrThrow()
      const pt = translator(proposal.parentLanguage as Language)
      const bt = translator(proposal.buddyLanguage as Language)

      /** Every page the parent reaches from the menu, as text: never the buddy's name before both yeses. */
      async function parentSeesNoName(page: Page, label: string): Promise<void> {
        for (const url of ['/home', '/buddies', '/profile']) {
          assert.equal((await page.goto(url))?.status(), 200, url)
          assert.equal(
            (await text(page)).includes(proposal.buddyName),
            false,
            `${label}: ${url} shows the buddy's name`,
          )
        }
      }

      const parent = await asPerson(t, proposal.parentId)
      await parentSeesNoName(parent, 'before any yes')
      await parent.goto('/buddies')
      const offerCard = parent.getByRole('region', { name: pt('buddies.offerForYou') })
      assert.equal(await offerCard.count(), 1, 'the parent is asked first')
      await a11y.check(parent, 'buddies with an offer (parent)')
      assert.equal(
        await submit(parent, offerCard.getByRole('button', { name: pt('buddies.yes') })),
        200,
      )
      await a11y.check(parent, 'buddies after saying yes (parent)')
      await parentSeesNoName(parent, 'after only the parent said yes')

      // The buddy is asked, without the parent's name, and says yes.
      const buddy = await asPerson(t, proposal.buddyId)
      await buddy.goto('/buddies')
      const askCard = buddy.getByRole('region', { name: bt('buddies.askForYou') })
      assert.ok((await askCard.count()) >= 1, 'the buddy is asked')
      assert.equal((await text(buddy)).includes(proposal.parentName), false)
      await a11y.check(buddy, 'buddies with a request for help (buddy)')
      const form = buddy.locator(`form[action="/buddies/links/${proposal.linkId}/answer"]`)
      assert.equal(await submit(buddy, form.getByRole('button', { name: bt('buddies.yes') })), 200)
      assert.ok((await text(buddy)).includes(proposal.parentName), 'the buddy now sees the parent')
      await a11y.check(buddy, 'buddies with an active link (buddy)')

      // Both said yes: the parent sees the buddy's name and how to get in touch.
      await parent.goto('/buddies')
      assert.ok((await text(parent)).includes(proposal.buddyName), 'the parent now sees the buddy')
      await a11y.check(parent, 'buddies with an active link (parent)')

      // Two weeks on, "helpt het?" appears for the parent.
      await db
        .updateTable('buddy_links')
        .set({ buddy_consent_at: sql<Date>`now() - interval '15 days'` })
        .where('id', '=', proposal.linkId)
        .execute()
      await parent.goto('/buddies')
      const checkin = parent.getByRole('region', { name: pt('buddies.checkinTitle') })
      assert.equal(await checkin.count(), 1, 'the check-in appears')
      await a11y.check(parent, 'buddies with a check-in (parent)')
      assert.equal(
        await submit(parent, checkin.getByRole('button', { name: pt('buddies.checkin.yes') })),
        200,
      )
      assert.equal(
        await parent.getByRole('region', { name: pt('buddies.checkinTitle') }).count(),
        0,
      )
      const answers = await db
        .selectFrom('buddy_checkins')
        .select(['week', 'answer'])
        .where('link_id', '=', proposal.linkId)
        .execute()
      assert.deepEqual(answers, [{ week: 2, answer: 'yes' }])

      // The IB's figures count the answer.
      await ib.goto('/buddies')
      assert.match(await text(ib), /Helpt het\? ja \/ een beetje \/ nee ?[1-9]\d* \/ \d+ \/ \d+/)
      await a11y.check(ib, 'buddies work list after the season (IB)')

      assert.deepEqual(a11y.problems, [], a11y.message())
    },
  )
})
