// Starts Kringwerk: reads configuration, boots the database (seeding the demo school on an
// empty database in demo mode) and listens.
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { wiring } from './composition.ts'
import { boot } from './core/boot.ts'
import { loadConfig } from './core/config.ts'
import { DataDirInUse } from './core/db/index.ts'
import { forgetExpired } from './core/retention.ts'
import { seedDemoIfEmpty } from './demo/seed.ts'
import { circleUpkeep } from './features/circles/index.ts'
import { deliverMessages } from './features/messages/index.ts'

const config = loadConfig()
const { deps, handle } = await boot(config, { wiring: wiring() }).catch((err: unknown) => {
  // An operator's mistake, not a crash: say what to do, without a stack trace.
  if (err instanceof DataDirInUse) {
    process.stderr.write(`kringwerk: ${err.message}\n`)
    process.exit(1)
  }
  throw err
})
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

// Circles' upkeep: tomorrow's reminders go out once per meeting (claimed in the database, so
// several servers or a cron job running `kringwerk send-reminders` never send twice), and
// topic proposals of meetings nobody closed are forgotten; then what core keeps only a while.
const REMINDER_EVERY_MS = 15 * 60_000
const remind = () =>
  circleUpkeep({ db: deps.db, mailer: deps.mailer, baseUrl: config.baseUrl })
    .then(async (done) => {
      if (done.reminders || done.topicsForgotten || done.placesForgotten)
        deps.log.info({ event: 'circles.upkeep', ...done }, 'circles upkeep')
      // What core keeps only for a while (docs/retention.md).
      const forgotten = await forgetExpired(deps.db)
      if (Object.values(forgotten).some(Boolean))
        deps.log.info({ event: 'retention', ...forgotten }, 'expired rows forgotten')
    })
    // The error's name and code only: a database message can quote a value (an address).
    .catch((err: unknown) =>
      deps.log.error(
        {
          event: 'circles.upkeep.failed',
          error: err instanceof Error ? err.name : typeof err,
          errorCode: (err as { code?: string }).code,
        },
        'upkeep (reminders, clean-up) failed',
      ),
    )
const reminders = setInterval(remind, REMINDER_EVERY_MS)
reminders.unref()
void remind()

// Messages of the school whose mail may go now, and mail the SMTP server did not take yet (down, or "try later") is tried again when its time
// has come (core/mail.ts); with the outbox there is nothing to do.
const MAIL_EVERY_MS = 60_000
let delivering: Promise<void> = Promise.resolve()
const deliver = () => {
  // First the school's messages whose moment came (after the quiet hours, the daily digest),
  // then the mail queue, which then holds whatever SMTP did not take of them.
  delivering = deliverMessages({ db: deps.db, mailer: deps.mailer, baseUrl: config.baseUrl })
    .then((done) => {
      if (done.people) deps.log.info({ event: 'messages.delivered', ...done }, 'messages mailed')
    })
    .then(() => deps.mailer.deliverDue())
    .then(
      (done) => {
        if (done.sent || done.retrying || done.failed)
          deps.log.info({ event: 'mail.queue', ...done }, 'queued mail tried')
      },
      (err: unknown) =>
        deps.log.error(
          { event: 'mail.queue.error', error: err instanceof Error ? err.name : typeof err },
          'queued mail could not be tried',
        ),
    )
  return delivering
}
const mailTimer = setInterval(deliver, MAIL_EVERY_MS)
mailTimer.unref()
void deliver()

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(reminders)
    clearInterval(mailTimer)
    // In order: no new requests and the running ones answered, then the work they left
    // (a sign-in mail) done, then the database closed. At most 10 s in all.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    const drained = closed.then(() => Promise.all([deps.background.settled(), delivering]))
    const limit = new Promise<void>((resolve) => setTimeout(resolve, 10_000).unref())
    void Promise.race([drained, limit])
      .then(() => handle.close())
      .then(() => process.exit(0))
  })
}
