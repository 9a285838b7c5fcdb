// Static assets (one stylesheet today), built or read once at start-up, served with a content
// hash in the URL, cached for a year, and gzip-compressed ahead of time.
//
// The stylesheet is static/app.scss, compiled with Sass (GOV.UK Frontend's components on our
// tokens, docs/decisions/0006). Compiling takes a few seconds, so the result is kept under
// node_modules/.cache, keyed by a hash of the source and the library versions: each machine
// compiles once, and every later process (each test file, each bench run) reads the file.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { gzipSync } from 'node:zlib'
import type { Ctx } from './context.ts'

const require = createRequire(import.meta.url)
const root = new URL('../../../', import.meta.url)

/**
 * GOV.UK Frontend is written for left-to-right pages. Its declarations are turned from
 * physical sides into logical ones (margin-left → margin-inline-start, text-align:left →
 * start, float:left → inline-start), so the same rules mirror for Arabic without a second
 * stylesheet. Only property names and those three keywords are touched, never selectors.
 */
export function logicalSides(css: string): string {
  const side = (s: string) => (s === 'left' ? 'start' : 'end')
  return css
    .replace(
      /([{;])(margin|padding)-(left|right)(?=:)/g,
      (_m, pre, prop, s) => `${pre}${prop}-inline-${side(s)}`,
    )
    .replace(
      /([{;])border-(left|right)(-width|-style|-color)?(?=:)/g,
      (_m, pre, s, rest = '') => `${pre}border-inline-${side(s)}${rest}`,
    )
    .replace(/([{;])(left|right)(?=:)/g, (_m, pre, s) => `${pre}inset-inline-${side(s)}`)
    .replace(/([{;])(text-align|float|clear):(left|right)(?=[;}!])/g, (_m, pre, prop, s) =>
      prop === 'text-align' ? `${pre}${prop}:${side(s)}` : `${pre}${prop}:inline-${side(s)}`,
    )
}

function compileStylesheet(): Buffer {
  const source = readFileSync(new URL('static/app.scss', root), 'utf8')
  const versions = ['sass', 'govuk-frontend'].map(
    (p) =>
      JSON.parse(readFileSync(new URL(`node_modules/${p}/package.json`, root), 'utf8')).version,
  )
  const key = createHash('sha256')
    .update(logicalSides.toString())
    .update(versions.join())
    .update(source)
    .digest('hex')
    .slice(0, 16)
  const dir = new URL('node_modules/.cache/kringwerk/', root)
  const cached = new URL(`app.${key}.css`, dir)
  if (existsSync(cached)) return readFileSync(cached)
  const sass = require('sass') as typeof import('sass')
  const { css } = sass.compile(new URL('static/app.scss', root).pathname, {
    style: 'compressed',
    importers: [new sass.NodePackageImporter(root.pathname)],
    quietDeps: true,
    silenceDeprecations: ['import'],
  })
  const body = Buffer.from(logicalSides(css))
  try {
    mkdirSync(dir, { recursive: true })
    // Another process may compile at the same moment: write aside, then rename into place.
    const tmp = new URL(`app.${key}.${process.pid}.tmp`, dir)
    writeFileSync(tmp, body)
    renameSync(tmp, cached)
  } catch {
    // A read-only install: serve what was compiled; the next process compiles again.
  }
  return body
}

interface Asset {
  body: Buffer
  gzip: Buffer
  type: string
  hash: string
}

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', svg: 'image/svg+xml' }
const assets = new Map<string, Asset>()

function load(file: string): Asset {
  let asset = assets.get(file)
  if (!asset) {
    const body =
      file === 'app.css' ? compileStylesheet() : readFileSync(new URL(`static/${file}`, root))
    asset = {
      body,
      gzip: gzipSync(body, { level: 9 }),
      type: TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
      hash: createHash('sha256').update(body).digest('hex').slice(0, 10),
    }
    assets.set(file, asset)
  }
  return asset
}

export const STATIC_FILES = ['app.css'] as const

export const assetUrl = (file: (typeof STATIC_FILES)[number]): string =>
  `/static/${file}?v=${load(file).hash}`

/** Body of an asset as served, for the page-weight test. */
export const assetBody = (file: (typeof STATIC_FILES)[number]): Buffer => load(file).body

export function serveStatic(c: Ctx): Response {
  const file = c.req.param('file') ?? ''
  if (!(STATIC_FILES as readonly string[]).includes(file)) return c.notFound() as Response
  const a = load(file)
  const gz = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
  const headers: Record<string, string> = {
    'content-type': a.type,
    'cache-control': 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
  }
  if (gz) headers['content-encoding'] = 'gzip'
  return new Response(new Uint8Array(gz ? a.gzip : a.body), { headers })
}

const PICTOGRAM = /^[0-9A-F]{4,5}(?:-[0-9A-F]{4,5})*\.svg$/
const pictograms = new Map<string, Asset | null>()

/**
 * An OpenMoji pictogram of static/pictograms (CC BY-SA 4.0, its LICENSE.txt there). Only the
 * files shipped are served; a name is a code point, never a path.
 */
export function servePictogram(c: Ctx): Response {
  const file = c.req.param('file') ?? ''
  if (!PICTOGRAM.test(file)) return c.notFound() as Response
  let a = pictograms.get(file)
  if (a === undefined) {
    const url = new URL(`static/pictograms/${file}`, root)
    a = existsSync(url)
      ? (() => {
          const body = readFileSync(url)
          return { body, gzip: gzipSync(body, { level: 9 }), type: TYPES.svg ?? '', hash: '' }
        })()
      : null
    pictograms.set(file, a)
  }
  if (!a) return c.notFound() as Response
  const gz = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
  const headers: Record<string, string> = {
    'content-type': a.type,
    'cache-control': 'public, max-age=604800',
    vary: 'accept-encoding',
  }
  if (gz) headers['content-encoding'] = 'gzip'
  return new Response(new Uint8Array(gz ? a.gzip : a.body), { headers })
}
