// Rendering pages must not switch on Node's promise hooks (src/core/http/jsx-setup.ts): once
// on, every promise of every request pays for them. Checked in a fresh process, because the
// test runner itself may use async context tracking.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { describe, it } from 'node:test'

// A promise continuation sees an execution id of 0 while no async hook is enabled, and the
// promise's own id once promise hooks run (as after the first AsyncLocalStorage.run()).
const script = `
import { AsyncLocalStorage, executionAsyncId } from 'node:async_hooks'
import { createApp } from './src/app.ts'
import { boot } from './src/core/boot.ts'
import { loadConfig } from './src/core/config.ts'
import { createLogger } from './src/core/log.ts'
import { wiring } from './src/composition.ts'
const probe = () => Promise.resolve().then(() => executionAsyncId())
const config = loadConfig({ KRINGWERK_DEMO: '1', BASE_URL: 'http://kringwerk.test', LOG_LEVEL: 'silent' })
const { deps, handle } = await boot(config, {
  wiring: wiring(),
  inMemory: true,
  log: createLogger('silent'),
})
const { app } = createApp(deps)
const pages = []
for (const path of ['/signin', '/healthz', '/no-such-page']) {
  const res = await app.request(path)
  pages.push(res.status + ':' + (await res.text()).length)
}
const afterPages = await probe()
new AsyncLocalStorage().run(new Map(), () => 0)
const afterStorage = await probe()
await handle.close()
console.log(JSON.stringify({ pages, afterPages, afterStorage }))
`

describe('page rendering and promise hooks', () => {
  it('renders pages without switching promise hooks on', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    )
    assert.equal(run.status, 0, run.stderr)
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}')
    assert.deepEqual(
      out.pages.map((p: string) => p.split(':')[0]),
      ['200', '200', '404'],
    )
    assert.ok(out.pages.every((p: string) => Number(p.split(':')[1]) > 0))
    assert.equal(out.afterPages, 0, 'a page render switched promise hooks on')
    // The probe itself can see hooks: after an AsyncLocalStorage.run() they are on (on Node
    // 20 and 22; from Node 24 AsyncLocalStorage no longer uses promise hooks at all).
    if (Number(process.versions.node.split('.')[0]) < 24) assert.notEqual(out.afterStorage, 0)
  })
})
