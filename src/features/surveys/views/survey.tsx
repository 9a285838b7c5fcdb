/** @jsxImportSource hono/jsx */
// One bevraging: its plan, and for whoever may see it how many answered, the results side by
// side (parents and team; a group under five shows nothing), the words parents wrote (owner
// only, never with a name) and "jullie zeiden, wij doen", which every respondent reads here too.
import type { SurveySide } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  SummaryList,
} from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatStyled } from '../../../core/time.ts'
import { MIN_GROUP, questionKey, questionsFor, SCALE } from '../questions.ts'
import type { Progress, QuestionResult, ScaleResult } from '../read/results.ts'
import type { SurveyDetail } from '../read/survey.ts'

export interface SurveyView {
  s: SurveyDetail
  progress: Progress | null
  results: QuestionResult[] | null
  texts: { side: SurveySide; question: string; answers: string[] }[] | null
  may: { answer: boolean; close: boolean; feedback: boolean }
  values: Record<string, string | undefined>
  errors: FieldErrors
}

function Score({ c, r }: { c: Ctx; r: ScaleResult | null }) {
  const t = c.get('t')
  if (!r) return <span class="hint">{t('surveys.results.tooFew', { n: MIN_GROUP })}</span>
  const mean = new Intl.NumberFormat(c.get('lang'), { maximumFractionDigits: 1 }).format(r.mean)
  return (
    <>
      <strong>{t('surveys.results.mean', { mean })}</strong>
      <br />
      <span class="hint">
        {t('surveys.results.n', { n: r.n })}:{' '}
        {SCALE.map((v, i) => `${t(`surveys.scale.${v}` as MessageKey)} ${r.counts[i]}`).join(' · ')}
      </span>
    </>
  )
}

export function SurveyPage({ c, v }: { c: Ctx; v: SurveyView }) {
  const t = c.get('t')
  const lang = c.get('lang')
  const { s } = v
  const side = s.record.side
  return (
    <>
      <p>
        <a href="/surveys">{t('surveys.back')}</a>
      </p>
      <h1 lang="nl" dir="ltr">
        {s.title}
      </h1>
      {side !== null && s.record.answered ? <p>{t('surveys.answer.thanks')}</p> : null}
      {v.may.answer ? (
        <p>
          <a class="button" href={`/surveys/${s.id}/answers`}>
            {t('surveys.answer.start')}
          </a>
        </p>
      ) : null}
      {side !== null && !s.record.answered && s.status === 'closed' ? (
        <p>{t('surveys.answer.closed')}</p>
      ) : null}
      {s.feedback ? (
        <section aria-labelledby="feedback" class="feedback">
          <h2 id="feedback">{t('surveys.feedback.title')}</h2>
          {lang === 'nl' ? null : <p class="hint">{t('surveys.mail.dutch')}</p>}
          <h3>{t('surveys.feedback.do')}</h3>
          <p lang="nl" dir="ltr" class="message-text">
            {s.feedback.do}
          </p>
          {s.feedback.not ? (
            <>
              <h3>{t('surveys.feedback.not')}</h3>
              <p lang="nl" dir="ltr" class="message-text">
                {s.feedback.not}
              </p>
            </>
          ) : null}
          <p class="hint">{formatStyled(lang, s.feedback.at, 'day')}</p>
        </section>
      ) : null}
      <SummaryList
        rows={[
          { key: t('surveys.field.kind'), value: t(`surveys.kind.${s.kind}` as MessageKey) },
          { key: t('surveys.field.asker'), value: t(`surveys.asker.${s.asker}` as MessageKey) },
          {
            key: t('surveys.field.audience'),
            value: s.audience === 'school' ? t('surveys.audience.school') : s.groups.join(', '),
          },
          {
            key: t('surveys.field.purpose'),
            value: (
              <span lang="nl" dir="ltr">
                {s.purpose}
              </span>
            ),
          },
          {
            key: t('surveys.status'),
            value: s.status === 'open' ? t('surveys.state.open') : t('surveys.state.closed'),
          },
        ]}
      />
      {v.progress ? (
        <section aria-labelledby="progress">
          <h2 id="progress">{t('surveys.progress')}</h2>
          <p>
            {t('surveys.parents')}: {t('surveys.answeredOf', v.progress.parents)}
          </p>
          <p>
            {t('surveys.team')}:{' '}
            {v.progress.team ? t('surveys.answeredOf', v.progress.team) : t('surveys.teamNotAsked')}
          </p>
        </section>
      ) : null}
      {v.may.close ? (
        <form method="post" action={`/surveys/${s.id}/close`}>
          <CsrfField c={c} />
          <p class="hint">{t('surveys.close.hint')}</p>
          <button type="submit">{t('surveys.close')}</button>
        </form>
      ) : null}
      {v.results ? (
        <section aria-labelledby="results">
          <h2 id="results">{t('surveys.results')}</h2>
          <p class="hint">{t('surveys.results.hint', { n: MIN_GROUP })}</p>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t('surveys.results.question')}</th>
                <th scope="col">{t('surveys.parents')}</th>
                {s.askTeam ? <th scope="col">{t('surveys.team')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {v.results
                .filter((r) => r.type === 'scale')
                .map((r) => (
                  <tr>
                    <th scope="row" data-label={t('surveys.results.question')}>
                      {t(`survey.q.${s.kind}.${r.key}` as MessageKey)}
                    </th>
                    <td data-label={t('surveys.parents')}>
                      <Score c={c} r={r.parents} />
                    </td>
                    {s.askTeam ? (
                      <td data-label={t('surveys.team')}>
                        <Score c={c} r={r.team} />
                      </td>
                    ) : null}
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {v.texts ? (
        <section aria-labelledby="texts">
          <h2 id="texts">{t('surveys.texts')}</h2>
          <p class="hint">{t('surveys.texts.hint')}</p>
          {v.texts.length ? (
            v.texts.map((group) => {
              const q = questionsFor(s.kind).find((x) => x.key === group.question)
              if (!q) return null
              return (
                <>
                  <h3>
                    {t(questionKey(s.kind, q, group.side) as MessageKey)} (
                    {t(group.side === 'parents' ? 'surveys.parents' : 'surveys.team')})
                  </h3>
                  <ul>
                    {group.answers.map((a) => (
                      <li>
                        <q>{a}</q>
                      </li>
                    ))}
                  </ul>
                </>
              )
            })
          ) : (
            <p>{t('surveys.texts.none', { n: MIN_GROUP })}</p>
          )}
        </section>
      ) : null}
      {v.may.feedback ? (
        <section aria-labelledby="give-feedback">
          <h2 id="give-feedback">{t('surveys.feedback.title')}</h2>
          <p>{t('surveys.feedback.intro')}</p>
          <ErrorSummary c={c} errors={v.errors} />
          <form method="post" action={`/surveys/${s.id}/feedback`} novalidate>
            <CsrfField c={c} />
            <div class={v.errors.do ? 'field invalid' : 'field'}>
              <label for="f-do">{t('surveys.feedback.do')}</label>
              {v.errors.do ? <p class="error">{t(v.errors.do)}</p> : null}
              <textarea id="f-do" name="do" rows={5}>
                {v.values.do ?? ''}
              </textarea>
            </div>
            <div class="field">
              <label for="f-not">{t('surveys.feedback.not')}</label>
              <p class="hint" id="f-not-hint">
                {t('surveys.feedback.notHint')}
              </p>
              <textarea id="f-not" name="not" rows={4} aria-describedby="f-not-hint">
                {v.values.not ?? ''}
              </textarea>
            </div>
            <button type="submit">{t('surveys.feedback.send')}</button>
          </form>
        </section>
      ) : null}
    </>
  )
}
