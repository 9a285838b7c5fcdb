/** @jsxImportSource hono/jsx */
// The host's pages: a circle's settings (facilitators from the register, places, open or
// closed), setting a new circle up with its season, and the facilitators register.
import { LANGUAGES } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty, ErrorSummary, Field, page, Select } from '../../../core/http/render.tsx'
import { LANGUAGE_NAMES, languageAside, type MessageKey } from '../../../core/i18n/index.ts'
import { formatWhen } from '../../../core/time.ts'
import { AGREEMENTS, agreementLabel, CIRCLE_KINDS, CONFIDENTIAL } from '../kinds.ts'
import type { NewCirclePage, RegisterPage } from '../read/host.ts'
import type { CirclePage } from '../read/member.ts'
import { RECURRENCES } from '../schedule.ts'
import type { FormState } from './join.tsx'

/** The groups a children's circle is for (groep 1..8): none ticked is every group. */
function Grades({ c, checked }: { c: Ctx; checked: readonly number[] }) {
  const t = c.get('t')
  return (
    <fieldset>
      <legend>{t('circles.grades')}</legend>
      <p class="hint">{t('circles.gradesHint')}</p>
      {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
        <label class="choice">
          <input type="checkbox" name="grades" value={String(n)} checked={checked.includes(n)} />{' '}
          {t('circles.grade', { n })}
        </label>
      ))}
    </fieldset>
  )
}

export function SettingsSection({ c, data }: { c: Ctx; data: CirclePage }) {
  const t = c.get('t')
  const { circle, register, facilitators } = data
  const base = `/circles/${circle.id}`
  return (
    <section>
      <h2>{t('circles.settings')}</h2>
      <form method="post" action={`${base}/settings`}>
        <CsrfField c={c} />
        <fieldset>
          <legend>{t('circles.facilitators')}</legend>
          {register.length ? (
            register.map((f) => (
              <label class="choice">
                <input
                  type="checkbox"
                  name="facilitators"
                  value={f.personId}
                  checked={facilitators.some((x) => x.id === f.personId)}
                />{' '}
                {f.name}
              </label>
            ))
          ) : (
            <Empty>{t('circles.registerEmpty')}</Empty>
          )}
        </fieldset>
        {circle.audience === 'child' ? <Grades c={c} checked={circle.grades ?? []} /> : null}
        <Field
          c={c}
          name="capacity"
          label="circles.capacity"
          value={String(circle.capacity)}
          inputmode="numeric"
        />
        <Select
          c={c}
          name="status"
          label="circles.statusLabel"
          value={circle.status}
          options={[
            { value: 'open', label: t('circles.isOpen') },
            { value: 'closed', label: t('circles.isClosed') },
          ]}
        />
        <button type="submit">{t('form.save')}</button>
      </form>
      <p>
        <a href={`${base}/join`}>{t('circles.publicPage')}</a> ·{' '}
        <a href={`${base}/poster.pdf`}>{t('circles.poster')}</a>
      </p>
    </section>
  )
}

export function newCircleView(c: Ctx, data: NewCirclePage, form: FormState = {}) {
  const t = c.get('t')
  const errors = form.errors ?? {}
  const v = form.values ?? {}
  return page(c, {
    title: t('circles.new'),
    status: form.status,
    body: (
      <>
        <h1>{t('circles.new')}</h1>
        <form method="post" action="/circles">
          <CsrfField c={c} />
          <ErrorSummary c={c} errors={errors} />
          <Field c={c} name="name" label="circles.name" errors={errors} value={v.name} required />
          <Select
            c={c}
            name="kind"
            label="circles.kind"
            errors={errors}
            value={v.kind ?? 'ouder'}
            options={CIRCLE_KINDS.map((k) => ({
              value: k,
              label: t(`circles.kind.${k}` as MessageKey),
            }))}
          />
          <Field
            c={c}
            name="kindLabel"
            label="circles.kindLabel"
            hint="circles.kindLabelHint"
            errors={errors}
            value={v.kindLabel}
          />
          <Select
            c={c}
            name="audience"
            label="circles.audience"
            value={v.audience ?? 'adult'}
            options={[
              { value: 'adult', label: t('circles.audience.adult') },
              { value: 'child', label: t('circles.audience.child') },
            ]}
          />
          <Grades c={c} checked={[]} />
          <Field
            c={c}
            name="place"
            label="circles.place"
            errors={errors}
            value={v.place}
            required
          />
          <Field
            c={c}
            name="capacity"
            label="circles.capacity"
            errors={errors}
            value={v.capacity ?? '10'}
            inputmode="numeric"
          />
          <fieldset id="f-languages">
            <legend>{t('circles.languages')}</legend>
            {errors.languages ? <p class="error">{t(errors.languages)}</p> : null}
            {LANGUAGES.map((l) => (
              <label class="choice">
                <input type="checkbox" name="languages" value={l} checked={l === 'nl'} />{' '}
                <span lang={l}>{LANGUAGE_NAMES[l]}</span>
                {languageAside(l, c.get('lang'))}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('circles.agreements')}</legend>
            <p class="hint">{t(agreementLabel(CONFIDENTIAL))}</p>
            {AGREEMENTS.map((a) => (
              <label class="choice">
                <input type="checkbox" name="agreements" value={a} checked /> {t(agreementLabel(a))}
              </label>
            ))}
          </fieldset>
          <fieldset id="f-facilitators">
            <legend>{t('circles.facilitators')}</legend>
            {errors.facilitators ? <p class="error">{t(errors.facilitators)}</p> : null}
            {data.register.length ? (
              data.register.map((f) => (
                <label class="choice">
                  <input type="checkbox" name="facilitators" value={f.personId} /> {f.name}
                </label>
              ))
            ) : (
              <Empty>{t('circles.registerEmpty')}</Empty>
            )}
          </fieldset>
          {data.municipal ? (
            <fieldset>
              <legend>{t('circles.schools')}</legend>
              {data.schools.map((s) => (
                <label class="choice">
                  <input
                    type="checkbox"
                    name="schools"
                    value={s.id}
                    checked={data.schoolIds.includes(s.id)}
                  />{' '}
                  {s.name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <h2>{t('circles.season')}</h2>
          <Field
            c={c}
            name="firstDate"
            label="circles.firstDate"
            hint="circles.dateHint"
            errors={errors}
            value={v.firstDate}
            required
          />
          <Field
            c={c}
            name="time"
            label="circles.time"
            errors={errors}
            value={v.time ?? '19:30'}
            required
          />
          <Field
            c={c}
            name="duration"
            label="circles.duration"
            errors={errors}
            value={v.duration ?? '90'}
            inputmode="numeric"
          />
          <Select
            c={c}
            name="recurrence"
            label="circles.recurrence"
            value={v.recurrence ?? 'fortnightly'}
            options={RECURRENCES.map((r) => ({
              value: r,
              label: t(`circles.recurrence.${r}` as MessageKey),
            }))}
          />
          <Field
            c={c}
            name="count"
            label="circles.count"
            errors={errors}
            value={v.count ?? '8'}
            inputmode="numeric"
          />
          <Field
            c={c}
            name="dates"
            label="circles.extraDates"
            hint="circles.extraDatesHint"
            errors={errors}
            value={v.dates}
          />
          <button type="submit">{t('circles.create')}</button>
        </form>
      </>
    ),
  })
}

export function registerView(c: Ctx, { register, staff }: RegisterPage, form: FormState = {}) {
  const t = c.get('t')
  const errors = form.errors ?? {}
  return page(c, {
    title: t('circles.register'),
    status: form.status,
    body: (
      <>
        <h1>{t('circles.register')}</h1>
        <p>{t('circles.registerIntro')}</p>
        {register.length ? (
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('circles.training')}</th>
                <th scope="col">{t('circles.trainedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {register.map((f) => (
                <tr>
                  <td data-label={t('people.name')}>{f.name}</td>
                  <td data-label={t('circles.training')}>{f.training}</td>
                  <td data-label={t('circles.trainedOn')}>
                    {formatWhen(c.get('lang'), f.trained_on, false)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>{t('circles.registerEmpty')}</Empty>
        )}
        <h2>{t('circles.registerAdd')}</h2>
        <form method="post" action="/circles/facilitators">
          <CsrfField c={c} />
          <ErrorSummary c={c} errors={errors} />
          <Select
            c={c}
            name="personId"
            label="people.name"
            errors={errors}
            options={staff.map((s) => ({ value: s.id, label: s.name }))}
          />
          <Field c={c} name="training" label="circles.training" errors={errors} required />
          <Field
            c={c}
            name="trainedOn"
            label="circles.trainedOn"
            hint="circles.dateHint"
            errors={errors}
            required
          />
          <button type="submit">{t('form.save')}</button>
        </form>
      </>
    ),
  })
}
