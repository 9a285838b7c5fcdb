// What bench/http.ts (the load generator) and bench/server.ts (one target) agree on.
export const TARGETS = ['bare', 'one-query', 'app'] as const
export type Target = (typeof TARGETS)[number]

export const isTarget = (v: unknown): v is Target =>
  typeof v === 'string' && (TARGETS as readonly string[]).includes(v)

export const BARE_BODY = 'Hello, world\n'

export interface Ready {
  type: 'ready'
  target: Target
  port: number
  engine: 'pglite' | 'postgres' | null
  pid: number
}
