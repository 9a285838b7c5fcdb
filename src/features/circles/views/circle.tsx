/** @jsxImportSource hono/jsx */
// A circle's page: the agreements for everyone who may see it; for a member the evaluation to
// answer and a topic for the next meeting; the roster where the policy shows it; for those who
// run it the sign-ups, the season and the evaluations; for the host the settings.
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty, page } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { K_ANONYMITY, kindName, PILLARS, pillarLabel } from '../kinds.ts'
import type { CirclePage } from '../read/member.ts'
import { SettingsSection } from './host.tsx'
import { Agreements, FeedLink, PlaceList, when } from './parts.tsx'
import { EvaluationsSection, type FormState, RunnerSections } from './runner.tsx'

function AnswerEvaluation({ c, data }: { c: Ctx; data: CirclePage }) {
  const t = c.get('t')
  const e = data.toAnswer
  if (!e) return null
  return (
    <section class="card">
      <h2>{t('circles.evalTitle')}</h2>
      <p>{t('circles.evalIntro', { k: K_ANONYMITY })}</p>
      {e.children.length ? (
        <p>{t('circles.evalForChild', { child: e.children.join(', ') })}</p>
      ) : null}
      <form
        method="post"
        action={`/circles/${data.circle.id}/evaluations/${e.evaluationId}/answer`}
      >
        <CsrfField c={c} />
        {PILLARS.map((pl) => (
          <fieldset class="scale">
            <legend>{t(pillarLabel(pl))}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label class="choice">
                <input type="radio" name={pl} value={String(n)} required />{' '}
                {t(`circles.scale.${n}` as MessageKey)}
              </label>
            ))}
          </fieldset>
        ))}
        <button type="submit">{t('circles.evalSend')}</button>
      </form>
    </section>
  )
}

function ProposeTopic({ c, data }: { c: Ctx; data: CirclePage }) {
  const t = c.get('t')
  const next = data.next
  if (!data.member || !next) return null
  return (
    <section>
      <h2>{t('circles.nextMeeting', { when: when(c, next.starts_at) })}</h2>
      <form method="post" action={`/circles/${data.circle.id}/meetings/${next.id}/topics`}>
        <CsrfField c={c} />
        <div class="field">
          <label for="f-topic">{t('circles.topic')}</label>
          <p class="hint" id="f-topic-hint">
            {t('circles.topicHint')}
          </p>
          <input
            id="f-topic"
            name="topic"
            maxlength={200}
            required
            aria-describedby="f-topic-hint"
          />
        </div>
        <label class="choice">
          <input type="checkbox" name="anonymous" value="yes" /> {t('circles.topicAnonymous')}
        </label>
        <button type="submit">{t('circles.topicSend')}</button>
      </form>
    </section>
  )
}

export function circleView(c: Ctx, data: CirclePage, forms: { meeting?: FormState } = {}) {
  const t = c.get('t')
  const { circle, facilitators, confirmed, places } = data
  return page(c, {
    title: circle.name,
    status: forms.meeting ? 400 : 200,
    body: (
      <>
        <h1>{circle.name}</h1>
        <p class="muted">
          {kindName(t, circle)} · {circle.hostName} · {circle.place}
        </p>
        <p>
          {t('circles.facilitators')}:{' '}
          {facilitators.length ? facilitators.map((f) => f.name).join(', ') : t('circles.none')}
          {circle.autonomous ? ` · ${t('circles.autonomous')}` : ''}
        </p>
        <h2>{t('circles.agreements')}</h2>
        <Agreements c={c} circle={circle} />
        <AnswerEvaluation c={c} data={data} />
        <ProposeTopic c={c} data={data} />
        {data.showRoster ? (
          <section>
            <h2>{t('circles.members', { n: confirmed.length, capacity: circle.capacity })}</h2>
            {confirmed.length ? (
              <p>{confirmed.map((m) => m.firstName).join(', ')}</p>
            ) : (
              <Empty>{t('circles.membersEmpty')}</Empty>
            )}
          </section>
        ) : null}
        {data.runs ? <RunnerSections c={c} data={data} meetingForm={forms.meeting} /> : null}
        {data.runs || data.hosts ? <EvaluationsSection c={c} data={data} /> : null}
        {data.hosts ? <SettingsSection c={c} data={data} /> : null}
        {places.length ? (
          <section>
            <h2>{t('circles.yourPlace')}</h2>
            <PlaceList c={c} circleId={circle.id} places={places} />
            <FeedLink c={c} href={data.feed} />
          </section>
        ) : null}
      </>
    ),
  })
}
