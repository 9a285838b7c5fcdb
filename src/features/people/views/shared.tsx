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

export function ImportErrors({ c, errors }: { c: Ctx; errors: LineError[] }) {
  const t = c.get('t')
  if (!errors.length) return null
  return (
    <div class="errors" role="alert">
      <h2>{t('import.failed', { count: errors.length })}</h2>
      <ul>
        {errors.slice(0, 200).map((e) => (
          <li>
            {t('import.lineError', {
              line: e.line,
              field: t(`import.field.${e.field}` as MessageKey),
              message: t(e.key),
            })}
          </li>
        ))}
      </ul>
    </div>
  )
}
