// Starts Kringwerk: reads configuration, boots the database (seeding the demo school on an
// empty database in demo mode) and listens.
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { boot } from './core/boot.ts'
import { loadConfig } from './core/config.ts'
import { seedDemoIfEmpty } from './demo/seed.ts'

const config = loadConfig()
const { deps, handle } = await boot(config)
if (config.demo) {
  const seeded = await seedDemoIfEmpty(deps.db)
  if (seeded) deps.log.info({ event: 'demo.seeded', ...seeded }, 'demo data seeded')
}
const { app } = createApp(deps)
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  deps.log.info(
    {
      event: 'listening',
      port: info.port,
      db: deps.engine,
      demo: config.demo,
      mail: deps.mailer.kind,
    },
    `Kringwerk listening on ${config.baseUrl}`,
  )
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close()
    void handle.close().then(() => process.exit(0))
  })
}
