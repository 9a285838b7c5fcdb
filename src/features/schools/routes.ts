// The header's school switcher posts here.
import { z } from 'zod'
import { readForm } from '../../core/http/forms.ts'
import { authorize, type Router } from '../../core/http/router.ts'
import { switchSchool } from '../../core/session.ts'
import { DomainError } from '../../core/errors.ts'
import './policy.ts'

export function schoolRoutes(r: Router): void {
  r.post('/school', 'school.switch', async (c) => {
    const form = await readForm(c, z.object({ schoolId: z.uuid() }))
    if (!form.ok) throw new DomainError(400, 'error.badRequest')
    authorize(c, 'school.switch', form.data.schoolId)
    await switchSchool(c.var.deps.db, c.var.principal!.sessionId, form.data.schoolId)
    return c.redirect('/home?notice=switched', 303)
  })
}
