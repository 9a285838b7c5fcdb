// The printable A4 poster of a circle: its name, kind and host, where and when (each coming
// meeting on its own line, with start and end), a QR code to the sign-up page, and in each of
// the circle's languages the open door, the confidentiality rule and who to ask. The words are
// in poster/content.ts, the page in poster/layout.ts, right-to-left text in poster/bidi.ts.
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { type PosterInput, type PosterMeeting, posterContent } from './poster/content.ts'
import { type PaintOptions, paintPoster } from './poster/paint.ts'
import type { Circle } from './read/circle.ts'

export type { PosterMeeting } from './poster/content.ts'

/**
 * Rendered posters, by what is on them. Rendering one takes ~150 to 300 ms of CPU on the event loop
 * and the route is public, so a poster is rendered once per content: again only when the
 * circle or its coming meetings change. Requests for a poster being rendered wait for that
 * one rendering. At most 100 posters (~40 KB each) are kept.
 */
const posters = new LRUCache<string, Buffer, PosterInput>({
  max: 100,
  fetchMethod: (_key, _stale, { context }) => renderPoster(context).pdf,
})

export async function posterPdf(
  circle: Circle,
  meetings: readonly PosterMeeting[],
  joinUrl: string,
): Promise<Buffer> {
  const times = meetings.map((m) => [m.starts_at.getTime(), m.ends_at?.getTime() ?? null])
  const key = createHash('sha256')
    .update(JSON.stringify([circle, times, joinUrl]))
    .digest('base64url')
  const pdf = await posters.fetch(key, { context: { circle, meetings, joinUrl } })
  if (!pdf) throw new Error('poster rendering gave nothing')
  return pdf
}

/** One rendering, uncached, with the plan it drew (for tests). */
export function renderPoster(input: PosterInput, opts: PaintOptions = {}) {
  return paintPoster(posterContent(input), opts)
}
