// Runs every *.test.ts(x) under src/ and test/ with node's own test runner, via tsx.
// `npm test -- --only browser` narrows to files whose path contains "browser".
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const only = process.argv.indexOf('--only')
const filter = only >= 0 ? process.argv[only + 1] : undefined
const files = ['src', 'test']
  .flatMap((dir) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)),
  )
  .filter((f) => /\.test\.tsx?$/.test(f))
  .filter((f) => !filter || f.includes(filter))
  .sort()
if (files.length === 0) {
  console.error('no test files found')
  process.exit(1)
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=600000', ...files],
  { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' } },
)
process.exit(result.status ?? 1)
