// What the circle routes share: the circle from the path, loaded with the asker's relation and
// checked against the route's action with that record.
import type { Ctx } from '../../../core/http/context.ts'
import { idParam, signedIn } from '../../../core/http/router.ts'
import { authorize } from '../../../policies.ts'
import { type LoadedCircle, loadCircle } from '../read/circle.ts'

type CircleAction =
  | 'circles.view'
  | 'circles.manage'
  | 'circles.facilitate'
  | 'circles.hand-over'
  | 'circles.take-part'

/** The circle from the path with the asker's relation, checked against `action`. */
export async function circleFor(c: Ctx, action: CircleAction): Promise<LoadedCircle> {
  const loaded = await loadCircle(c.get('deps').db, idParam(c, 'id'), signedIn(c).personId)
  authorize(c, action, loaded.record)
  return loaded
}
