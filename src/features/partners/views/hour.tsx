/** @jsxImportSource hono/jsx */
// One spreekuur or inloop. A parent or teacher picks a free time and books it; no reason is
// asked, a topic may be added for the partner alone. The partner sees who comes and why (if
// told); the rest of the school sees only which times are taken.
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  ErrorSummary,
  type FieldErrors,
  SummaryList,
} from '../../../core/http/render.tsx'
import { formatStyled } from '../../../core/time.ts'
import type { HourDetail } from '../read/hour.ts'
import { Dutch, Expectations, span } from './parts.tsx'

export interface HourPageData {
  h: HourDetail
  may: { book: boolean; manage: boolean; withTeacher: boolean }
  values: Record<string, string | undefined>
  errors: FieldErrors
}

export function HourPage({ c, v }: { c: Ctx; v: HourPageData }) {
  const t = c.get('t')
  const { h } = v
  const lang = c.get('lang')
  const mine = h.slots.find((s) => s.booking?.mine)
  return (
    <>
      <p>
        <a href="/partners">{t('partners.back')}</a>
      </p>
      <h1>{t(`partners.hourTitle.${h.kind}`, { name: h.partnerName })}</h1>
      <SummaryList
        rows={[
          { key: t('partners.when'), value: span(c, h.startsAt, h.minutes) },
          { key: t('partners.where'), value: <Dutch>{h.place}</Dutch> },
          ...(h.job || h.organisation
            ? [
                {
                  key: t('partners.whoIs'),
                  value: <Dutch>{[h.job, h.organisation].filter(Boolean).join(', ')}</Dutch>,
                },
              ]
            : []),
          ...(h.about ? [{ key: t('partners.about'), value: <Dutch>{h.about}</Dutch> }] : []),
        ]}
      />
      <Expectations c={c} kind={h.kind} />
      {mine?.booking ? (
        <section aria-labelledby="yours">
          <h2 id="yours">
            {t('partners.yours', { time: formatStyled(lang, mine.startsAt, 'time') })}
          </h2>
          {mine.booking.withTeacher ? <p>{t('partners.withTeacherYes')}</p> : null}
          <p>
            <a href={`/partners/bookings/${mine.booking.id}/calendar.ics`}>
              {t('partners.toCalendar')}
            </a>
          </p>
          {mine.booking.mayCancel ? (
            <form method="post" action={`/partners/bookings/${mine.booking.id}/cancel`}>
              <CsrfField c={c} />
              <button type="submit" class="secondary">
                {t('partners.cancel')}
              </button>
            </form>
          ) : null}
        </section>
      ) : null}
      {v.may.book && !mine ? <BookForm c={c} v={v} /> : null}
      {h.kind === 'spreekuur' && (v.may.manage || !v.may.book) ? <Slots c={c} v={v} /> : null}
    </>
  )
}

function BookForm({ c, v }: { c: Ctx; v: HourPageData }) {
  const t = c.get('t')
  const lang = c.get('lang')
  const { h } = v
  const now = Date.now()
  const free = h.slots.filter((s) => !s.taken && s.startsAt.getTime() > now)
  const err = v.errors.slot
  return (
    <section aria-labelledby="book">
      <h2 id="book">{t('partners.bookTitle')}</h2>
      <form method="post" action={`/partners/hours/${h.id}/book`}>
        <CsrfField c={c} />
        <ErrorSummary c={c} errors={v.errors} />
        <fieldset class={err ? 'field invalid' : 'field'} id="f-slot">
          <legend>{t('partners.pickTime')}</legend>
          {err ? <p class="error">{t(err)}</p> : null}
          {free.map((s, i) => {
            const value = s.startsAt.toISOString()
            return (
              <label class="choice">
                <input
                  type="radio"
                  name="slot"
                  value={value}
                  checked={v.values.slot ? v.values.slot === value : i === 0}
                />{' '}
                {formatStyled(lang, s.startsAt, 'time')}
              </label>
            )
          })}
        </fieldset>
        <div class={v.errors.topic ? 'field invalid' : 'field'}>
          <label for="f-topic">{t('partners.topic')}</label>
          <p class="hint" id="f-topic-hint">
            {t('partners.topicHint', { name: h.partnerName })}
          </p>
          {v.errors.topic ? <p class="error">{t(v.errors.topic)}</p> : null}
          <textarea id="f-topic" name="topic" rows={3} aria-describedby="f-topic-hint">
            {v.values.topic ?? ''}
          </textarea>
        </div>
        {v.may.withTeacher ? (
          <label class="choice">
            <input
              type="checkbox"
              name="withTeacher"
              value="on"
              checked={v.values.withTeacher === 'on'}
            />{' '}
            {t('partners.withTeacher')}
          </label>
        ) : null}
        <button type="submit">{t('partners.bookButton')}</button>
      </form>
    </section>
  )
}

function Slots({ c, v }: { c: Ctx; v: HourPageData }) {
  const t = c.get('t')
  const lang = c.get('lang')
  return (
    <section aria-labelledby="slots">
      <h2 id="slots">{t('partners.slots')}</h2>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t('partners.time')}</th>
            <th scope="col">{t('partners.state')}</th>
          </tr>
        </thead>
        <tbody>
          {v.h.slots.map((s) => (
            <tr>
              <td data-label={t('partners.time')}>{formatStyled(lang, s.startsAt, 'time')}</td>
              <td data-label={t('partners.state')}>
                {!s.taken ? (
                  t('partners.free')
                ) : s.booking?.bookerName ? (
                  <>
                    {s.booking.bookerName}
                    {s.booking.withTeacher ? ` · ${t('partners.withTeacherShort')}` : ''}
                    {s.booking.topic ? (
                      <>
                        <br />
                        <span class="hint">
                          {t('partners.topicShort')} <span dir="auto">{s.booking.topic}</span>
                        </span>
                      </>
                    ) : null}
                    {s.booking.mayCancel && !s.booking.mine ? (
                      <form method="post" action={`/partners/bookings/${s.booking.id}/cancel`}>
                        <CsrfField c={c} />
                        <button type="submit" class="secondary small">
                          {t('partners.cancelFor')}
                        </button>
                      </form>
                    ) : null}
                  </>
                ) : (
                  t('partners.taken')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
