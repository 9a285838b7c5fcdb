// The one policy mechanism. Each feature declares its rules in its own policy.ts with
// definePolicy(): the actions a person may take, and the disclosure rules that say who may
// *see* a name, a contact or a roster. All policies are listed once, in src/policies.ts, where
// the app is composed; the action names and each rule's resource type are derived from there,
// so an unknown action or a wrong resource is a compile error. Deny by default: a rule that
// returns anything but true denies.
import type { Principal } from './principal.ts'

export interface PolicyEnv {
  demo: boolean
}

/**
 * A rule answers "may this principal do this?". Without a resource it is asked at the route
 * ("could they do it to anything?"); with one, for that record (already loaded with its
 * school scope, carrying the facts the rule decides on).
 */
export type Rule<R = never> = (
  p: Principal | null,
  resource: R | undefined,
  env: PolicyEnv,
) => boolean

// biome-ignore lint/suspicious/noExplicitAny: each rule keeps its own resource type
export type PolicyDefs = Record<string, Rule<any>>

/** Identity, typed: keeps each rule's resource type for the composed Policies. */
export const definePolicy = <const T extends PolicyDefs>(defs: T): T => defs

/** The resource a rule takes; a rule that takes none is asked without one. */
export type ResourceOf<P, A extends keyof P> = P[A] extends (
  p: Principal | null,
  resource: infer R,
  env: PolicyEnv,
) => boolean
  ? unknown extends R
    ? undefined
    : R
  : never

type Merge<T extends readonly PolicyDefs[]> = T extends readonly [
  infer H extends PolicyDefs,
  ...infer Rest extends readonly PolicyDefs[],
]
  ? H & Merge<Rest>
  : Record<never, never>

/** Every policy of the app, merged; an action defined twice is an error at start-up. */
export class Policies<P extends object> {
  private readonly rules = new Map<string, Rule<unknown>>()

  constructor(parts: readonly PolicyDefs[]) {
    for (const defs of parts) {
      for (const [action, rule] of Object.entries(defs)) {
        if (this.rules.has(action)) throw new Error(`Policy action defined twice: ${action}`)
        this.rules.set(action, rule)
      }
    }
  }

  static of<const T extends readonly PolicyDefs[]>(...parts: T): Policies<Merge<T>> {
    return new Policies(parts)
  }

  has(action: string): action is keyof P & string {
    return this.rules.has(action)
  }

  actions(): (keyof P & string)[] {
    return [...this.rules.keys()] as (keyof P & string)[]
  }

  can<A extends keyof P & string>(
    p: Principal | null,
    action: A,
    resource: ResourceOf<P, A> | undefined,
    env: PolicyEnv,
  ): boolean {
    const rule = this.rules.get(action)
    if (!rule) return false
    try {
      return rule(p, resource, env) === true
    } catch (e) {
      // A rule about a record, asked without one, cannot decide: it denies. With the record,
      // an error is a bug and surfaces.
      if (resource === undefined) return false
      throw e
    }
  }
}

export type ActionOf<T> = T extends Policies<infer P> ? keyof P & string : never
