// Running a circle (its facilitators, or the convener of an autonomous one): deciding on
// places, the season's meetings and the meeting screen, the evaluations, and (facilitators
// only) handing an adult circle over to a participant convener.
import { serviceDeps } from '../../../core/http/context.ts'
import { readForm, requireForm } from '../../../core/http/forms.ts'
import { back, idParam, policyEnv, signedIn } from '../../../core/http/router.ts'
import type { AppRouter } from '../../../policies.ts'
import { closeEvaluation, openEvaluation } from '../commands/evaluations.ts'
import { addMeeting, cancelMeeting, closeMeeting, openMeeting } from '../commands/meetings.ts'
import { decide } from '../commands/places.ts'
import { setAutonomy } from '../commands/setup.ts'
import { loadCirclePage } from '../read/member.ts'
import { loadMeetingPage } from '../read/runner.ts'
import { AttendanceInput, AutonomyInput, DecideInput, MeetingInput, Nothing } from '../schema.ts'
import { circleView } from '../views/circle.tsx'
import { meetingView } from '../views/runner.tsx'
import { circleFor } from './common.ts'

export function runnerRoutes(r: AppRouter): void {
  r.post('/circles/:id/autonomy', 'circles.hand-over', async (c) => {
    const { circle } = await circleFor(c, 'circles.hand-over')
    const input = await requireForm(c, AutonomyInput)
    await setAutonomy(c.get('deps').db, circle, input, signedIn(c).personId)
    return back(c, `/circles/${circle.id}`, 'saved')
  })
  r.post('/circles/:id/members/:mid/decide', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    const { decision } = await requireForm(c, DecideInput)
    await decide(serviceDeps(c), circle, idParam(c, 'mid'), decision, signedIn(c).personId)
    return back(c, `/circles/${circle.id}`, 'decided')
  })
  r.post('/circles/:id/meetings', 'circles.facilitate', async (c) => {
    const loaded = await circleFor(c, 'circles.facilitate')
    const { circle } = loaded
    const form = await readForm(c, MeetingInput)
    if (!form.ok) {
      // The circle's page again, with what was typed and what to fix: nothing is lost.
      const d = c.get('deps')
      const data = await loadCirclePage(d.db, signedIn(c), policyEnv(c), d.secret, loaded)
      return circleView(c, data, { meeting: form })
    }
    await addMeeting(c.get('deps').db, circle.id, form.data)
    return back(c, `/circles/${circle.id}`, 'saved')
  })
  r.get('/circles/:id/meetings/:mid', 'circles.facilitate', async (c) => {
    const loaded = await circleFor(c, 'circles.facilitate')
    const db = c.get('deps').db
    const data = await loadMeetingPage(db, signedIn(c), policyEnv(c), loaded, idParam(c, 'mid'))
    return meetingView(c, data)
  })
  r.post('/circles/:id/meetings/:mid/open', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    const mid = idParam(c, 'mid')
    await requireForm(c, Nothing)
    await openMeeting(c.get('deps').db, circle.id, mid)
    return back(c, `/circles/${circle.id}/meetings/${mid}`, 'meetingOpened')
  })
  r.post('/circles/:id/meetings/:mid/close', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    const { present } = await requireForm(c, AttendanceInput)
    await closeMeeting(c.get('deps').db, circle.id, idParam(c, 'mid'), present)
    return back(c, `/circles/${circle.id}`, 'meetingClosed')
  })
  r.post('/circles/:id/meetings/:mid/cancel', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    await requireForm(c, Nothing)
    await cancelMeeting(c.get('deps').db, circle.id, idParam(c, 'mid'))
    return back(c, `/circles/${circle.id}`, 'saved')
  })
  r.post('/circles/:id/evaluations', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    await requireForm(c, Nothing)
    await openEvaluation(c.get('deps').db, circle.id)
    return back(c, `/circles/${circle.id}`, 'evaluationOpened')
  })
  r.post('/circles/:id/evaluations/:eid/close', 'circles.facilitate', async (c) => {
    const { circle } = await circleFor(c, 'circles.facilitate')
    await requireForm(c, Nothing)
    await closeEvaluation(c.get('deps').db, circle.id, idParam(c, 'eid'))
    return back(c, `/circles/${circle.id}`, 'evaluationClosed')
  })
}
