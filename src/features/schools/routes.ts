// The header's school switcher posts here.
import { z } from 'zod'
import { DomainError } from '../../core/errors.ts'
import { readForm } from '../../core/http/forms.ts'
import { authorize, type Router, signedIn } from '../../core/http/router.ts'
import { switchSchool } from '../../core/session.ts'
import './policy.ts'

export function schoolRoutes(r: Router): void {
  r.post('/school', 'school.switch', async (c) => {
    const form = await readForm(c, z.object({ schoolId: z.uuid() }))
    if (!form.ok) throw new DomainError(400, 'error.badRequest')
    authorize(c, 'school.switch', form.data.schoolId)
    await switchSchool(c.get('deps').db, signedIn(c).sessionId, form.data.schoolId)
    return c.redirect('/home?notice=switched', 303)
  })
}
