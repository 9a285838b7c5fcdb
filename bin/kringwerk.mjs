#!/usr/bin/env node
// The `kringwerk` command: registers tsx's loader in this process, then runs the TypeScript
// CLI in src/cli/main.ts. No build step and no second process, so exit codes and signals are
// the CLI's own. The tsconfig is named explicitly so that the command works from any directory.
import { fileURLToPath } from 'node:url'

let tsx
try {
  tsx = await import('tsx/esm/api')
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e
  process.stderr.write('kringwerk: tsx is not installed; run `npm ci` in the repository first.\n')
  process.exit(1)
}
tsx.register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
await import('../src/cli/main.ts')
