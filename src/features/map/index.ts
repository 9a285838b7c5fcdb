// The sociale kaart as the app composes it (src/composition.ts): public, per municipality,
// in and out as Open Referral HSDS 3.
import type { AppFeature } from '../../policies.ts'
import { mapRoutes } from './routes.tsx'

export {
  exportHsds,
  findServices,
  type HsdsService,
  hsdsServiceValidator,
} from './hsds.ts'
export { type ImportProblem, importHsds } from './import.ts'

export const mapFeature: AppFeature = {
  name: 'map',
  routes: mapRoutes,
}
