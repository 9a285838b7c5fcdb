/** @jsxImportSource hono/jsx */
// /school/calendar: the school's holiday region, the days off it adds, and the holidays of
// the coming year that planning a circle's season skips. Renders loaded data only.
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  DateField,
  Empty,
  ErrorSummary,
  Field,
  type FieldErrors,
  Select,
} from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatStyled, schoolTime } from '../../../core/time.ts'
import type { DayOff } from '../calendar.ts'
import { HOLIDAY_REGIONS, NL_LISTED_SCHOOL_YEARS } from '../holidays.ts'
import type { CalendarPage } from '../read/calendar.ts'

/** The add form's errors and values, kept when it comes back with status 400. */
export interface CalendarForm {
  errors?: FieldErrors
  values?: Record<string, string>
}

export const regionLabel = (region: string): MessageKey => `schools.region.${region}` as MessageKey
const holidayLabel = (code: string): MessageKey => `schools.holiday.${code}` as MessageKey

function When({ c, d }: { c: Ctx; d: DayOff }) {
  const lang = c.get('lang')
  const show = (date: string) => formatStyled(lang, schoolTime(date, '12:00'), 'day')
  // Each date is isolated (<bdi>): in Arabic a date's digits and slashes would otherwise join
  // the neighbouring Latin label and come out in the wrong order.
  return d.start === d.end ? (
    <bdi>
      <time datetime={d.start}>{show(d.start)}</time>
    </bdi>
  ) : (
    <>
      <bdi>
        <time datetime={d.start}>{show(d.start)}</time>
      </bdi>
      {` ${c.get('t')('schools.until')} `}
      <bdi>
        <time datetime={d.end}>{show(d.end)}</time>
      </bdi>
    </>
  )
}

function RegionForm({ c, v }: { c: Ctx; v: CalendarPage }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="h-region">
      <h2 id="h-region">{t('schools.regionTitle')}</h2>
      <p>{t('schools.regionIntro')}</p>
      <form method="post" action="/school/calendar/region">
        <CsrfField c={c} />
        <Select
          c={c}
          name="region"
          label="schools.region"
          value={v.region ?? ''}
          options={[
            ...(v.region ? [] : [{ value: '', label: t('form.choose') }]),
            ...HOLIDAY_REGIONS.map((r) => ({ value: r, label: t(regionLabel(r)) })),
          ]}
        />
        <button type="submit">{t('form.save')}</button>
      </form>
    </section>
  )
}

function OwnDaysOff({ c, v, f }: { c: Ctx; v: CalendarPage; f: CalendarForm }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="h-own">
      <h2 id="h-own">{t('schools.ownTitle')}</h2>
      {v.own.length ? (
        <ul class="rows">
          {v.own.map((d) =>
            d.kind === 'own' ? (
              <li>
                <strong>
                  <bdi>{d.label}</bdi>
                </strong>
                : <When c={c} d={d} />
                <form
                  method="post"
                  action={`/school/calendar/days-off/${d.id}/remove`}
                  class="inline"
                >
                  <CsrfField c={c} />
                  <button
                    type="submit"
                    class="secondary"
                    aria-label={`${t('schools.remove')}: ${d.label}`}
                  >
                    {t('schools.remove')}
                  </button>
                </form>
              </li>
            ) : null,
          )}
        </ul>
      ) : (
        <Empty>{t('schools.ownEmpty')}</Empty>
      )}
      <h3 id="h-add">{t('schools.addTitle')}</h3>
      <form method="post" action="/school/calendar/days-off" novalidate>
        <CsrfField c={c} />
        <ErrorSummary c={c} errors={f.errors ?? {}} />
        <DateField
          c={c}
          name="start"
          label="schools.start"
          values={f.values}
          errors={f.errors}
          hint="form.dateHint"
        />
        <DateField
          c={c}
          name="end"
          label="schools.end"
          values={f.values}
          errors={f.errors}
          hint="schools.endHint"
        />
        <Field
          c={c}
          name="label"
          label="schools.label"
          hint="schools.labelHint"
          value={f.values?.label}
          errors={f.errors}
        />
        <button type="submit">{t('schools.add')}</button>
      </form>
    </section>
  )
}

function Official({ c, v }: { c: Ctx; v: CalendarPage }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="h-official">
      <h2 id="h-official">{t('schools.officialTitle')}</h2>
      {v.region === null ? (
        <Empty>{t('schools.officialNoRegion')}</Empty>
      ) : (
        <>
          <p>
            {t(v.region === 'vlaanderen' ? 'schools.officialIntroBe' : 'schools.officialIntroNl', {
              years: NL_LISTED_SCHOOL_YEARS.join(', '),
            })}
          </p>
          <ul class="rows">
            {v.official.map((d) => (
              <li>
                <strong>{d.kind === 'official' ? t(holidayLabel(d.code)) : ''}</strong>:{' '}
                <When c={c} d={d} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

export function CalendarBody({ c, v, f }: { c: Ctx; v: CalendarPage; f: CalendarForm }) {
  const t = c.get('t')
  return (
    <>
      <h1>{t('schools.calendarTitle')}</h1>
      <p>{t('schools.calendarIntro')}</p>
      <RegionForm c={c} v={v} />
      <OwnDaysOff c={c} v={v} f={f} />
      <Official c={c} v={v} />
    </>
  )
}
