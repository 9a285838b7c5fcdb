// Kringen in a real browser: Chromium (through playwright-core, JavaScript switched off, as the
// pages carry no script) against the app on a loopback port, mail over SMTP to a server in this
// process. Four journeys: a parent signs up through the open door and a facilitator confirms;
// a neighbour without an account signs up by mail in one go; a facilitator runs a meeting of
// the kinderkring; the municipality reads the season's figures.
// Every page visited is checked with axe; a serious or critical finding fails the test.
import assert from 'node:assert/strict'
import { after, before, describe, it, type TestContext } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { translator } from '../src/core/i18n/index.ts'
import { formatWhen } from '../src/core/time.ts'
import { type Persona, personaEmail } from '../src/demo/personas.ts'
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
import { type Inbox, startSmtp } from './smtp.ts'

const nl = translator('nl')
const { skip, failure } = chromiumMissing()
const JOURNEY_TIMEOUT = { timeout: 180_000 }

const OUDERKRING = 'Ouderkring De Regenboog'
const KINDERKRING = 'Kinderkring groep 6 tot 8'

/** The DTSTART instants of the VEVENTs in an .ics text whose SUMMARY is `summary`. */
function eventStarts(ics: string, summary: string): Date[] {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '')
  const events = unfolded.split('BEGIN:VEVENT').slice(1)
  return events
    .filter((e) => e.split(/\r?\n/).some((line) => line === `SUMMARY:${summary}`))
    .map((e) => {
      const m = /^DTSTART(?:;[^:]*)?:(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/m.exec(e)
      assert.ok(m, `a UTC DTSTART in the event:\n${e}`)
      const [, y, mo, d, h, mi, s] = m
      return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`)
    })
}

describe('Kringen in a real browser', { skip, timeout: 600_000 }, () => {
  if (failure) {
    // In CI a missing browser is a failure, never a quiet skip.
    it('has Chromium to run in', () => assert.fail(failure))
    return
  }

  let inbox: Inbox | undefined
  let app: RunningApp | undefined
  let browser: Browser | undefined

  before(
    async () => {
      inbox = await startSmtp()
      app = await startApp({ SMTP_URL: inbox.url })
      browser = await launchChromium()
    },
    { timeout: 90_000 },
  )

  after(async () => {
    await browser?.close()
    await app?.close()
    await inbox?.close()
  })

  const heading = async (page: Page) => (await page.locator('h1').textContent())?.trim()
  const status = noticeOf
  /** The text of the page's body (hidden parts included), whitespace folded. */
  const text = async (page: Page) =>
    ((await page.locator('body').textContent()) ?? '').replace(/\s+/g, ' ').trim()
  /** A <section> of the page by its h2. */
  const section = (page: Page, title: string) =>
    page.locator('main section').filter({
      has: page.getByRole('heading', { level: 2, name: title, exact: true }),
    })

  /**
   * A fresh profile (no cookies, JavaScript off, Dutch) signed in with the persona's demo
   * button on /signin, closed when the test ends.
   */
  async function signInAs(t: TestContext, persona: Persona, a11y: A11yLog): Promise<Page> {
    assert.ok(browser && app, 'the browser and the app are running')
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      javaScriptEnabled: false,
      locale: 'nl-NL',
    })
    context.setDefaultTimeout(30_000)
    t.after(() => context.close())
    const page = await context.newPage()
    await page.goto('/signin')
    const button = demoButton(page, persona)
    assert.equal((await button.textContent())?.trim(), nl(`role.${persona}`))
    assert.equal(await submit(page, button), 200, `the demo sign-in as ${persona}`)
    assert.equal(pathOf(page), '/home', `the demo sign-in as ${persona} lands on /home`)
    await a11y.check(page, `home (${persona})`)
    return page
  }

  it(
    'a parent finds a circle by its poster link, signs up, the facilitator confirms, the parent sees the meeting in the calendar feed',
    JOURNEY_TIMEOUT,
    async (t) => {
      assert.ok(app && inbox)
      const a11y = new A11yLog({ snapshot: true })
      t.after(() => a11y.close())

      // The parent finds the ouderkring among the circles open to them.
      const parent = await signInAs(t, 'parent', a11y)
      assert.equal((await parent.goto('/circles'))?.status(), 200)
      assert.equal(await heading(parent), nl('circles.title'))
      await a11y.check(parent, 'circles (parent)')
      const mine = await parent
        .locator('main h2', { hasText: nl('circles.mine') })
        .locator('xpath=following-sibling::*[1]')
        .textContent()
      assert.ok(!mine?.includes(OUDERKRING), 'the parent is not in the ouderkring yet')
      const openLink = parent.locator('main').getByRole('link', { name: OUDERKRING, exact: true })
      const joinHref = await openLink.getAttribute('href')
      assert.match(
        joinHref ?? '',
        /^\/circles\/[^/]+\/join$/,
        'the open circle links its join page',
      )
      assert.equal(await submit(parent, openLink), 200)
      assert.equal(pathOf(parent), joinHref)
      const id = (joinHref ?? '').split('/')[2] as string
      assert.equal(await heading(parent), OUDERKRING)
      assert.ok((await text(parent)).includes(nl('circles.openDoor')), 'the open-door promise')
      await a11y.check(parent, 'join page (parent)')

      // The dates to come; the first is the next planned meeting.
      const dates = (
        await parent
          .locator(`main h2:text-is("${nl('circles.dates')}") + ul > li`)
          .allTextContents()
      ).map((d) => d.trim())
      assert.ok(dates.length > 0, 'the join page lists the dates to come')
      const firstDate = dates[0] as string

      // The poster: a PDF whose link (and QR code) point back at this very join page.
      const posterLink = parent.getByRole('link', { name: nl('circles.poster') })
      assert.equal(await posterLink.getAttribute('href'), `/circles/${id}/poster.pdf`)
      const poster = await parent.request.get(`/circles/${id}/poster.pdf`)
      assert.equal(poster.status(), 200)
      assert.match(poster.headers()['content-type'] ?? '', /^application\/pdf/)
      const pdf = await poster.body()
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
      const joinUrl = `${app.baseUrl}/circles/${id}/join`
      assert.ok(pdf.includes(Buffer.from(joinUrl, 'latin1')), `the poster holds ${joinUrl}`)

      // Sign up: no reason asked. The demo ouderkring (capacity 10) has 8 confirmed places and
      // 1 asked, so this sign-up takes the last place and waits for the facilitator.
      assert.equal(
        await submit(parent, parent.getByRole('button', { name: nl('circles.signUp') })),
        200,
      )
      assert.equal(pathOf(parent), `/circles/${id}/join`)
      assert.equal(await status(parent), nl('notice.joined'))
      assert.deepEqual(
        (
          await parent
            .locator(`main h2:text-is("${nl('circles.yourPlace')}") + ul > li`)
            .allTextContents()
        ).map((x) => x.replace(nl('circles.leave'), '').trim()),
        [nl('circles.status.asked')],
        'the join page shows the place as asked',
      )
      // A waiting place can be given back here, and nothing links to the closed circle page.
      assert.equal(
        await parent.getByRole('button', { name: nl('circles.leave') }).count(),
        1,
        'a button to give the place back',
      )
      assert.equal(await parent.getByRole('link', { name: nl('circles.toCircle') }).count(), 0)
      assert.equal(
        await parent.getByRole('button', { name: nl('circles.signUp') }).count(),
        0,
        'no second sign-up button',
      )
      await a11y.check(parent, 'join page after signing up (parent)')

      // Not a member yet: the circle page stays closed.
      assert.equal((await parent.goto(`/circles/${id}`))?.status(), 403)
      await a11y.check(parent, 'circle page before confirmation (parent, 403)')

      // The facilitator, in a profile of her own, confirms the place.
      const facilitator = await signInAs(t, 'facilitator', a11y)
      assert.equal((await facilitator.goto(`/circles/${id}`))?.status(), 200)
      assert.equal(await heading(facilitator), OUDERKRING)
      await a11y.check(facilitator, 'circle page (facilitator)')
      const signups = section(facilitator, nl('circles.signups'))
      // Sign-ups are listed oldest first: the parent's is the newest "Samira".
      const samira = signups.locator('li').filter({ hasText: 'Samira' }).last()
      assert.ok((await samira.textContent())?.includes(nl('circles.status.asked')))
      const before = await signups.locator('li').count()
      assert.equal(
        await submit(facilitator, samira.getByRole('button', { name: nl('circles.confirm') })),
        200,
      )
      assert.equal(pathOf(facilitator), `/circles/${id}`)
      assert.equal(await status(facilitator), nl('notice.decided'))
      assert.equal(await signups.locator('li').count(), before - 1, 'one sign-up fewer')
      await a11y.check(facilitator, 'circle page after confirming (facilitator)')

      // The parent hears it by mail, in Dutch, with a link to the circle.
      const mail = await inbox.next(personaEmail('parent'))
      assert.equal(mail.subject, nl('mail.circle.confirmed.subject', { circle: OUDERKRING }))
      assert.ok(mail.text?.includes(`${app.baseUrl}/circles/${id}`), 'the mail links the circle')

      // Back as the parent: the circle page opens, with the members by first name.
      assert.equal((await parent.goto(`/circles/${id}`))?.status(), 200)
      assert.equal(await heading(parent), OUDERKRING)
      const members = parent.locator('main section').filter({
        has: parent.getByRole('heading', {
          level: 2,
          name: nl('circles.members', { n: 9, capacity: 10 }),
          exact: true,
        }),
      })
      assert.equal(await members.count(), 1, 'Wie doet mee (9 van 10)')
      assert.ok((await members.textContent())?.includes('Samira'), 'the parent is listed')
      assert.ok(!(await text(parent)).includes('Haddad'), 'first names only')
      await a11y.check(parent, 'circle page (parent, member)')

      // The personal calendar feed holds the circle's next meeting.
      const feedHref = await parent
        .getByRole('link', { name: nl('circles.myFeed') })
        .getAttribute('href')
      assert.match(feedHref ?? '', /^\/calendar\/[^/]+\.ics$/)
      const feed = await parent.request.get(feedHref as string)
      assert.equal(feed.status(), 200)
      assert.match(feed.headers()['content-type'] ?? '', /^text\/calendar/)
      const ics = await feed.text()
      assert.match(ics, /BEGIN:VEVENT/)
      const starts = eventStarts(ics, OUDERKRING)
      assert.ok(starts.length > 0, `VEVENTs with SUMMARY:${OUDERKRING}`)
      assert.ok(
        starts.some((s) => s.getTime() > Date.now()),
        'at least one meeting still to come',
      )
      assert.ok(
        starts.some((s) => formatWhen('nl', s) === firstDate),
        `the feed holds the next meeting shown on the join page (${firstDate})`,
      )

      assert.deepEqual(a11y.problems, [], a11y.message())
    },
  )

  it(
    'a neighbour without an account signs up by mail: the mail names the circle and its first meeting, one press takes the place',
    JOURNEY_TIMEOUT,
    async (t) => {
      assert.ok(app && inbox && browser)
      const a11y = new A11yLog({ snapshot: true })
      t.after(() => a11y.close())
      const id = app.test.seed?.ids.get('circle:mantelzorgkring') as string
      assert.ok(id, 'the demo mantelzorgkring')
      const circleName = 'Mantelzorgkring'
      const context = await browser.newContext({
        baseURL: app.baseUrl,
        javaScriptEnabled: false,
        locale: 'nl-NL',
      })
      context.setDefaultTimeout(30_000)
      t.after(() => context.close())
      const page = await context.newPage()

      // The poster's link: the join page, signed out, with a first name and an address.
      assert.equal((await page.goto(`/circles/${id}/join`))?.status(), 200)
      assert.equal(await heading(page), circleName)
      await a11y.check(page, 'join page (signed out)')
      const firstDate = (
        await page
          .locator(`main h2:text-is("${nl('circles.dates')}") + ul > li`)
          .first()
          .textContent()
      )?.trim()
      assert.ok(firstDate, 'the join page lists a first date')
      await page.getByLabel(nl('circles.firstName')).fill('Joke')
      await page.getByLabel(nl('signin.email')).fill('joke.buurvrouw@example.org')
      assert.equal(
        await submit(page, page.getByRole('button', { name: nl('circles.signUp') })),
        200,
      )
      assert.equal(await heading(page), nl('circles.checkMail'))
      await a11y.check(page, 'check your mail (join)')

      // One mail: it names the circle, its first meeting and place, and holds the link.
      const mail = await inbox.next('joke.buurvrouw@example.org')
      assert.equal(mail.subject, nl('mail.circle.joinLink.subject', { circle: circleName }))
      const body = mail.text ?? ''
      assert.ok(body.includes(`${firstDate}, Ouderkamer, De Regenboog`), body)
      const link = body.match(new RegExp(`${app.baseUrl}/circles/${id}/join\\?token=\\S+`))?.[0]
      assert.ok(link, `the join link in:\n${body}`)

      // Opened on another device (a fresh profile): one press, and the place is taken.
      const phone = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' })
      t.after(() => phone.close())
      const opened = await phone.newPage()
      assert.equal((await opened.goto(link))?.status(), 200)
      assert.ok((await text(opened)).includes(nl('circles.linkConfirmTitle')))
      await a11y.check(opened, 'join link opened')
      assert.equal(
        await submit(opened, opened.getByRole('button', { name: nl('circles.linkConfirm') })),
        200,
      )
      assert.equal(pathOf(opened), `/circles/${id}/join`)
      assert.equal(await status(opened), nl('notice.joinConfirmed'))
      assert.deepEqual(
        (
          await opened
            .locator(`main h2:text-is("${nl('circles.yourPlace')}") + ul > li`)
            .allTextContents()
        ).map((x) => x.replace(nl('circles.leave'), '').trim()),
        [nl('circles.status.asked')],
        'the join page shows the place as asked',
      )
      await a11y.check(opened, 'join page after the link (signed in)')

      // The link is spent: opened again it takes nothing and says so.
      const again = await (
        await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' })
      ).newPage()
      t.after(() => again.context().close())
      assert.equal((await again.goto(link))?.status(), 200)
      assert.ok((await text(again)).includes(nl('signin.linkInvalid')))
      await a11y.check(again, 'join link spent')

      assert.deepEqual(a11y.problems, [], a11y.message())
    },
  )

  it('a facilitator runs a meeting of the kinderkring', JOURNEY_TIMEOUT, async (t) => {
    const a11y = new A11yLog({ snapshot: true })
    t.after(() => a11y.close())
    const page = await signInAs(t, 'facilitator', a11y)

    // From the list of circles to the kinderkring.
    assert.equal((await page.goto('/circles'))?.status(), 200)
    await a11y.check(page, 'circles (facilitator)')
    const circleLink = page.locator('main').getByRole('link', { name: KINDERKRING, exact: true })
    assert.equal(await submit(page, circleLink), 200)
    assert.match(pathOf(page), /^\/circles\/[^/]+$/)
    const circlePath = pathOf(page)
    assert.equal(await heading(page), KINDERKRING)
    await a11y.check(page, 'kinderkring (facilitator)')

    // The first planned meeting in the meetings table.
    const meetings = section(page, nl('circles.meetings')).locator('table')
    const planned = meetings
      .locator('tbody tr')
      .filter({ has: page.locator(`td:text-is("${nl('circles.meeting.planned')}")`) })
      .first()
    const meetingLink = planned.getByRole('link')
    const meetingHref = (await meetingLink.getAttribute('href')) as string
    assert.match(meetingHref, new RegExp(`^${circlePath}/meetings/[^/]+$`))
    assert.equal(await submit(page, meetingLink), 200)
    assert.equal(pathOf(page), meetingHref)

    // The meeting screen: the confidentiality rule up front, and nowhere to write anything down.
    assert.equal(await heading(page), nl('circles.meetingTitle', { circle: KINDERKRING }))
    const rule = nl('circles.agreement.confidential')
    assert.ok(
      (await page.locator('main section.rule').allTextContents()).some((s) => s.includes(rule)),
      'the confidentiality rule is shown',
    )
    assert.equal(await page.locator('textarea').count(), 0, 'no textarea on the meeting screen')
    await a11y.check(page, 'meeting screen (planned)')

    // Begin.
    assert.equal(
      await submit(page, page.getByRole('button', { name: nl('circles.meetingStart') })),
      200,
    )
    assert.equal(pathOf(page), meetingHref)
    assert.equal(await status(page), nl('notice.meetingOpened'))
    assert.equal(await page.getByRole('button', { name: nl('circles.meetingStart') }).count(), 0)
    assert.equal(await page.locator('textarea').count(), 0, 'no textarea once begun')
    await a11y.check(page, 'meeting screen (open)')

    // Who is here: two of the children.
    const here = page.getByRole('group', { name: nl('circles.whoIsHere') }).getByRole('checkbox')
    assert.ok((await here.count()) >= 2, 'at least two confirmed members to tick')
    await here.nth(0).check()
    await here.nth(1).check()
    assert.equal(
      await submit(page, page.getByRole('button', { name: nl('circles.meetingClose') })),
      200,
    )
    assert.equal(pathOf(page), circlePath)
    assert.equal(await status(page), nl('notice.meetingClosed'))

    // The meetings table now shows it as held, with two present.
    const row = section(page, nl('circles.meetings'))
      .locator('tbody tr')
      .filter({ has: page.locator(`a[href="${meetingHref}"]`) })
    assert.equal(await row.count(), 1)
    const cells = (await row.locator('td').allTextContents()).map((c) => c.trim())
    assert.equal(cells[1], nl('circles.meeting.closed'))
    assert.equal(cells[2], '2')
    await a11y.check(page, 'kinderkring after the meeting (facilitator)')

    // An evaluation for the members.
    assert.equal(
      await submit(page, page.getByRole('button', { name: nl('circles.evalOpen') })),
      200,
    )
    assert.equal(pathOf(page), circlePath)
    assert.equal(await status(page), nl('notice.evaluationOpened'))
    const evaluations = section(page, nl('circles.evaluations'))
    assert.ok(
      (await evaluations.textContent())?.includes(nl('circles.evalRunning')),
      'the new evaluation is running',
    )
    assert.equal(
      await page.getByRole('button', { name: nl('circles.evalOpen') }).count(),
      0,
      'no second evaluation while one is open',
    )
    await a11y.check(page, 'kinderkring with an open evaluation (facilitator)')

    assert.deepEqual(a11y.problems, [], a11y.message())
  })

  it(
    "a municipal user sees the season's figures without personal data",
    JOURNEY_TIMEOUT,
    async (t) => {
      const a11y = new A11yLog({ snapshot: true })
      t.after(() => a11y.close())
      const page = await signInAs(t, 'municipal', a11y)

      assert.equal((await page.goto('/circles'))?.status(), 200)
      await a11y.check(page, 'circles (municipal)')
      assert.equal(
        await submit(
          page,
          page.locator('main').getByRole('link', { name: nl('circles.overview'), exact: true }),
        ),
        200,
      )
      assert.equal(pathOf(page), '/circles/overview')
      assert.equal(await heading(page), nl('circles.overview'))

      // A chart with a name, and the same figures as a table.
      const chart = page.getByRole('img', { name: nl('circles.chartTitle') })
      assert.equal(await chart.count(), 1, 'the chart is an image with its title as its name')
      assert.equal(await chart.evaluate((el) => el.tagName.toLowerCase()), 'svg')
      const table = page.locator('main table')
      assert.equal(await table.count(), 1)
      assert.deepEqual(
        (await table.locator('thead th').allTextContents()).map((h) => h.trim()).slice(0, 4),
        [
          nl('circles.ov.host'),
          nl('circles.ov.kind'),
          nl('circles.ov.circles'),
          nl('circles.ov.members'),
        ],
      )
      assert.ok((await table.locator('tbody tr').count()) > 0, 'the table has rows')
      const body = await text(page)
      for (const host of ['Basisschool De Regenboog', 'IKC De Vlinderboom', 'Gemeente Lindenhoeve'])
        assert.ok(body.includes(host), `the overview covers ${host}`)
      await a11y.check(page, 'overview (municipal)')

      // The CSV download.
      const csvLink = page.getByRole('link', { name: nl('circles.csv') })
      const csvHref = (await csvLink.getAttribute('href')) as string
      assert.equal(csvHref, '/circles/overview.csv')
      const csv = await page.request.get(csvHref)
      assert.equal(csv.status(), 200)
      assert.match(csv.headers()['content-type'] ?? '', /^text\/csv/)
      const csvText = await csv.text()
      assert.match(
        csvText,
        new RegExp(`^\uFEFF?${nl('circles.ov.host')};${nl('circles.ov.kind')};`),
      )

      // Counts, never names: not the facilitator, not the parent who just joined.
      for (const name of ['Inge Willems', 'Willems', 'Samira', 'Haddad']) {
        assert.ok(!body.includes(name), `the overview page shows ${name}`)
        assert.ok(!csvText.includes(name), `the CSV shows ${name}`)
      }

      assert.deepEqual(a11y.problems, [], a11y.message())
    },
  )
})
