/** @jsxImportSource hono/jsx */
// The pieces the staff and class pages share: name and address of someone being invited, the
// language choice, and the import's line-by-line errors.
import { LANGUAGES } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { Field, type FieldErrors } from '../../../core/http/render.tsx'
import { LANGUAGE_NAMES, type MessageKey } from '../../../core/i18n/index.ts'
import type { LineError } from '../commands/import.ts'

export const languageOptions = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))

/** Name and address of someone being invited: the same two fields everywhere. */
export function PersonFields({
  c,
  values,
  errors,
}: {
  c: Ctx
  values: Record<string, string | undefined>
  errors: FieldErrors
}) {
  return (
    <>
      <Field c={c} name="name" label="people.name" value={values.name} errors={errors} required />
      <Field
        c={c}
        name="email"
        type="email"
        label="people.email"
        value={values.email}
        errors={errors}
        required
      />
    </>
  )
}

/**
 * The import's errors as an error summary at the top of the page (GOV.UK's pattern), each
 * line a link to the list to correct, so nobody scrolls to find what went wrong.
 */
export function ImportErrors({ c, errors }: { c: Ctx; errors: LineError[] }) {
  const t = c.get('t')
  if (!errors.length) return null
  return (
    <div class="govuk-error-summary" role="alert" tabindex={-1}>
      <h2 class="govuk-error-summary__title">{t('import.failed', { count: errors.length })}</h2>
      <div class="govuk-error-summary__body">
        <ul class="govuk-list govuk-error-summary__list">
          {errors.slice(0, 200).map((e) => (
            <li>
              <a href="#f-csv">
                {t('import.lineError', {
                  line: e.line,
                  field: t(`import.field.${e.field}` as MessageKey),
                  message: t(e.key),
                })}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
