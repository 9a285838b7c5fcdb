/** @jsxImportSource hono/jsx */
// /surveys: the bevragingen I was asked, and for staff the school's. /surveys/new: plan one with
// the four steps. /surveys/:id: answer it (when asked and open), or its plan, progress, results
// and "jullie zeiden, wij doen". Close and feedback are the owner's or the director's.
import { z } from 'zod'
import { NotFound } from '../../core/errors.ts'
import type { Ctx } from '../../core/http/context.ts'
import { readForm } from '../../core/http/forms.ts'
import { type FieldErrors, page } from '../../core/http/render.tsx'
import { back, idParam, inSchool } from '../../core/http/router.ts'
import { type AppRouter, allowed, authorize } from '../../policies.ts'
import { answerSurvey, type GivenAnswer } from './commands/answer.ts'
import { closeSurvey, sendFeedback } from './commands/close.ts'
import { openSurvey } from './commands/open.ts'
import { questionsFor } from './questions.ts'
import { loadGroups } from './read/groups.ts'
import { loadAsked, loadSchoolSurveys } from './read/list.ts'
import { loadProgress, loadResults, loadTexts } from './read/results.ts'
import { loadSurvey, type SurveyDetail } from './read/survey.ts'
import { FeedbackInput, PlanInput } from './schema.ts'
import { AnswerForm } from './views/answer.tsx'
import { SurveysList } from './views/list.tsx'
import { PlanForm } from './views/plan.tsx'
import { SurveyPage } from './views/survey.tsx'

type Values = Record<string, string | undefined>

/** The answer form's fields: one per question, a scale step or words, all optional. */
const answerSchema = (s: SurveyDetail) =>
  z.object(
    Object.fromEntries(
      questionsFor(s.kind).map((q) => [
        `q_${q.key}`,
        q.type === 'scale'
          ? z.enum(['', '1', '2', '3', '4', '5']).optional()
          : z.string().trim().max(1000, 'surveys.form.tooLong').optional(),
      ]),
    ),
  )

async function planPage(
  c: Ctx,
  values: Record<string, string | string[] | undefined>,
  errors: FieldErrors,
  status: 200 | 400 = 200,
) {
  const p = inSchool(c)
  const groups = await loadGroups(c.var.deps.db, p.schoolId)
  return page(c, {
    title: c.var.t('surveys.new'),
    status,
    body: <PlanForm c={c} groups={groups} values={values} errors={errors} />,
  })
}

function answerPage(
  c: Ctx,
  s: SurveyDetail,
  values: Values = {},
  errors: FieldErrors = {},
  status: 200 | 400 = 200,
) {
  const side = s.record.side
  if (side === null) throw new NotFound()
  return page(c, {
    title: s.title,
    status,
    body: <AnswerForm c={c} s={s} side={side} values={values} errors={errors} />,
  })
}

async function surveyPage(
  c: Ctx,
  s: SurveyDetail,
  values: Values = {},
  errors: FieldErrors = {},
  status: 200 | 400 = 200,
) {
  const { db } = c.var.deps
  const mayAnswer = allowed(c, 'surveys.answer', s.record)
  const progress = allowed(c, 'surveys.seeProgress', s.record)
    ? await loadProgress(db, s.id, s.askTeam)
    : null
  const [results, texts] = await Promise.all([
    progress && allowed(c, 'surveys.seeResults', s.record)
      ? loadResults(db, s.id, s.kind, progress)
      : null,
    progress && allowed(c, 'surveys.seeTexts', s.record) ? loadTexts(db, s.id, progress) : null,
  ])
  return page(c, {
    title: s.title,
    status,
    body: (
      <SurveyPage
        c={c}
        v={{
          s,
          progress,
          results,
          texts,
          may: {
            answer: mayAnswer,
            close: allowed(c, 'surveys.close', s.record),
            feedback: allowed(c, 'surveys.feedback', s.record),
          },
          values,
          errors,
        }}
      />
    ),
  })
}

export function surveyRoutes(r: AppRouter): void {
  r.menu('/surveys', 'surveys.title', 'surveys.list')

  r.get('/surveys', 'surveys.list', async (c) => {
    const p = inSchool(c)
    const { db } = c.var.deps
    const staff = allowed(c, 'surveys.seeProgress', {
      schoolId: p.schoolId,
      ownerId: null,
      status: 'open',
      feedbackSent: false,
      side: null,
      answered: false,
    })
    const [asked, school] = await Promise.all([
      loadAsked(db, p.schoolId, p.personId),
      staff ? loadSchoolSurveys(db, p.schoolId) : null,
    ])
    return page(c, {
      title: c.var.t('surveys.title'),
      body: (
        <SurveysList c={c} asked={asked} school={school} canPlan={allowed(c, 'surveys.plan')} />
      ),
    })
  })

  r.get('/surveys/new', 'surveys.plan', (c) => planPage(c, {}, {}))

  r.post('/surveys/new', 'surveys.plan', async (c) => {
    const p = inSchool(c)
    const { db } = c.var.deps
    const form = await readForm(c, PlanInput)
    if (!form.ok) return planPage(c, form.values, form.errors, 400)
    const input = form.data
    if (input.audience === 'groups') {
      const kept = { ...input, team: input.team ? 'on' : undefined }
      if (!input.groups.length)
        return planPage(c, kept, { groups: 'surveys.form.groupsRequired' }, 400)
      const own = new Set((await loadGroups(db, p.schoolId)).map((g) => g.id))
      if (!input.groups.every((g) => own.has(g))) throw new NotFound()
    }
    const opened = await openSurvey(db, p.schoolId, p.personId, input)
    return back(c, `/surveys/${opened.id}`, 'surveyOpened')
  })

  r.get('/surveys/:id', 'surveys.list', async (c) => {
    const p = inSchool(c)
    const s = await loadSurvey(c.var.deps.db, p, idParam(c, 'id'))
    authorize(c, 'surveys.view', s.record)
    // A parent asked goes straight to the questions; staff see the overview, with a way to
    // answer when they are asked too.
    if (allowed(c, 'surveys.answer', s.record) && !allowed(c, 'surveys.seeProgress', s.record))
      return answerPage(c, s)
    return surveyPage(c, s)
  })

  r.get('/surveys/:id/answers', 'surveys.list', async (c) => {
    const p = inSchool(c)
    const s = await loadSurvey(c.var.deps.db, p, idParam(c, 'id'))
    authorize(c, 'surveys.answer', s.record)
    return answerPage(c, s)
  })

  r.post('/surveys/:id/answers', 'surveys.list', async (c) => {
    const p = inSchool(c)
    const { db } = c.var.deps
    const s = await loadSurvey(db, p, idParam(c, 'id'))
    authorize(c, 'surveys.answer', s.record)
    const form = await readForm(c, answerSchema(s))
    if (!form.ok) return answerPage(c, s, form.values as Values, form.errors, 400)
    const data = form.data as Record<string, string | undefined>
    const answers: GivenAnswer[] = questionsFor(s.kind).map((q) => {
      const v = data[`q_${q.key}`] ?? ''
      return q.type === 'scale'
        ? { question: q.key, scale: v ? Number(v) : null, answer: null }
        : { question: q.key, scale: null, answer: v || null }
    })
    await answerSurvey(db, s.id, p.personId, answers)
    return back(c, `/surveys/${s.id}`, 'surveyAnswered')
  })

  r.post('/surveys/:id/close', 'surveys.list', async (c) => {
    const p = inSchool(c)
    const { db } = c.var.deps
    const s = await loadSurvey(db, p, idParam(c, 'id'))
    authorize(c, 'surveys.close', s.record)
    await closeSurvey(db, p.schoolId, p.personId, s.id)
    return back(c, `/surveys/${s.id}`, 'surveyClosed')
  })

  r.post('/surveys/:id/feedback', 'surveys.list', async (c) => {
    const p = inSchool(c)
    const deps = c.var.deps
    const s = await loadSurvey(deps.db, p, idParam(c, 'id'))
    authorize(c, 'surveys.feedback', s.record)
    const form = await readForm(c, FeedbackInput)
    if (!form.ok) return surveyPage(c, s, form.values as Values, form.errors, 400)
    await sendFeedback(
      { db: deps.db, mailer: deps.mailer, baseUrl: deps.config.baseUrl },
      p.schoolId,
      p.personId,
      s.id,
      form.data,
    )
    return back(c, `/surveys/${s.id}`, 'surveyFeedback')
  })
}
