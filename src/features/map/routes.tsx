/** @jsxImportSource hono/jsx */
// /sociale-kaart: the municipality's services, public (no sign-in: a family looks before it
// asks anyone). /sociale-kaart/hsds.json: the same as Open Referral HSDS 3, for other registers.
import { z } from 'zod'
import { LANGUAGES } from '../../core/db/schema.ts'
import { page } from '../../core/http/render.tsx'
import { PUBLIC } from '../../core/http/router.ts'
import type { AppRouter } from '../../policies.ts'
import { exportHsds, findServices } from './hsds.ts'
import { pickMunicipality } from './read/municipality.ts'
import { ChooseMunicipality, MapPage } from './views/map.tsx'

const Query = z.object({
  m: z.string().max(40).optional(),
  q: z.string().max(100).optional().default(''),
  speaks: z.literal('yes').optional().catch(undefined),
  lang: z.enum(LANGUAGES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
})

/** Services a page: the first load of a phone stays small however large the register. */
export const PAGE_SIZE = 10

export function mapRoutes(r: AppRouter): void {
  r.get('/sociale-kaart', PUBLIC, async (c) => {
    const query = Query.safeParse(c.req.query())
    const input = query.success
      ? query.data
      : { q: '', m: undefined, speaks: undefined, page: undefined }
    const at = input.page ?? 1
    const { db } = c.var.deps
    const lang = c.var.lang
    const m = await pickMunicipality(db, input.m, c.var.principal?.schoolId ?? null)
    if (Array.isArray(m))
      return page(c, { title: c.var.t('map.title'), body: <ChooseMunicipality c={c} list={m} /> })
    const speaks = input.speaks === 'yes' && lang !== 'nl'
    const { total, found } = await findServices(db, m.id, lang, {
      q: input.q,
      speaks: speaks ? lang : undefined,
      limit: PAGE_SIZE,
      offset: (at - 1) * PAGE_SIZE,
    })
    return page(c, {
      title: c.var.t('map.title'),
      body: (
        <MapPage
          c={c}
          d={{
            municipality: m,
            found,
            total,
            q: input.q,
            speaks,
            page: at,
            pages: Math.ceil(total / PAGE_SIZE),
          }}
        />
      ),
    })
  })

  r.get('/sociale-kaart/hsds.json', PUBLIC, async (c) => {
    const query = Query.safeParse(c.req.query())
    const input = query.success ? query.data : { m: undefined, lang: undefined }
    const { db } = c.var.deps
    const m = await pickMunicipality(db, input.m, c.var.principal?.schoolId ?? null)
    if (Array.isArray(m))
      return c.json({ error: 'choose a municipality with ?m=', municipalities: m }, 400)
    const services = await exportHsds(db, m.id, input.lang ?? 'nl')
    return c.json(services, 200, { 'content-disposition': 'inline; filename="sociale-kaart.json"' })
  })
}
