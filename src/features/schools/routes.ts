// The header's school switcher posts here.
import { z } from 'zod'
import { requireForm } from '../../core/http/forms.ts'
import { back, signedIn } from '../../core/http/router.ts'
import { switchSchool } from '../../core/session.ts'
import { type AppRouter, authorize } from '../../policies.ts'

export function schoolRoutes(r: AppRouter): void {
  r.post('/school', 'school.switch', async (c) => {
    const { schoolId } = await requireForm(c, z.object({ schoolId: z.uuid() }))
    authorize(c, 'school.switch', schoolId)
    await switchSchool(c.get('deps').db, signedIn(c).sessionId, schoolId)
    return back(c, '/home', 'switched')
  })
}
