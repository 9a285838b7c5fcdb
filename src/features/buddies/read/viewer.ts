// Who is looking: the principal working in a school, and the policy environment, as every
// read module needs them to ask the disclosure rules for each row it hands out.
import type { Ctx } from '../../../core/http/context.ts'
import { inSchool, policyEnv } from '../../../core/http/router.ts'
import type { PolicyEnv } from '../../../core/policy.ts'
import type { Principal } from '../../../core/principal.ts'

export interface Viewer {
  p: Principal & { schoolId: string }
  env: PolicyEnv
}

export const viewerOf = (c: Ctx): Viewer => ({
  p: inSchool(c),
  env: policyEnv(c),
})
