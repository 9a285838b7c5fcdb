// Rendering without AsyncLocalStorage.
//
// hono/jsx gives every render an AsyncLocalStorage store, so that useContext() still finds a
// provided value after an `await` inside an async component. Kringwerk's views use no JSX
// context at all. But the first AsyncLocalStorage.run() switches on Node's promise hooks for
// the rest of the process, and from then on every promise of every request pays for them:
// measured on the parent home, about 45 µs of a 100 µs page (docs/decisions/0004).
//
// hono/jsx looks for AsyncLocalStorage once, on its first render, through
// process.getBuiltinModule. We render one element while that lookup finds nothing; hono/jsx
// then keeps its per-render store for the synchronous part of each render, which is all a
// view without context needs. test/render-hooks.test.ts proves the hooks stay off.
import { jsx } from 'hono/jsx'

type WithBuiltin = { getBuiltinModule?: unknown }
const proc = process as unknown as WithBuiltin
const getBuiltinModule = proc.getBuiltinModule
try {
  proc.getBuiltinModule = undefined
  jsx('i', {}).toString()
} finally {
  proc.getBuiltinModule = getBuiltinModule
}
