/** @jsxImportSource hono/jsx */
// /home: load what each of the person's roles shows, then render it.
import { page } from '../../core/http/render.tsx'
import { policyEnv, signedIn } from '../../core/http/router.ts'
import type { AppRouter } from '../../policies.ts'
import { loadHome } from './read/home.ts'
import { HomeView } from './views/home.tsx'

export function homeRoutes(r: AppRouter): void {
  r.get('/home', 'home.view', async (c) => {
    const t = c.get('t')
    const data = await loadHome(c.get('deps').db, signedIn(c), policyEnv(c), t)
    return page(c, { title: t('nav.home'), body: <HomeView c={c} data={data} /> })
  })
}
