// The one policy mechanism. Each feature declares its actions in its own policy.ts with
// definePolicy(); every route names one action; handlers ask authorize() for record checks.
// Deny by default: an unknown action is an error at start-up, and a rule that returns
// anything but true denies.
import type { Principal } from './principal.ts'

export interface PolicyEnv {
  demo: boolean
}

/**
 * A rule answers "may this principal do this?". Without a resource it is asked at the route
 * ("could they do it to anything?"); with one, for that record (already loaded with its
 * school scope).
 */
export type Rule<R = never> = (
  p: Principal | null,
  resource: R | undefined,
  env: PolicyEnv,
) => boolean

// biome-ignore lint/suspicious/noExplicitAny: rules are stored type-erased and called through can()
const rules = new Map<string, Rule<any>>()

// biome-ignore lint/suspicious/noExplicitAny: each rule keeps its own resource type
export function definePolicy<const T extends Record<string, Rule<any>>>(defs: T): T {
  for (const [action, rule] of Object.entries(defs)) {
    if (rules.has(action) && rules.get(action) !== rule) {
      throw new Error(`Policy action defined twice: ${action}`)
    }
    rules.set(action, rule)
  }
  return defs
}

export const isAction = (action: string): boolean => rules.has(action)
export const allActions = (): string[] => [...rules.keys()]

export function can<R>(
  p: Principal | null,
  action: string,
  resource: R | undefined,
  env: PolicyEnv,
): boolean {
  const rule = rules.get(action)
  if (!rule) return false
  return rule(p, resource, env) === true
}
