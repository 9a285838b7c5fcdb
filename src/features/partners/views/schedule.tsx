/** @jsxImportSource hono/jsx */
// /partners: who comes to this school to help with parenting, what for, how to reach them and
// when they are here; the viewer's own appointments; for a teacher the talks a parent asked
// them to join; for a partner a way to add hours.
import type { Ctx } from '../../../core/http/context.ts'
import { Empty } from '../../../core/http/render.tsx'
import type { Schedule } from '../read/schedule.ts'
import type { TalkToAnswer } from '../read/talk.ts'
import { Dutch, Expectations, KindTag, span, when } from './parts.tsx'
import { type TalkFormData, TalkSection, TalksToAnswer } from './talk.tsx'

/** A partner's next hours shown; the rest are counted. */
const SHOWN = 4

export function SchedulePage({
  c,
  s,
  canPlan,
  talk,
  talks,
}: {
  c: Ctx
  s: Schedule
  canPlan: boolean
  /** The parent's "ik wil graag praten"; null: not theirs to ask. */
  talk: TalkFormData | null
  /** The parents waiting for this partner's first contact; null: not a partner. */
  talks: TalkToAnswer[] | null
}) {
  const t = c.get('t')
  const me = c.get('principal')?.personId
  return (
    <>
      <h1>{t('partners.title')}</h1>
      <p>{t('partners.intro')}</p>
      <Expectations c={c} />
      {canPlan ? (
        <p>
          <a class="button" href="/partners/new">
            {t('partners.addHours')}
          </a>
        </p>
      ) : null}
      {talks ? <TalksToAnswer c={c} talks={talks} /> : null}
      {s.mine.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{t('partners.mine')}</h2>
          <ul class="cards">
            {s.mine.map((b) => (
              <li class="card">
                <h3>
                  <a href={`/partners/hours/${b.hourId}`}>
                    {t('partners.withName', { name: b.partnerName })}
                  </a>
                </h3>
                <p>
                  {when(c, b.startsAt)} · <Dutch>{b.place}</Dutch>
                </p>
                {b.withTeacher ? <p class="hint">{t('partners.withTeacherYes')}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.asked.length ? (
        <section aria-labelledby="asked">
          <h2 id="asked">{t('partners.askedTalks')}</h2>
          <ul class="cards">
            {s.asked.map((a) => (
              <li class="card">
                <h3>{t('partners.askedBy', { name: a.bookerName, partner: a.partnerName })}</h3>
                <p>
                  {when(c, a.startsAt)} · <Dutch>{a.place}</Dutch>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="who">
        <h2 id="who">{t('partners.who')}</h2>
        {s.partners.length ? (
          <ul class="cards">
            {s.partners.map((p) => (
              <li class="card">
                <h3 id={`p-${p.id}`}>{p.name}</h3>
                {p.job || p.organisation ? (
                  <p class="meta" lang="nl" dir="ltr">
                    {[p.job, p.organisation].filter(Boolean).join(' · ')}
                  </p>
                ) : null}
                {p.about ? (
                  <>
                    <p class="about-label">
                      <strong>{t('partners.about')}</strong>
                    </p>
                    <p lang="nl" dir="ltr">
                      {p.about}
                    </p>
                  </>
                ) : null}
                {p.phone ? (
                  <p>
                    {t('partners.phone')}{' '}
                    <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                      {p.phone}
                    </a>
                  </p>
                ) : null}
                {p.hours.length ? (
                  <ul class="hours">
                    {p.hours.slice(0, SHOWN).map((h) => (
                      <li>
                        <KindTag c={c} kind={h.kind} /> {span(c, h.startsAt, h.minutes)} ·{' '}
                        <Dutch>{h.place}</Dutch>
                        <br />
                        {h.kind === 'spreekuur' ? (
                          <a href={`/partners/hours/${h.id}`}>
                            {p.id === me
                              ? t('partners.seeBookings', {
                                  taken: h.slots - h.free,
                                  slots: h.slots,
                                })
                              : h.free
                                ? t('partners.book', { free: h.free })
                                : t('partners.full')}
                          </a>
                        ) : (
                          <span class="hint">{t('partners.walkIn')}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="hint">{t('partners.noHours')}</p>
                )}
                {p.hours.length > SHOWN ? (
                  <p class="hint">{t('partners.more', { n: p.hours.length - SHOWN })}</p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>{t('partners.empty')}</Empty>
        )}
      </section>
      {talk && s.partners.length ? <TalkSection c={c} d={talk} /> : null}
      <p>
        {t('partners.mapLead')} <a href="/sociale-kaart">{t('map.title')}</a>
      </p>
    </>
  )
}
