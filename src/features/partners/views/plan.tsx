/** @jsxImportSource hono/jsx */
// /partners/new: a partner puts hours at this school on the schedule: a spreekuur (times to
// book, one family at a time) or an inloop (a walk-in morning for a group), once or as a series
// that skips the school's holidays and days off.

import { HOUR_KINDS } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  DateField,
  ErrorSummary,
  Field,
  type FieldErrors,
  Select,
} from '../../../core/http/render.tsx'
import { PARTNER_RECURRENCES } from '../schema.ts'

export function PlanForm({
  c,
  values,
  errors,
}: {
  c: Ctx
  values: Record<string, string | undefined>
  errors: FieldErrors
}) {
  const t = c.get('t')
  return (
    <>
      <p>
        <a href="/partners">{t('partners.back')}</a>
      </p>
      <h1>{t('partners.addHours')}</h1>
      <p>{t('partners.planIntro')}</p>
      <form method="post" action="/partners/new">
        <CsrfField c={c} />
        <ErrorSummary c={c} errors={errors} />
        <fieldset class={errors.kind ? 'field invalid' : 'field'} id="f-kind">
          <legend>{t('partners.form.kind')}</legend>
          {errors.kind ? <p class="error">{t(errors.kind)}</p> : null}
          {HOUR_KINDS.map((k) => (
            <label class="choice">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={(values.kind ?? 'spreekuur') === k}
              />{' '}
              {t(`partners.kind.${k}`)} — <span class="hint">{t(`partners.kindHint.${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <DateField
          c={c}
          name="firstDate"
          label="partners.form.firstDate"
          values={values}
          errors={errors}
        />
        <Field
          c={c}
          name="time"
          label="partners.form.timeLabel"
          hint="form.timeHint"
          value={values.time ?? '13.30'}
          errors={errors}
        />
        <Field
          c={c}
          name="minutes"
          label="partners.form.minutesLabel"
          value={values.minutes ?? '120'}
          errors={errors}
          inputmode="numeric"
        />
        <Field
          c={c}
          name="slotMinutes"
          label="partners.form.slotMinutesLabel"
          hint="partners.form.slotMinutesHint"
          value={values.slotMinutes ?? '30'}
          errors={errors}
          inputmode="numeric"
        />
        <Select
          c={c}
          name="recurrence"
          label="partners.form.recurrenceLabel"
          value={values.recurrence ?? 'monthly'}
          errors={errors}
          options={PARTNER_RECURRENCES.map((r) => ({
            value: r,
            label: t(`partners.recurrence.${r}`),
          }))}
        />
        <Field
          c={c}
          name="count"
          label="partners.form.countLabel"
          value={values.count ?? '6'}
          errors={errors}
          inputmode="numeric"
        />
        <Field
          c={c}
          name="place"
          label="partners.form.placeLabel"
          value={values.place ?? ''}
          errors={errors}
        />
        <button type="submit">{t('partners.form.submit')}</button>
      </form>
    </>
  )
}
