// Everyone signed in has a home page; what it shows depends on their roles.
import { definePolicy } from '../../core/policy.ts'

export const homePolicy = definePolicy({
  'home.view': (p) => p !== null,
})
