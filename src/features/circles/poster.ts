// The printable A4 poster: the circle's name, when and where, the open-door promise and the
// confidentiality rule in each of the host's chosen languages, and a QR code to the sign-up
// page. DejaVu Sans covers Latin, Cyrillic and Arabic; fontkit shapes Arabic right to left.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { LRUCache } from 'lru-cache'
import PDFDocument from 'pdfkit'
import { encode } from 'uqr'
import type { Language } from '../../core/db/schema.ts'
import { direction, isLanguage, translator } from '../../core/i18n/index.ts'
import { formatWhen } from '../../core/time.ts'
import { kindName } from './kinds.ts'
import type { Circle } from './read/circle.ts'

const require = createRequire(import.meta.url)
// Read once: pdfkit would otherwise read both fonts from disk for every poster.
const REGULAR = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))
const BOLD = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))

interface PosterInput {
  circle: Circle
  meetings: readonly { starts_at: Date }[]
  joinUrl: string
}

/**
 * Rendered posters, by what is on them. Rendering one takes ~100 ms of CPU on the event loop
 * and the route is public, so a poster is rendered once per content: again only when the
 * circle or its coming meetings change. Requests for a poster being rendered wait for that
 * one rendering. At most 100 posters (~30 KB each) are kept.
 */
const posters = new LRUCache<string, Buffer, PosterInput>({
  max: 100,
  fetchMethod: (_key, _stale, { context }) => render(context),
})

export async function posterPdf(
  circle: Circle,
  meetings: readonly { starts_at: Date }[],
  joinUrl: string,
): Promise<Buffer> {
  const key = createHash('sha256')
    .update(JSON.stringify([circle, meetings.map((m) => m.starts_at.getTime()), joinUrl]))
    .digest('base64url')
  const pdf = await posters.fetch(key, { context: { circle, meetings, joinUrl } })
  if (!pdf) throw new Error('poster rendering gave nothing')
  return pdf
}

function render({ circle, meetings, joinUrl }: PosterInput): Promise<Buffer> {
  const languages = circle.languages.filter(isLanguage) as Language[]
  const main = languages[0] ?? 'nl'
  const t = translator(main)
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: circle.name, Producer: 'Kringwerk', Creator: 'Kringwerk' },
  })
  doc.registerFont('regular', REGULAR)
  doc.registerFont('bold', BOLD)
  const width = doc.page.width - 112
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (b: Buffer) => chunks.push(b))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const align = (lang: Language) => (direction(lang) === 'rtl' ? 'right' : 'left')

  doc
    .font('bold')
    .fontSize(30)
    .text(circle.name, { width, align: align(main) })
  doc
    .font('regular')
    .fontSize(14)
    .fillColor('#444')
    .text(`${kindName(t, circle)} · ${circle.hostName}`, { width, align: align(main) })
  doc.moveDown(0.8).fillColor('black').fontSize(13)
  doc.text(`${t('circles.place')}: ${circle.place}`, { width, align: align(main) })
  const upcoming = meetings.slice(0, 6).map((m) => formatWhen(main, m.starts_at))
  if (upcoming.length)
    doc.text(`${t('circles.poster.dates')}: ${upcoming.join(' · ')}`, { width, align: align(main) })
  doc.moveDown(0.8)

  for (const lang of languages) {
    const tl = translator(lang)
    doc
      .font('bold')
      .fontSize(15)
      .text(tl('circles.poster.welcome'), { width, align: align(lang) })
    doc
      .font('regular')
      .fontSize(12)
      .text(tl('circles.poster.noReason'), { width, align: align(lang) })
      .text(tl('circles.agreement.confidential'), { width, align: align(lang) })
      .moveDown(0.6)
  }

  // The QR code, drawn as squares: sharp at any print size.
  const qr = encode(joinUrl, { ecc: 'M', border: 2 })
  const size = 170
  const cell = size / qr.size
  const x = doc.page.width - 56 - size
  const y = Math.min(doc.y + 12, doc.page.height - 56 - size - 40)
  qr.data.forEach((row, r) => {
    row.forEach((on, c) => {
      if (on) doc.rect(x + c * cell, y + r * cell, cell + 0.05, cell + 0.05)
    })
  })
  doc.fill('black')
  doc.link(x, y, size, size, joinUrl)
  doc
    .font('bold')
    .fontSize(13)
    .text(t('circles.poster.scan'), 56, y + 10, { width: width - size - 24, align: align(main) })
  doc
    .font('regular')
    .fontSize(11)
    .text(joinUrl, { width: width - size - 24, link: joinUrl, underline: true })
  doc.end()
  return done
}
