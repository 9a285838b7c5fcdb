// Kringwerk in a real browser: Chromium (through playwright-core) against the app on a
// loopback port, with sign-in mail sent over SMTP to a server in this process. The sign-in
// journeys run with JavaScript switched off, as the pages carry no script at all; every page
// visited is checked with axe, and a serious or critical finding fails the test.
import assert from 'node:assert/strict'
import { after, before, describe, it, type TestContext } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { translator } from '../src/core/i18n/index.ts'
import { PERSONAS, type Persona, personaEmail } from '../src/demo/personas.ts'
import {
  A11yLog,
  chromiumMissing,
  demoButton,
  launchChromium,
  noticeOf,
  pathOf,
  type RunningApp,
  signInCode,
  signInLink,
  startApp,
  submit,
} from './browser-support.ts'
import { type Inbox, startSmtp } from './smtp.ts'

const nl = translator('nl')
const ar = translator('ar')
const { skip, failure } = chromiumMissing()
const PAGE_TIMEOUT = { timeout: 60_000 }

describe('Kringwerk in a real browser', { skip, timeout: 240_000 }, () => {
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
    { timeout: 60_000 },
  )

  after(async () => {
    await browser?.close()
    await app?.close()
    await inbox?.close()
  })

  /** A fresh browser profile (no cookies) that prefers Dutch, closed when the test ends. */
  async function openPage(t: TestContext, opts: { javaScript: boolean }): Promise<Page> {
    assert.ok(browser && app, 'the browser and the app are running')
    const context = await browser.newContext({
      baseURL: app.baseUrl,
      javaScriptEnabled: opts.javaScript,
      locale: 'nl-NL',
    })
    context.setDefaultTimeout(15_000)
    t.after(() => context.close())
    return context.newPage()
  }

  const heading = async (page: Page) => (await page.locator('h1').textContent())?.trim()
  const status = noticeOf

  async function requestMail(page: Page, email: string): Promise<number> {
    await page.getByLabel(nl('signin.email')).fill(email)
    return submit(page, page.getByRole('button', { name: nl('signin.send') }))
  }

  // Runs before the link scenario below, which switches the same parent to Arabic.
  it('a parent signs in with the 6-digit code from the mail', PAGE_TIMEOUT, async (t) => {
    assert.ok(inbox)
    const page = await openPage(t, { javaScript: false })
    const a11y = new A11yLog({ snapshot: true })
    t.after(() => a11y.close())
    const parent = personaEmail('parent')

    await page.goto('/signin')
    await a11y.check(page, 'sign-in page')
    assert.equal(await requestMail(page, parent), 200)
    assert.equal(await heading(page), nl('signin.checkMail'))
    await a11y.check(page, 'check-mail page')
    const code = signInCode(await inbox.next(parent))

    // A wrong code is refused, and the error is tied to the field.
    const codeField = page.getByLabel(nl('signin.code'))
    const wrong = code.slice(0, 5) + ((Number(code[5]) + 1) % 10)
    await codeField.fill(wrong)
    assert.equal(await submit(page, page.getByRole('button', { name: nl('signin.submit') })), 400)
    assert.equal(await heading(page), nl('signin.checkMail'))
    assert.ok(
      (await page.getByRole('alert').textContent())?.includes(nl('signin.codeLeft4')),
      'the error summary says the code is wrong, and how many tries are left',
    )
    assert.equal(await codeField.getAttribute('aria-invalid'), 'true')
    await a11y.check(page, 'check-mail page with a wrong code')

    // The right code signs the parent in.
    await codeField.fill(code)
    assert.equal(await submit(page, page.getByRole('button', { name: nl('signin.submit') })), 200)
    assert.equal(pathOf(page), '/home')
    assert.equal(await heading(page), nl('home.hello', { name: 'Samira' }))
    await a11y.check(page, 'home (parent, signed in by code)')

    assert.deepEqual(a11y.problems, [], a11y.message())
  })

  it(
    'a parent signs in with the mailed link, switches to Arabic and signs out',
    PAGE_TIMEOUT,
    async (t) => {
      assert.ok(app && inbox)
      const page = await openPage(t, { javaScript: false })
      const a11y = new A11yLog({ snapshot: true })
      t.after(() => a11y.close())
      const parent = personaEmail('parent')

      // Ask for a sign-in mail.
      assert.equal((await page.goto('/signin'))?.status(), 200)
      assert.equal(await heading(page), nl('signin.title'))
      await a11y.check(page, 'sign-in page')
      assert.equal(await requestMail(page, parent), 200)
      assert.equal(await heading(page), nl('signin.checkMail'))
      await a11y.check(page, 'check-mail page')

      // The mail arrives over SMTP, with a link back to this very server.
      const mail = await inbox.next(parent)
      assert.equal(mail.subject, nl('mail.signin.subject'))
      const link = signInLink(mail, app.baseUrl)

      // Opening the link signs nobody in by itself: the parent confirms with one press.
      assert.equal((await page.goto(link))?.status(), 200)
      assert.equal(pathOf(page), '/signin/verify')
      assert.equal(await heading(page), nl('signin.confirmTitle'))
      await a11y.check(page, 'verify page')
      assert.equal(
        await submit(page, page.getByRole('button', { name: nl('signin.confirm') })),
        200,
      )

      // Home shows the parent's children.
      assert.equal(pathOf(page), '/home')
      assert.equal(await heading(page), nl('home.hello', { name: 'Samira' }))
      const children = page
        .getByRole('region', { name: nl('home.parent.children') })
        .locator('ul.cards li strong')
      assert.deepEqual((await children.allTextContents()).sort(), ['Amira', 'Ilyas'])
      await a11y.check(page, 'home (parent)')

      // Profile: choose Arabic and save; the page turns Arabic and right-to-left.
      await submit(page, page.locator('header').getByRole('link', { name: nl('nav.profile') }))
      assert.equal(pathOf(page), '/profile')
      await a11y.check(page, 'profile (Dutch)')
      const arabic = page.locator('input[name="language"][value="ar"]')
      await arabic.check()
      assert.equal(await submit(page, page.getByRole('button', { name: nl('form.save') })), 200)
      assert.equal(pathOf(page), '/profile')
      const html = page.locator('html')
      assert.equal(await html.getAttribute('lang'), 'ar')
      assert.equal(await html.getAttribute('dir'), 'rtl')
      assert.equal(await status(page), ar('notice.saved'))
      assert.equal(await heading(page), ar('profile.title'))
      assert.equal(await arabic.isChecked(), true, 'Arabic is the saved choice')
      await a11y.check(page, 'profile (Arabic)')

      // Sign out with the header's button: back on /signin, and /home is closed again.
      const signOut = page.locator('header').getByRole('button', { name: ar('nav.signout') })
      assert.equal(await submit(page, signOut), 200)
      assert.equal(pathOf(page), '/signin')
      assert.equal(await status(page), ar('notice.signedOut'))
      assert.equal(
        await page.locator('header nav').count(),
        0,
        'no signed-in menu after signing out',
      )
      assert.equal(
        await html.getAttribute('lang'),
        'ar',
        'the language choice outlives the session',
      )
      await a11y.check(page, 'sign-in page after signing out (Arabic)')

      await page.goto('/home')
      assert.equal(pathOf(page), '/signin', '/home redirects to /signin once signed out')
      assert.equal(new URL(page.url()).searchParams.get('next'), '/home')
      await a11y.check(page, 'sign-in page after a redirect (Arabic)')

      // The link was good for one use only.
      await page.goto(link)
      assert.equal(
        await submit(page, page.getByRole('button', { name: ar('signin.confirm') })),
        400,
      )
      assert.equal(await heading(page), ar('signin.linkInvalid'))
      await a11y.check(page, 'used-link page (Arabic)')

      assert.deepEqual(a11y.problems, [], a11y.message())
    },
  )

  it(
    'the public pages have no serious or critical accessibility problems',
    PAGE_TIMEOUT,
    async (t) => {
      const page = await openPage(t, { javaScript: true })
      const a11y = new A11yLog()

      await page.goto('/signin')
      assert.deepEqual(
        await page.locator('form[action="/signin/demo"] button').allTextContents(),
        PERSONAS.map((p) => nl(`role.${p}`)),
        'demo mode lists every persona',
      )
      await a11y.check(page, 'sign-in page with demo personas')

      assert.equal(await requestMail(page, 'nobody@example.org'), 200)
      assert.equal(await heading(page), nl('signin.checkMail'))
      await a11y.check(page, 'check-mail page')

      await page.goto('/signin/verify?token=not-a-real-token-but-long-enough')
      assert.equal(await heading(page), nl('signin.confirmTitle'))
      await a11y.check(page, 'verify page')
      assert.equal(
        await submit(page, page.getByRole('button', { name: nl('signin.confirm') })),
        400,
      )
      assert.equal(await heading(page), nl('signin.linkInvalid'))
      await a11y.check(page, 'invalid-link page')

      assert.equal((await page.goto('/outbox'))?.status(), 200)
      assert.equal(await heading(page), nl('outbox.title'))
      await a11y.check(page, 'outbox (demo, signed out)')

      assert.equal((await page.goto('/no-such-page'))?.status(), 404)
      assert.equal(await heading(page), nl('error.notFound'))
      await a11y.check(page, '404 page')

      // The language picker of every public page turns it Arabic and right-to-left, and
      // stays on the page it was pressed on.
      await page.goto('/signin')
      assert.equal(await submit(page, page.getByRole('button', { name: 'العربية' })), 200)
      assert.equal(pathOf(page), '/signin')
      assert.equal(await page.locator('html').getAttribute('lang'), 'ar')
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
      assert.equal(await heading(page), ar('signin.title'))
      await a11y.check(page, 'sign-in page in Arabic')

      assert.deepEqual(a11y.problems, [], a11y.message())
    },
  )

  describe('signed-in pages have no serious or critical accessibility problems', () => {
    /** Signs in with the persona's demo button on /signin; returns the page and /home's status. */
    async function signInAs(
      t: TestContext,
      persona: Persona,
    ): Promise<{ page: Page; home: number }> {
      const page = await openPage(t, { javaScript: true })
      await page.goto('/signin')
      const button = demoButton(page, persona)
      assert.equal((await button.textContent())?.trim(), nl(`role.${persona}`))
      const home = await submit(page, button)
      assert.equal(pathOf(page), '/home', `the demo sign-in as ${persona} lands on /home`)
      return { page, home }
    }

    for (const persona of PERSONAS) {
      it(`/home for the ${persona} persona`, PAGE_TIMEOUT, async (t) => {
        const { page, home } = await signInAs(t, persona)
        assert.equal(home, 200, `/home for ${persona} shows "${await heading(page)}"`)
        const a11y = new A11yLog()
        await a11y.check(page, `home (${persona})`)
        assert.deepEqual(a11y.problems, [], a11y.message())
      })
    }

    it('/groups and a group page for the teacher', PAGE_TIMEOUT, async (t) => {
      const { page } = await signInAs(t, 'teacher')
      const a11y = new A11yLog()
      assert.equal((await page.goto('/groups'))?.status(), 200)
      assert.equal(await heading(page), nl('nav.groups'))
      await a11y.check(page, 'groups (teacher)')
      assert.equal(
        await submit(page, page.locator('main').getByRole('link', { name: 'Groep 1/2a' })),
        200,
      )
      assert.match(pathOf(page), /^\/groups\/[^/]+$/)
      assert.equal(await heading(page), 'Groep 1/2a')
      await a11y.check(page, 'group page (teacher)')
      assert.deepEqual(a11y.problems, [], a11y.message())
    })

    it('/people, /audit, /profile and /outbox for the director', PAGE_TIMEOUT, async (t) => {
      const { page } = await signInAs(t, 'director')
      const a11y = new A11yLog()
      for (const [url, title] of [
        ['/people', nl('people.title')],
        ['/audit', nl('audit.title')],
        ['/profile', nl('profile.title')],
        ['/outbox', nl('outbox.title')],
      ] as const) {
        assert.equal((await page.goto(url))?.status(), 200, url)
        assert.equal(await heading(page), title)
        await a11y.check(page, `${url} (director)`)
      }
      assert.deepEqual(a11y.problems, [], a11y.message())
    })
  })
})
