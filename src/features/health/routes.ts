// Liveness and engine check for load balancers and the README's smoke test.
import { ping } from '../../core/db/index.ts'
import { PUBLIC, type Router } from '../../core/http/router.ts'

export function healthRoutes(r: Router): void {
  r.get('/healthz', PUBLIC, async (c) => {
    await ping(c.get('deps').db)
    return c.json({ status: 'ok', db: c.get('deps').engine })
  })
}
