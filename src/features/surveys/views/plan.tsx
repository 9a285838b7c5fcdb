/** @jsxImportSource hono/jsx */
// Planning a bevraging with the seed's four steps (seed 003, L815–820): what you ask, how, who
// asks, and what you will tell back. "Ask only about what you will act on" (L1274) and the
// "wie bevraagt?" self-check (L977–1011) stand beside the choices.
import { SURVEY_ASKERS, SURVEY_KINDS } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'

const SELF_CHECK = [1, 2, 3, 4, 5, 6, 7, 8]

export function PlanForm({
  c,
  groups,
  values: v,
  errors,
}: {
  c: Ctx
  groups: { id: string; name: string }[]
  values: Record<string, string | string[] | undefined>
  errors: FieldErrors
}) {
  const t = c.get('t')
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined)
  const chosen = new Set([v.groups ?? []].flat())
  const kind = str('kind') ?? 'newParents'
  const audience = str('audience') ?? 'school'
  // A first visit asks the team too; a sent form keeps what was chosen.
  const team = v.kind === undefined ? true : str('team') === 'on'
  return (
    <>
      <p>
        <a href="/surveys">{t('surveys.back')}</a>
      </p>
      <h1>{t('surveys.new')}</h1>
      <p>{t('surveys.plan.intro')}</p>
      <ErrorSummary c={c} errors={errors} />
      <form method="post" action="/surveys/new" novalidate>
        <CsrfField c={c} />
        <h2>{t('surveys.plan.what')}</h2>
        <fieldset class={errors.kind ? 'field invalid' : 'field'} id="f-kind">
          <legend>{t('surveys.field.kind')}</legend>
          {errors.kind ? <p class="error">{t(errors.kind)}</p> : null}
          {SURVEY_KINDS.map((k) => (
            <label class="choice">
              <input type="radio" name="kind" value={k} checked={kind === k} />{' '}
              <span>
                {t(`surveys.kind.${k}` as MessageKey)}
                <br />
                <span class="hint">{t(`surveys.kind.${k}.hint` as MessageKey)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field
          c={c}
          name="title"
          label="surveys.field.title"
          value={str('title')}
          errors={errors}
        />
        <p class="hint">{t('surveys.plan.scope')}</p>
        <h2>{t('surveys.plan.how')}</h2>
        <p>{t('surveys.plan.howText')}</p>
        <fieldset class={errors.audience ? 'field invalid' : 'field'} id="f-audience">
          <legend>{t('surveys.field.audience')}</legend>
          {errors.audience ? <p class="error">{t(errors.audience)}</p> : null}
          <label class="choice">
            <input type="radio" name="audience" value="school" checked={audience === 'school'} />{' '}
            {t('surveys.audience.school')}
          </label>
          <label class="choice">
            <input type="radio" name="audience" value="groups" checked={audience === 'groups'} />{' '}
            {t('surveys.audience.groups')}
          </label>
          <div class="conditional" id="f-groups">
            {errors.groups ? <p class="error">{t(errors.groups)}</p> : null}
            {groups.map((g) => (
              <label class="choice">
                <input type="checkbox" name="groups" value={g.id} checked={chosen.has(g.id)} />{' '}
                {g.name}
              </label>
            ))}
          </div>
        </fieldset>
        <label class="choice">
          <input type="checkbox" name="team" value="on" checked={team} /> {t('surveys.field.team')}
        </label>
        <p class="hint">{t('surveys.plan.teamHint')}</p>
        <h2>{t('surveys.plan.who')}</h2>
        <details>
          <summary>{t('surveys.selfCheck.title')}</summary>
          <ol>
            {SELF_CHECK.map((n) => (
              <li>{t(`surveys.selfCheck.${n}` as MessageKey)}</li>
            ))}
          </ol>
          <p class="hint">{t('surveys.selfCheck.finding')}</p>
        </details>
        <fieldset class={errors.asker ? 'field invalid' : 'field'} id="f-asker">
          <legend>{t('surveys.field.asker')}</legend>
          {errors.asker ? <p class="error">{t(errors.asker)}</p> : null}
          {SURVEY_ASKERS.map((a) => (
            <label class="choice">
              <input type="radio" name="asker" value={a} checked={str('asker') === a} />{' '}
              {t(`surveys.asker.${a}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <h2>{t('surveys.plan.feedback')}</h2>
        <div class={errors.purpose ? 'field invalid' : 'field'}>
          <label for="f-purpose">{t('surveys.field.purpose')}</label>
          <p class="hint" id="f-purpose-hint">
            {t('surveys.field.purposeHint')}
          </p>
          {errors.purpose ? <p class="error">{t(errors.purpose)}</p> : null}
          <textarea id="f-purpose" name="purpose" rows={4} aria-describedby="f-purpose-hint">
            {str('purpose') ?? ''}
          </textarea>
        </div>
        <div class="actions">
          <button type="submit">{t('surveys.plan.open')}</button>
        </div>
      </form>
    </>
  )
}
