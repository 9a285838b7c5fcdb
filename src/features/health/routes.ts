// Liveness and engine check for load balancers and the README's smoke test.
import { ping } from '../../core/db/index.ts'
import { PUBLIC } from '../../core/http/router.ts'
import type { AppRouter } from '../../policies.ts'

export function healthRoutes(r: AppRouter): void {
  r.get('/healthz', PUBLIC, async (c) => {
    await ping(c.get('deps').db)
    return c.json({ status: 'ok', db: c.get('deps').engine })
  })
}
