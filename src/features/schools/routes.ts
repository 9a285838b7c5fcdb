// The header's school switcher posts here.
import { z } from 'zod'
import { requireForm } from '../../core/http/forms.ts'
import { authorize, type Router, signedIn } from '../../core/http/router.ts'
import { switchSchool } from '../../core/session.ts'
import './policy.ts'

export function schoolRoutes(r: Router): void {
  r.post('/school', 'school.switch', async (c) => {
    const { schoolId } = await requireForm(c, z.object({ schoolId: z.uuid() }))
    authorize(c, 'school.switch', schoolId)
    await switchSchool(c.get('deps').db, signedIn(c).sessionId, schoolId)
    return c.redirect('/home?notice=switched', 303)
  })
}
