// One benchmark target in its own process, so it never shares an event loop (and, as far as
// the OS allows, a core) with the load generator in bench/http.ts.
//
//   node --import tsx bench/server.ts <bare|one-query|app>
//
// Listens on 127.0.0.1 on a free port and reports { type: 'ready', port, ... } over the IPC
// channel (or prints it as JSON when started without one). Stops on SIGTERM/SIGINT or when
// the parent goes away. The database is an in-memory PGlite unless DATABASE_URL is set; an
// empty database gets the demo data, exactly as tests seed it.
import { writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../src/app.ts'
import { wiring } from '../src/composition.ts'
import { type Booted, boot } from '../src/core/boot.ts'
import { loadConfig } from '../src/core/config.ts'
import { createLogger } from '../src/core/log.ts'
import { buildDemo } from '../src/demo/build.ts'
import { seedDemo } from '../src/demo/seed.ts'
import { BARE_BODY, isTarget, type Ready } from './shared.ts'

const target = process.argv[2]
if (!isTarget(target)) {
  console.error(`usage: node --import tsx bench/server.ts <bare|one-query|app>, got ${target}`)
  process.exit(2)
}

let booted: Booted | undefined

async function bootSeeded(): Promise<Booted> {
  const config = loadConfig({
    KRINGWERK_DEMO: '1',
    // Plain http on loopback: no Secure cookies, so the load generator can send them back.
    BASE_URL: 'http://127.0.0.1',
    // The app's own default (info): the access log is part of what a request costs. Lines go
    // to this process's stdout, which bench/http.ts points at a file.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  })
  const b = await boot(config, {
    wiring: wiring(),
    inMemory: true,
    log: createLogger(config.logLevel),
  })
  const any = await b.deps.db.selectFrom('schools').select('id').limit(1).executeTakeFirst()
  if (!any) await seedDemo(b.deps.db, buildDemo())
  return b
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)

async function start(): Promise<{
  close(cb: () => void): void
  address(): AddressInfo | string | null
}> {
  if (target === 'bare') {
    // The machine's ceiling: node:http and nothing else.
    return createServer((_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(BARE_BODY),
      })
      res.end(BARE_BODY)
    })
  }
  booted = await bootSeeded()
  const { db } = booted.deps
  if (target === 'one-query') {
    // The engine's ceiling: one indexed SELECT through the app's own Kysely handle, a tiny page.
    const schoolName = buildDemo().schools[0]?.name ?? ''
    const school = await db
      .selectFrom('schools')
      .select('id')
      .where('name', '=', schoolName)
      .executeTakeFirstOrThrow()
    return createServer((_req, res) => {
      db.selectFrom('schools')
        .select('name')
        .where('id', '=', school.id)
        .executeTakeFirst()
        .then((row) => {
          const body = `<!doctype html><html lang="nl"><title>Kringwerk</title><p>${escapeHtml(row?.name ?? '')}</p></html>`
          res.writeHead(row ? 200 : 404, {
            'content-type': 'text/html; charset=utf-8',
            'content-length': Buffer.byteLength(body),
          })
          res.end(body)
        })
        .catch((err: unknown) => {
          console.error(err)
          res.writeHead(500).end()
        })
    })
  }
  // The real application, exactly as src/server.ts serves it.
  const { app } = createApp(booted.deps)
  return serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
}

const server = await start()
const listening = (): Promise<AddressInfo> =>
  new Promise((resolve) => {
    const done = () => resolve(server.address() as AddressInfo)
    if (server.address()) return done()
    if (target === 'app') (server as unknown as NodeJS.EventEmitter).once('listening', done)
    else (server as ReturnType<typeof createServer>).listen(0, '127.0.0.1', done)
  })
const { port } = await listening()
const ready: Ready = {
  type: 'ready',
  target,
  port,
  engine: booted?.deps.engine ?? null,
  pid: process.pid,
}
if (process.send) process.send(ready)
else console.log(JSON.stringify(ready))

// BENCH_PROFILE=<file>: sample the CPU from the parent's { type: 'profile' } message until
// the server stops, and write a .cpuprofile there (bench/profile-http.ts reads it).
const profileFile = process.env.BENCH_PROFILE
let profiler: import('node:inspector').Session | undefined
if (profileFile) {
  const { Session } = await import('node:inspector')
  process.on('message', (m: { type?: string }) => {
    if (m?.type !== 'profile' || profiler) return
    profiler = new Session()
    profiler.connect()
    profiler.post('Profiler.enable', () =>
      profiler?.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
        profiler?.post('Profiler.start'),
      ),
    )
  })
}
const writeProfile = () =>
  new Promise<void>((resolve) => {
    if (!profiler || !profileFile) return resolve()
    profiler.post('Profiler.stop', (err, res) => {
      if (!err) writeFileSync(profileFile, JSON.stringify(res.profile))
      resolve()
    })
  })

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  await writeProfile()
  // Keep-alive sockets would hold close() open; the load generator is done with them.
  ;(server as ReturnType<typeof createServer>).closeAllConnections?.()
  server.close(() => {
    void (booted?.handle.close() ?? Promise.resolve()).finally(() => process.exit(0))
  })
  setTimeout(() => process.exit(0), 3000).unref()
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
process.once('disconnect', stop)
