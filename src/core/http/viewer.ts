// Who is looking: the principal working in a school, and the policy environment, as every
// read module needs them to ask the disclosure rules for each row it hands out.

import type { PolicyEnv } from '../policy.ts'
import type { Principal } from '../principal.ts'
import type { Ctx } from './context.ts'
import { inSchool, policyEnv } from './router.ts'

export interface Viewer {
  p: Principal & { schoolId: string }
  env: PolicyEnv
}

export const viewerOf = (c: Ctx): Viewer => ({
  p: inSchool(c),
  env: policyEnv(c),
})
