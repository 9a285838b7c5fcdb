/** @jsxImportSource hono/jsx */
// What those who run a circle see: the sign-ups to decide on, the season with attendance, a
// meeting to add, the hand-over to a convener, the evaluations; and the meeting screen.
import type { Language } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  DateField,
  Empty,
  ErrorSummary,
  Field,
  type FieldErrors,
  page,
  Select,
} from '../../../core/http/render.tsx'
import { formatDecimal, type MessageKey, translator } from '../../../core/i18n/index.ts'
import { K_ANONYMITY, PILLARS, pillarLabel } from '../kinds.ts'
import type { CirclePage } from '../read/member.ts'
import type { MeetingPage } from '../read/runner.ts'
import { Agreements, statusLabel, when } from './parts.tsx'

const meetingLabel = (status: string) => `circles.meeting.${status}` as MessageKey

function Signups({ c, data }: { c: Ctx; data: CirclePage }) {
  const t = c.get('t')
  const base = `/circles/${data.circle.id}`
  return (
    <section>
      <h2>{t('circles.signups')}</h2>
      {data.waiting.length ? (
        <ul class="rows">
          {data.waiting.map((m) => (
            <li>
              {m.firstName} <span class="muted">{t(statusLabel(m.status))}</span>
              <form method="post" action={`${base}/members/${m.id}/decide`} class="inline">
                <CsrfField c={c} />
                <button type="submit" name="decision" value="confirm">
                  {t('circles.confirm')}
                </button>
                <button type="submit" name="decision" value="decline" class="secondary">
                  {t('circles.decline')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('circles.signupsEmpty')}</Empty>
      )}
    </section>
  )
}

function Season({ c, data, form }: { c: Ctx; data: CirclePage; form?: FormState }) {
  const t = c.get('t')
  const base = `/circles/${data.circle.id}`
  return (
    <section>
      <h2>{t('circles.meetings')}</h2>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t('circles.when')}</th>
            <th scope="col">{t('circles.state')}</th>
            <th scope="col">{t('circles.presentCol')}</th>
          </tr>
        </thead>
        <tbody>
          {data.meetings.map((m) => (
            <tr>
              <td data-label={t('circles.when')}>
                <a href={`${base}/meetings/${m.id}`}>{when(c, m.starts_at)}</a>
              </td>
              <td data-label={t('circles.state')}>{t(meetingLabel(m.status))}</td>
              <td data-label={t('circles.presentCol')}>{m.status === 'closed' ? m.present : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('circles.addMeeting')}</h3>
      <form method="post" action={`${base}/meetings#h-add-meeting`} id="h-add-meeting">
        <CsrfField c={c} />
        <ErrorSummary c={c} errors={form?.errors ?? {}} />
        <DateField
          c={c}
          name="date"
          label="circles.date"
          values={form?.values}
          errors={form?.errors}
        />
        <Field
          c={c}
          name="time"
          label="circles.time"
          hint="form.timeHint"
          value={form?.values.time ?? '19.30'}
          errors={form?.errors}
        />
        <Field
          c={c}
          name="duration"
          label="circles.duration"
          value={form?.values.duration ?? '90'}
          errors={form?.errors}
          inputmode="numeric"
        />
        <button type="submit">{t('circles.add')}</button>
      </form>
    </section>
  )
}

function Autonomy({ c, data }: { c: Ctx; data: CirclePage }) {
  const t = c.get('t')
  const { circle } = data
  if (circle.audience !== 'adult') return null
  return (
    <section>
      <h2>{t('circles.autonomyTitle')}</h2>
      <p class="hint">{t('circles.autonomyHint')}</p>
      <form method="post" action={`/circles/${circle.id}/autonomy`}>
        <CsrfField c={c} />
        <label class="choice">
          <input type="checkbox" name="autonomous" value="yes" checked={circle.autonomous} />{' '}
          {t('circles.autonomous')}
        </label>
        <Select
          c={c}
          name="convenerId"
          label="circles.convener"
          value={circle.convenerId ?? ''}
          options={[
            { value: '', label: t('circles.none') },
            ...data.confirmed.map((m) => ({ value: m.personId, label: m.firstName })),
          ]}
        />
        <button type="submit">{t('form.save')}</button>
      </form>
    </section>
  )
}

/** A form that came back with errors: what was typed, and what to fix. */
export interface FormState {
  errors: FieldErrors
  values: Record<string, string>
}

export const RunnerSections = ({
  c,
  data,
  meetingForm,
}: {
  c: Ctx
  data: CirclePage
  meetingForm?: FormState
}) => (
  <>
    <Signups c={c} data={data} />
    <Season c={c} data={data} form={meetingForm} />
    <Autonomy c={c} data={data} />
  </>
)

export function EvaluationsSection({ c, data }: { c: Ctx; data: CirclePage }) {
  const t = c.get('t')
  const { evaluations, runs } = data
  const base = `/circles/${data.circle.id}`
  return (
    <section>
      <h2>{t('circles.evaluations')}</h2>
      {evaluations.length ? (
        <ul class="rows">
          {evaluations.map((e) => (
            <li>
              {t('circles.evalOpened', { when: when(c, e.openedAt) })} ·{' '}
              {t('circles.evalAnswers', { n: e.answers })}
              {e.closedAt === null && runs ? (
                <form method="post" action={`${base}/evaluations/${e.id}/close`} class="inline">
                  <CsrfField c={c} />
                  <button type="submit">{t('circles.evalClose')}</button>
                </form>
              ) : null}
              {e.closedAt !== null ? (
                e.averages ? (
                  <dl class="figures">
                    {PILLARS.map((pl, i) => (
                      <>
                        <dt>{t(pillarLabel(pl))}</dt>
                        <dd>{formatDecimal(c.get('lang'), e.averages?.[i] ?? 0)}</dd>
                      </>
                    ))}
                  </dl>
                ) : (
                  <p class="muted">{t('circles.evalHidden', { k: K_ANONYMITY })}</p>
                )
              ) : (
                <p class="muted">{t('circles.evalRunning')}</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <Empty>{t('circles.evalEmpty')}</Empty>
      )}
      {runs && !evaluations.some((e) => e.closedAt === null) ? (
        <form method="post" action={`${base}/evaluations`}>
          <CsrfField c={c} />
          <button type="submit">{t('circles.evalOpen')}</button>
        </form>
      ) : null}
    </section>
  )
}

/** The meeting screen: the rule in every language present, the topics, who is here. */
export function meetingView(c: Ctx, { circle, meeting, languages, people, topics }: MeetingPage) {
  const t = c.get('t')
  const base = `/circles/${circle.id}/meetings/${meeting.id}`
  const live = meeting.status === 'planned' || meeting.status === 'open'
  return page(c, {
    title: t('circles.meetingTitle', { circle: circle.name }),
    body: (
      <>
        <h1>{t('circles.meetingTitle', { circle: circle.name })}</h1>
        <p class="muted">
          {when(c, meeting.starts_at)} · {t(meetingLabel(meeting.status))}
        </p>
        <section class="rule">
          {languages.map((lang) => (
            <p lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
              <strong>{translator(lang as Language)('circles.agreement.confidential')}</strong>
            </p>
          ))}
        </section>
        <h2>{t('circles.agreements')}</h2>
        <Agreements c={c} circle={circle} />
        {meeting.status === 'planned' ? (
          <form method="post" action={`${base}/open`} class="inline">
            <CsrfField c={c} />
            <button type="submit">{t('circles.meetingStart')}</button>
          </form>
        ) : null}
        {live ? (
          <>
            <h2>{t('circles.topics')}</h2>
            {topics.length ? (
              <ul>
                {topics.map((tp) => (
                  <li>
                    {tp.topic} <span class="muted">{tp.by ?? t('circles.anonymous')}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>{t('circles.topicsEmpty')}</Empty>
            )}
            <h2>{t('circles.attendance')}</h2>
            <form method="post" action={`${base}/close`}>
              <CsrfField c={c} />
              {people.length ? (
                <fieldset>
                  <legend>{t('circles.whoIsHere')}</legend>
                  {people.map((m) => (
                    <label class="choice">
                      <input type="checkbox" name="present" value={m.id} /> {m.firstName}
                    </label>
                  ))}
                </fieldset>
              ) : (
                <Empty>{t('circles.membersEmpty')}</Empty>
              )}
              <p class="hint">{t('circles.closeHint')}</p>
              <button type="submit">{t('circles.meetingClose')}</button>
            </form>
            {meeting.status === 'planned' ? (
              <form method="post" action={`${base}/cancel`} class="inline">
                <CsrfField c={c} />
                <button type="submit" class="secondary">
                  {t('circles.meetingCancel')}
                </button>
              </form>
            ) : null}
          </>
        ) : (
          <p>{t('circles.meetingDone')}</p>
        )}
        <p>
          <a href={`/circles/${circle.id}`}>{t('circles.toCircle')}</a>
        </p>
      </>
    ),
  })
}
