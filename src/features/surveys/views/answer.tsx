/** @jsxImportSource hono/jsx */
// Answering a bevraging, on a phone, in the parent's language: first what the school will do
// with the answers and that no name is kept with them (reassure first, seed 003, L799–803),
// then the questions. A scale is five plain words; "I don't know" is always an answer.
import type { SurveySide } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, ErrorSummary, type FieldErrors } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { questionKey, questionsFor, SCALE } from '../questions.ts'
import type { SurveyDetail } from '../read/survey.ts'

export function AnswerForm({
  c,
  s,
  side,
  values,
  errors,
}: {
  c: Ctx
  s: SurveyDetail
  side: SurveySide
  values: Record<string, string | undefined>
  errors: FieldErrors
}) {
  const t = c.get('t')
  return (
    <>
      <p>
        <a href="/surveys">{t('surveys.back')}</a>
      </p>
      <h1 lang="nl" dir="ltr">
        {s.title}
      </h1>
      <div class="reassure">
        <h2>{t('surveys.answer.why')}</h2>
        <p lang="nl" dir="ltr">
          {s.purpose}
        </p>
        {c.get('lang') === 'nl' ? null : <p class="hint">{t('surveys.mail.dutch')}</p>}
        <p>{t(`surveys.answer.askedBy.${s.asker}` as MessageKey)}</p>
        <p>{t('surveys.answer.anonymous')}</p>
      </div>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action={`/surveys/${s.id}/answers`} novalidate>
        <CsrfField c={c} />
        {questionsFor(s.kind).map((q) => {
          const name = `q_${q.key}`
          const label = t(questionKey(s.kind, q, side) as MessageKey)
          const err = errors[name]
          return q.type === 'scale' ? (
            <fieldset class={err ? 'field invalid scale' : 'field scale'} id={`f-${name}`}>
              <legend>{label}</legend>
              {err ? <p class="error">{t(err)}</p> : null}
              {SCALE.map((v) => (
                <label class="choice">
                  <input
                    type="radio"
                    name={name}
                    value={String(v)}
                    checked={values[name] === String(v)}
                  />{' '}
                  {t(`surveys.scale.${v}` as MessageKey)}
                </label>
              ))}
              <label class="choice">
                <input type="radio" name={name} value="" checked={!values[name]} />{' '}
                {t('surveys.scale.none')}
              </label>
            </fieldset>
          ) : (
            <div class={err ? 'field invalid' : 'field'}>
              <label for={`f-${name}`}>{label}</label>
              {err ? <p class="error">{t(err)}</p> : null}
              <textarea id={`f-${name}`} name={name} rows={3}>
                {values[name] ?? ''}
              </textarea>
            </div>
          )
        })}
        <p class="hint">{t('surveys.answer.ownLanguage')}</p>
        <div class="actions">
          <button type="submit">{t('surveys.answer.send')}</button>
        </div>
      </form>
    </>
  )
}
