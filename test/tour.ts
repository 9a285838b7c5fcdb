// The browser tour: every page each persona can reach, as a person would see it: on a 360×740 phone and a
// 1280×800 desktop, in Dutch and in Arabic (right to left). Each page must answer 200, carry
// no script (so it works with JavaScript off), never scroll sideways, never break a word
// inside a table cell, and have no serious or critical axe finding. A screenshot of every
// page at 360 px lands in test-results/tour/ with the test output.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { Language } from '../src/core/db/schema.ts'
import type { Persona } from '../src/demo/personas.ts'
import {
  A11yLog,
  chromiumMissing,
  demoButton,
  launchChromium,
  type RunningApp,
  startApp,
  submit,
} from './browser-support.ts'

const { skip, failure } = chromiumMissing()
const SHOTS = 'test-results/tour'
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
] as const
const LANGS: Language[] = ['nl', 'ar']
/** Pages with the same shape (a circle, a group) are visited once per persona. */
const PER_SHAPE = 1
/** A crawl that finds more pages than this fails: the tour must not stop short silently. */
const MAX_PAGES = 40

/** Links that are not pages: downloads, data, feeds, sound, assets, and what signs out. */
const NOT_A_PAGE =
  /\.(pdf|csv|ics|json)(\?|$)|\/audio$|^\/static\/|^\/circles\/feed\/|^\/signout|^\/signin\/verify/

const shapeOf = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')

/** What the checks find wrong on the page now shown. */
async function layoutProblems(page: Page, width: number): Promise<string[]> {
  return page.evaluate((viewport) => {
    const found: string[] = []
    const scroll = document.documentElement.scrollWidth
    if (scroll > viewport) found.push(`scrolls sideways: ${scroll} px wide at ${viewport} px`)
    // A word of a table cell drawn on two lines was broken inside the word.
    for (const cell of document.querySelectorAll('td, th')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? ''
        for (const m of text.matchAll(/[^\s\-/·,]{2,}/g)) {
          const range = document.createRange()
          range.setStart(node, m.index ?? 0)
          range.setEnd(node, (m.index ?? 0) + m[0].length)
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)))
          if (lines.size > 1) found.push(`"${m[0]}" is broken inside a table cell`)
        }
      }
    }
    return found
  }, width)
}

/** Tours these personas ('anonymous' is a visitor without an account). */
export function tour(personas: readonly ('anonymous' | Persona)[]): void {
  describe('every page of every persona, on a phone and a desktop, in Dutch and Arabic', {
    skip,
    timeout: 1_500_000,
  }, () => {
    if (failure) {
      it('has Chromium to run in', () => assert.fail(failure))
      return
    }
    let app: RunningApp
    let browser: Browser
    before(
      async () => {
        app = await startApp()
        browser = await launchChromium()
        mkdirSync(SHOTS, { recursive: true })
      },
      { timeout: 60_000 },
    )
    after(async () => {
      await browser?.close()
      await app?.close()
    })

    /** The pages reachable by links from /home (or /signin), breadth first, shapes capped. The
     * crawl reads the HTML with the browser's own cookies but does not draw it: each page is
     * drawn, measured and checked in the passes below. */
    async function crawl(page: Page, start: string): Promise<string[]> {
      const queue = [start]
      const seen = new Set<string>([start])
      const shapes = new Map<string, number>()
      const pages: string[] = []
      while (queue.length && pages.length < MAX_PAGES) {
        const path = queue.shift() as string
        const res = await page.request.get(path)
        pages.push(path) // a status other than 200 fails the test in the passes below
        if (res.status() !== 200) continue
        const html = await res.text()
        for (const [, raw] of html.matchAll(/<a\b[^>]*?\shref="(\/[^"]*)"/g)) {
          const href = new URL((raw as string).replaceAll('&amp;', '&'), app.baseUrl).pathname
          if (seen.has(href) || NOT_A_PAGE.test(href)) continue
          seen.add(href)
          const shape = shapeOf(href)
          const n = shapes.get(shape) ?? 0
          if (n >= PER_SHAPE) continue
          shapes.set(shape, n + 1)
          queue.push(href)
        }
      }
      assert.equal(queue.length, 0, `more than ${MAX_PAGES} pages: ${queue.join(' ')}`)
      return pages
    }

    async function setLanguage(page: Page, lang: Language, signedIn: boolean) {
      if (signedIn) {
        await page.goto('/profile')
        await page.check(`input[name="language"][value="${lang}"]`)
        await submit(page, page.locator('form[action="/profile"] button[type="submit"]'))
      } else {
        await page.goto('/signin')
        const current = await page.locator('html').getAttribute('lang')
        if (current !== lang) await submit(page, page.locator(`form.langs button[value="${lang}"]`))
      }
    }

    for (const persona of personas) {
      it(`${persona}: every page fits, reads and passes axe`, { timeout: 600_000 }, async () => {
        const problems: string[] = []
        const contexts: BrowserContext[] = []
        try {
          // One signed-in profile per viewport; the language is the person's own setting.
          const pages: Page[] = []
          for (const viewport of VIEWPORTS) {
            const context = await browser.newContext({ baseURL: app.baseUrl, viewport })
            contexts.push(context)
            const page = await context.newPage()
            if (persona !== 'anonymous') {
              await page.goto('/signin')
              await submit(page, demoButton(page, persona))
            }
            pages.push(page)
          }
          const first = pages[0] as Page
          await setLanguage(first, 'nl', persona !== 'anonymous')
          const paths = await crawl(first, persona === 'anonymous' ? '/signin' : '/home')
          // The public sign-up page of a circle is the open door: the anonymous tour visits it.
          if (persona === 'anonymous') {
            const kring = app.test.seed?.ids.get('circle:ouderkring')
            if (kring) paths.push(`/circles/${kring}/join`)
          }
          assert.ok(paths.length >= 2, `${persona} reaches more than one page: ${paths}`)
          for (const lang of LANGS) {
            for (const [i, viewport] of VIEWPORTS.entries()) {
              const page = pages[i] as Page
              // The language is stored per person (or per browser when signed out).
              if (i === 0 || persona === 'anonymous') {
                await setLanguage(page, lang, persona !== 'anonymous')
              }
              const a11y = new A11yLog()
              for (const path of paths) {
                const res = await page.goto(path)
                const where = `${path} (${lang}, ${viewport.width} px)`
                if (res?.status() !== 200) {
                  problems.push(`${where}: status ${res?.status()}`)
                  continue
                }
                const html = await res.text()
                if (/<script\b/i.test(html)) problems.push(`${where}: carries a script`)
                if (!html.includes(`lang="${lang}"`)) problems.push(`${where}: not in ${lang}`)
                for (const p of await layoutProblems(page, viewport.width)) {
                  problems.push(`${where}: ${p}`)
                }
                // axe and the screenshot once per page and language, on the phone (axe's
                // findings do not depend on the width; the phone is where a page breaks).
                if (viewport.width !== 360) continue
                await a11y.check(page, where)
                const name = `${persona}-${lang}-${path.replace(/[^a-z0-9]+/gi, '_')}`
                await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true })
              }
              problems.push(...a11y.problems)
              await a11y.close()
            }
          }
        } finally {
          for (const context of contexts) await context.close()
        }
        assert.deepEqual(problems, [], `${persona}:\n  ${problems.join('\n  ')}`)
      })
    }
  })
}
