/** @jsxImportSource hono/jsx */
// /surveys: what the school asked me (open ones first) and what it did with my answers; for
// the school's staff every bevraging with how many answered per side, and a way to plan one.
import type { Ctx } from '../../../core/http/context.ts'
import { Empty, Tag } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatStyled } from '../../../core/time.ts'
import type { AskedItem, SchoolSurvey } from '../read/list.ts'

export function SurveysList({
  c,
  asked,
  school,
  canPlan,
}: {
  c: Ctx
  asked: AskedItem[]
  school: SchoolSurvey[] | null
  canPlan: boolean
}) {
  const t = c.get('t')
  const lang = c.get('lang')
  return (
    <>
      <h1>{t('surveys.title')}</h1>
      <p>{t('surveys.intro')}</p>
      {canPlan ? (
        <p>
          <a class="button" href="/surveys/new">
            {t('surveys.new')}
          </a>
        </p>
      ) : null}
      <section aria-labelledby="asked">
        <h2 id="asked">{t('surveys.asked')}</h2>
        {asked.length ? (
          <ul class="cards">
            {asked.map((s) => (
              <li class="card">
                <h3>
                  <a href={`/surveys/${s.id}`} lang="nl" dir="ltr">
                    {s.title}
                  </a>
                </h3>
                <p class="meta">
                  {s.answered ? (
                    <Tag tone="green">{t('surveys.state.answered')}</Tag>
                  ) : s.status === 'open' ? (
                    <Tag tone="blue">{t('surveys.state.waiting')}</Tag>
                  ) : (
                    <Tag tone="grey">{t('surveys.state.closed')}</Tag>
                  )}{' '}
                  {s.feedback ? <Tag tone="green">{t('surveys.state.feedback')}</Tag> : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('surveys.askedEmpty')}</Empty>
        )}
      </section>
      {school ? (
        <section aria-labelledby="school">
          <h2 id="school">{t('surveys.school')}</h2>
          {school.length ? (
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t('surveys.field.title')}</th>
                  <th scope="col">{t('surveys.parents')}</th>
                  <th scope="col">{t('surveys.team')}</th>
                  <th scope="col">{t('surveys.status')}</th>
                </tr>
              </thead>
              <tbody>
                {school.map((s) => (
                  <tr>
                    <td data-label={t('surveys.field.title')}>
                      <a href={`/surveys/${s.id}`} lang="nl" dir="ltr">
                        {s.title}
                      </a>
                      <br />
                      <span class="hint">
                        {t(`surveys.kind.${s.kind}` as MessageKey)} ·{' '}
                        {formatStyled(lang, s.createdAt, 'day')}
                      </span>
                    </td>
                    <td data-label={t('surveys.parents')}>{t('surveys.answeredOf', s.parents)}</td>
                    <td data-label={t('surveys.team')}>
                      {s.team ? t('surveys.answeredOf', s.team) : t('surveys.teamNotAsked')}
                    </td>
                    <td data-label={t('surveys.status')}>
                      {s.status === 'open'
                        ? t('surveys.state.open')
                        : s.feedback
                          ? t('surveys.state.feedback')
                          : t('surveys.state.closed')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{t('surveys.schoolEmpty')}</Empty>
          )}
        </section>
      ) : null}
    </>
  )
}
