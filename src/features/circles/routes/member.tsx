// A person's circles: the list, a circle's page (what it shows depends on who asks, through
// the policy, in read/member.ts), giving a place back, a topic, an evaluation answer.
import { DomainError, NotFound } from '../../../core/errors.ts'
import { readForm, requireForm } from '../../../core/http/forms.ts'
import { back, idParam, policyEnv, signedIn } from '../../../core/http/router.ts'
import { type AppRouter, allowed } from '../../../policies.ts'
import { answerEvaluation } from '../commands/evaluations.ts'
import { proposeTopic } from '../commands/meetings.ts'
import { leave } from '../commands/places.ts'
import { loadCirclePage, loadListPage, myPlaces } from '../read/member.ts'
import { EvaluationInput, LeaveInput, TopicInput } from '../schema.ts'
import { circleView } from '../views/circle.tsx'
import { listView } from '../views/list.tsx'
import { circleFor } from './common.ts'

export function memberRoutes(r: AppRouter): void {
  r.get('/circles', 'circles.list', async (c) => {
    const p = signedIn(c)
    const d = c.get('deps')
    return listView(
      c,
      await loadListPage(d.db, p, policyEnv(c), d.secret),
      allowed(c, 'circles.manage'),
    )
  })

  r.get('/circles/:id', 'circles.view', async (c) => {
    const d = c.get('deps')
    const loaded = await circleFor(c, 'circles.view')
    return circleView(c, await loadCirclePage(d.db, signedIn(c), policyEnv(c), d.secret, loaded))
  })

  r.post('/circles/:id/leave', 'circles.list', async (c) => {
    const { memberId } = await requireForm(c, LeaveInput)
    await leave(c.get('deps').db, idParam(c, 'id'), signedIn(c).personId, memberId)
    return back(c, '/circles', 'left')
  })

  r.post('/circles/:id/meetings/:mid/topics', 'circles.take-part', async (c) => {
    const db = c.get('deps').db
    const { circle } = await circleFor(c, 'circles.take-part')
    const form = await readForm(c, TopicInput)
    if (!form.ok) throw new DomainError(400, 'circles.topicNeeded')
    const places = await myPlaces(db, circle.id, signedIn(c).personId)
    const mine = places.find((x) => x.status === 'confirmed')
    if (!mine) throw new NotFound()
    await proposeTopic(
      db,
      circle.id,
      idParam(c, 'mid'),
      form.data.anonymous ? null : mine.id,
      form.data.topic,
    )
    return back(c, `/circles/${circle.id}`, 'topicAdded')
  })

  r.post('/circles/:id/evaluations/:eid/answer', 'circles.take-part', async (c) => {
    const { circle } = await circleFor(c, 'circles.take-part')
    const scores = await requireForm(c, EvaluationInput)
    await answerEvaluation(
      c.get('deps').db,
      circle.id,
      idParam(c, 'eid'),
      signedIn(c).personId,
      scores,
    )
    return back(c, `/circles/${circle.id}`, 'answered')
  })
}
