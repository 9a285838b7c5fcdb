// Who is asking: the signed-in person, their roles per school and the school they are
// working in now. Loaded in ONE query per request (see session.ts) so pages stay cheap.
import type { Language, Role } from './db/schema.ts'

export interface Membership {
  schoolId: string
  schoolName: string
  role: Role
}

export interface ChildRef {
  id: string
  firstName: string
  groupName: string
}

export interface Principal {
  sessionId: string
  personId: string
  name: string
  firstName: string
  email: string
  language: Language
  /** The school the person works in now; null when they hold no role anywhere. */
  schoolId: string | null
  schoolName: string | null
  /** Roles in the current school only. */
  roles: readonly Role[]
  memberships: readonly Membership[]
  /** The person's children in the current school. */
  children: readonly ChildRef[]
}

export const hasRole = (p: Principal | null, ...roles: Role[]): p is Principal =>
  !!p && p.schoolId !== null && p.roles.some((r) => roles.includes(r))

/** Like hasRole, for a principal already known to be signed in (no type narrowing). */
export const holds = (p: Principal, ...roles: Role[]): boolean =>
  p.roles.some((r) => roles.includes(r))

export const schoolsOf = (p: Principal): { id: string; name: string }[] => {
  const seen = new Map<string, string>()
  for (const m of p.memberships) seen.set(m.schoolId, m.schoolName)
  return [...seen].map(([id, name]) => ({ id, name }))
}

/** The schools where the person holds `role` (e.g. every school a municipal user oversees). */
export const schoolsWithRole = (p: Principal, role: Role): string[] => [
  ...new Set(p.memberships.filter((m) => m.role === role).map((m) => m.schoolId)),
]
