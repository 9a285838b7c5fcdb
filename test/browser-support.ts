// What the browser tests stand on: the real app on a loopback port, Chromium through
// playwright-core, the sign-in link and code read from mail, and axe.
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { AxeBuilder } from '@axe-core/playwright'
import { type ServerType, serve } from '@hono/node-server'
import type { ParsedMail } from 'mailparser'
import { type Browser, chromium, type Locator, type Page } from 'playwright-core'
import { type TestApp, testApp } from './helpers.ts'

export const CHROMIUM = '/usr/bin/chromium'

const inCI =
  Boolean(process.env.CI) && !['0', 'false'].includes(String(process.env.CI).toLowerCase())

/**
 * Without Chromium the browser tests skip on a developer's machine but fail in CI: a
 * silently skipped suite there would look like a green one.
 */
export function chromiumMissing(): { skip: string | false; failure: string | null } {
  if (existsSync(CHROMIUM)) return { skip: false, failure: null }
  const why = `Chromium is not installed at ${CHROMIUM} (Debian: apt-get install chromium)`
  return inCI
    ? { skip: false, failure: `${why}; CI is set, so the browser tests must not be skipped.` }
    : { skip: `${why}; skipping the browser tests outside CI.`, failure: null }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

// ---------------------------------------------------------------------------------------------
// Mail (the SMTP server itself is test/smtp.ts)

/** The sign-in link in a sign-in mail: the only URL that points at /signin/verify. */
export function signInLink(mail: ParsedMail, baseUrl: string): string {
  const escaped = baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const found = (mail.text ?? '').match(new RegExp(`${escaped}/signin/verify\\?\\S+`))
  if (!found) throw new Error(`no ${baseUrl}/signin/verify link in the mail:\n${mail.text}`)
  return found[0]
}

/** The 6-digit code in a sign-in mail, looked for outside the link so a token cannot match. */
export function signInCode(mail: ParsedMail): string {
  const found = (mail.text ?? '').replace(/https?:\/\/\S+/g, ' ').match(/(?<!\d)\d{6}(?!\d)/)
  if (!found) throw new Error(`no 6-digit code in the mail:\n${mail.text}`)
  return found[0]
}

// ---------------------------------------------------------------------------------------------
// The app on a real port

export interface RunningApp {
  test: TestApp
  baseUrl: string
  close(): Promise<void>
}

/**
 * Listens first (port 0, so no race for a free port), then boots the app with BASE_URL set to
 * the address the browser will use, so links in mail point back at this server.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  let test: TestApp | undefined
  let server: ServerType | undefined
  const port = await new Promise<number>((resolve) => {
    server = serve(
      {
        fetch: (req, bindings) =>
          test ? test.app.fetch(req, bindings) : new Response('booting', { status: 503 }),
        port: 0,
        hostname: '127.0.0.1',
      },
      (info) => resolve(info.port),
    )
  })
  const http = server as Server
  const stop = () =>
    new Promise<void>((resolve) => {
      http.close(() => resolve())
      http.closeAllConnections()
    })
  const baseUrl = `http://127.0.0.1:${port}`
  try {
    test = await testApp({ env: { ...env, BASE_URL: baseUrl } })
  } catch (err) {
    await stop()
    throw err
  }
  const booted = test
  return {
    test: booted,
    baseUrl,
    close: async () => {
      await stop()
      await booted.close()
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Accessibility

const BLOCKING = new Set(['serious', 'critical'])
const AXE_TIMEOUT_MS = 30_000

/**
 * Collects axe's serious and critical findings page by page, so one run reports every page
 * that has a problem; message() lists the rule ids and the elements.
 *
 * axe cannot run in a page with JavaScript switched off (its evaluation never settles), so
 * for such pages pass `snapshot: true`: the page's DOM is then served, as it stands, at the
 * same address in a second, script-enabled profile, with the same stylesheet, and checked
 * there. The pages carry no script, so the copy is the page.
 */
export class A11yLog {
  readonly checked: string[] = []
  readonly problems: string[] = []
  private twin: Promise<Page> | undefined

  constructor(private readonly opts: { snapshot?: boolean } = {}) {}

  async check(page: Page, label: string): Promise<void> {
    const path = new URL(page.url()).pathname
    const target = this.opts.snapshot ? await this.copyOf(page) : page
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`axe did not finish on ${label} within ${AXE_TIMEOUT_MS} ms`)),
        AXE_TIMEOUT_MS,
      )
    })
    try {
      const { violations } = await Promise.race([
        new AxeBuilder({ page: target }).analyze(),
        timeout,
      ])
      this.checked.push(`${label} (${path})`)
      for (const v of violations) {
        if (!v.impact || !BLOCKING.has(v.impact)) continue
        const targets = v.nodes.map((n) => n.target.join(' ')).join(' | ')
        this.problems.push(
          `${label} (${path}): ${v.id} [${v.impact}] ${v.help}; elements: ${targets}`,
        )
      }
    } finally {
      clearTimeout(timer)
    }
  }

  private async copyOf(page: Page): Promise<Page> {
    const html = await page.content()
    const url = page.url().replace(/#.*$/, '')
    const browser = page.context().browser()
    if (!browser) throw new Error('no browser behind the page')
    this.twin ??= browser.newContext({ javaScriptEnabled: true }).then((ctx) => ctx.newPage())
    const twin = await this.twin
    await twin.unrouteAll()
    await twin.route(
      (u) => u.href === url,
      (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    )
    await twin.goto(url)
    return twin
  }

  /** Closes the script-enabled profile used for copies, if any. */
  async close(): Promise<void> {
    if (this.twin) await (await this.twin).context().close()
  }

  message(): string {
    return `axe found serious or critical violations on ${this.problems.length} occasion(s):\n  ${this.problems.join('\n  ')}`
  }
}

// ---------------------------------------------------------------------------------------------
// Moving through pages without JavaScript

/** The path of the page now shown. */
export const pathOf = (page: Page) => new URL(page.url()).pathname

/** Presses a form's button (or a link) and waits for the page it leads to; returns its status. */
export async function submit(page: Page, control: Locator): Promise<number> {
  const response = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400),
  )
  const loaded = page.waitForEvent('load')
  const [res] = await Promise.all([response, loaded, control.click()])
  return res.status()
}

/** The demo persona's sign-in button on /signin (the page must be open). */
export const demoButton = (page: Page, persona: string) =>
  page.locator(`form[action="/signin/demo"]:has(input[value="${persona}"]) button`)

/** What the notification banner says happened (its message, without the title "Gelukt"). */
export const noticeOf = async (page: Page) =>
  (await page.locator('[role="status"] .govuk-notification-banner__heading').textContent())?.trim()
