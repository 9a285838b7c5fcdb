// Static assets (one stylesheet today), read once at start-up, served with a content hash in
// the URL, cached for a year, and gzip-compressed ahead of time.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import type { Ctx } from './context.ts'

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
    const body = readFileSync(new URL(`../../../static/${file}`, import.meta.url))
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
