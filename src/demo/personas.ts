// The demo personas listed on /signin in demo mode: one person per role in the first demo
// school. The contract (persona names) is stable: people use it to try the app.
import type { Role } from '../core/db/schema.ts'

export const PERSONAS = [
  'parent',
  'teacher',
  'ib',
  'director',
  'brugfiguur',
  'facilitator',
  'partner',
  'municipal',
  'admin',
] as const satisfies readonly Role[]
export type Persona = (typeof PERSONAS)[number]

export const DEMO_DOMAIN = 'demo.kringwerk.example'

export const personaEmail = (persona: Persona): string => `${persona}@${DEMO_DOMAIN}`
