// Draws a poster's plan with pdfkit, on one A4 page: each text piece at its own place (never
// through pdfkit's line wrapping, which would add a page and undo the bidi order), the QR code
// as squares, sharp at any print size. DejaVu Sans covers Latin, Cyrillic and Arabic.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import { encode } from 'uqr'
import type { PosterContent } from './content.ts'
import { type Font, type Measure, PAGE, type Plan, planPoster } from './layout.ts'

const require = createRequire(import.meta.url)
// Read once: pdfkit would otherwise read both fonts from disk for every poster.
const REGULAR = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'))
const BOLD = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'))

export interface PaintOptions {
  /** false leaves the page's content stream readable (tests read the text back). */
  compress?: boolean
}

function newDocument(title: string, opts: PaintOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margin: 0,
    compress: opts.compress ?? true,
    info: { Title: title, Producer: 'Kringwerk', Creator: 'Kringwerk' },
  })
  doc.registerFont('regular', REGULAR)
  doc.registerFont('bold', BOLD)
  return doc
}

/**
 * Measures text in the poster's fonts, as the painter will set it. A width grows with the size,
 * so each text is measured once per font, at 1 pt: fitting tries many sizes of the same words.
 */
export function measureIn(doc: PDFKit.PDFDocument): Measure {
  const known = new Map<string, number>()
  return (text: string, font: Font, size: number) => {
    const key = `${font}\u0000${text}`
    let width = known.get(key)
    if (width === undefined) {
      width = doc.font(font).fontSize(1).widthOfString(text)
      known.set(key, width)
    }
    return width * size
  }
}

/** The poster as a PDF, and the plan it was drawn from. */
export function paintPoster(
  content: PosterContent,
  opts: PaintOptions = {},
): { pdf: Promise<Buffer>; plan: Plan } {
  const doc = newDocument(content.title, opts)
  const pdf = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (b: Buffer) => chunks.push(b))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const plan = planPoster(content, measureIn(doc))
  for (const item of plan.items) {
    switch (item.type) {
      case 'rect':
        doc.roundedRect(item.x, item.y, item.w, item.h, item.radius).fill(item.color)
        break
      case 'dot':
        doc.circle(item.x, item.y, item.r).fill(item.color)
        break
      case 'rule':
        doc
          .moveTo(item.x, item.y)
          .lineTo(item.x + item.w, item.y)
          .lineWidth(item.thickness)
          .stroke(item.color)
        break
      case 'qr': {
        const qr = encode(item.url, { ecc: 'M', border: 2 })
        const cell = item.size / qr.size
        // White under the code, quiet zone included: scanners want it, whatever is around.
        doc.rect(item.x, item.y, item.size, item.size).fill('#ffffff')
        qr.data.forEach((row, r) => {
          row.forEach((on, c) => {
            if (on) doc.rect(item.x + c * cell, item.y + r * cell, cell + 0.05, cell + 0.05)
          })
        })
        doc.fill('#000000')
        break
      }
      case 'link':
        doc.link(item.x, item.y, item.w, item.h, item.url)
        break
      case 'text':
        doc
          .font(item.font)
          .fontSize(item.size)
          .fillColor(item.color)
          .text(item.text, item.x, item.y, { lineBreak: false })
        break
    }
  }
  doc.end()
  return { pdf, plan }
}
