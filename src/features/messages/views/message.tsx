/** @jsxImportSource hono/jsx */
// One message: in the reader's language (or the Dutch, marked as not yet translated), its
// pictograms with their meaning written beside them, a player to listen to it, the Dutch
// beside a translation; and for staff, how far it reached.
import type { Child } from 'hono/jsx'
import type { Language } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { Tag } from '../../../core/http/render.tsx'
import { LANGUAGE_NAMES, type MessageKey } from '../../../core/i18n/index.ts'
import { formatStyled } from '../../../core/time.ts'
import type { Reach, Unreached } from '../read/staff.ts'
import type { RenderedMessage, RenderedText } from '../render.ts'
import { audienceLabel } from './list.tsx'

export interface MessagePageData {
  id: string
  createdAt: Date
  urgent: boolean
  shown: RenderedMessage
  /** The language the player speaks, or null when that language has no voice. */
  voice: Language | null
  flemish: boolean
  staff: { audience: 'school' | 'groups' | 'families'; groups: string[]; recipients: number } | null
  reach: Reach | null
}

const Text = ({ text }: { text: RenderedText }) => (
  <div lang={text.language} dir={text.language === 'ar' ? 'rtl' : undefined}>
    {text.paragraphs.map((p) => (
      <p class="message-text">{p}</p>
    ))}
  </div>
)

function Unreachedlist({ c, rows }: { c: Ctx; rows: Unreached[] }) {
  const t = c.get('t')
  return (
    <ul>
      {rows.map((r) => (
        <li>
          <bdi>{r.name}</bdi> · <bdi>{r.children}</bdi> —{' '}
          {t(`messages.reach.reason.${r.reason}` as MessageKey)}
        </li>
      ))}
    </ul>
  )
}

function ReachSection({ c, reach }: { c: Ctx; reach: Reach }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="reach">
      <h2 id="reach">{t('messages.reach.title')}</h2>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t('messages.reach.language')}</th>
            <th scope="col">{t('messages.families')}</th>
            <th scope="col">{t('messages.reach.mailed')}</th>
            <th scope="col">{t('messages.reach.waiting')}</th>
            <th scope="col">{t('messages.reach.failed')}</th>
            <th scope="col">{t('messages.reach.opened')}</th>
          </tr>
        </thead>
        <tbody>
          {reach.perLanguage.map((r) => (
            <tr>
              <td data-label={t('messages.reach.language')} lang={r.language}>
                {LANGUAGE_NAMES[r.language]}
              </td>
              <td data-label={t('messages.families')}>{r.families}</td>
              <td data-label={t('messages.reach.mailed')}>{r.mailed}</td>
              <td data-label={t('messages.reach.waiting')}>{r.waiting}</td>
              <td data-label={t('messages.reach.failed')}>{r.failed}</td>
              <td data-label={t('messages.reach.opened')}>{r.opened}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('messages.reach.tellTitle')}</h3>
      <p class="hint">{t('messages.reach.tellHint')}</p>
      {reach.unreached.length ? (
        <Unreachedlist c={c} rows={reach.unreached} />
      ) : (
        <p>{t('messages.reach.tellNone')}</p>
      )}
      {reach.unopened ? (
        <>
          <h3>{t('messages.reach.unopenedTitle')}</h3>
          <p class="hint">{t('messages.reach.unopenedHint')}</p>
          {reach.unopened.length ? (
            <Unreachedlist c={c} rows={reach.unopened} />
          ) : (
            <p>{t('messages.reach.unopenedNone')}</p>
          )}
        </>
      ) : null}
    </section>
  )
}

export function MessagePage({ c, m }: { c: Ctx; m: MessagePageData }) {
  const t = c.get('t')
  const lang = c.get('lang')
  const { shown } = m
  const translationLabel: Child = shown.dutch ? (
    <p class="meta">
      <Tag tone="grey">
        {shown.source === 'people'
          ? t(shown.unreviewed ? 'messages.byPeopleUnreviewed' : 'messages.byPeople')
          : t('messages.translationBeside')}
      </Tag>
    </p>
  ) : null
  const translated = (
    <>
      {translationLabel}
      <Text text={shown} />
    </>
  )
  return (
    <>
      <p>
        <a href="/messages">{t('messages.back')}</a>
      </p>
      <article>
        <h1 lang={shown.language}>{shown.subject}</h1>
        <p class="meta">
          {formatStyled(lang, m.createdAt, 'day')}{' '}
          {m.urgent ? <Tag tone="red">{t('messages.urgent')}</Tag> : null}
          {m.staff ? (
            <>
              {' · '}
              {t('messages.to')}: {audienceLabel(c, m.staff)} ·{' '}
              {t('messages.familiesCount', { n: m.staff.recipients })}
            </>
          ) : null}
        </p>
        {shown.untranslated ? (
          <div class="govuk-inset-text">
            <Tag tone="grey">{t('messages.untranslated')}</Tag> {t('messages.untranslatedHint')}
          </div>
        ) : null}
        {shown.pictograms.length ? (
          <ul class="pictograms">
            {shown.pictograms.map((p) => (
              <li>
                <img src={p.src} alt="" width="56" height="56" loading="lazy" />
                <span lang={shown.language}>{p.meaning}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {shown.pictograms.length ? (
          <p class="meta">
            {t('messages.pictCredit')}{' '}
            <bdi lang="en" dir="ltr">
              <a href="https://openmoji.org">OpenMoji</a> (CC BY-SA 4.0)
            </bdi>
          </p>
        ) : null}
        {m.flemish && shown.dutch ? (
          <>
            <Text text={shown.dutch} />
            {translated}
          </>
        ) : (
          translated
        )}
        {m.voice ? (
          <div class="listen">
            <p>
              <strong>{t('messages.listen')}</strong> ({LANGUAGE_NAMES[m.voice]})
            </p>
            {/* biome-ignore lint/a11y/useMediaCaption: the audio reads the text above it word for word: the page is its transcript */}
            <audio controls preload="none" src={`/messages/${m.id}/audio`}>
              <a href={`/messages/${m.id}/audio`}>{t('messages.listenDownload')}</a>
            </audio>
          </div>
        ) : (
          <p class="hint">{t('messages.noVoice')}</p>
        )}
        {shown.dutch && !m.flemish ? (
          <details>
            <summary>{t('messages.inDutch')}</summary>
            <h2 lang="nl">{shown.dutch.subject}</h2>
            <Text text={shown.dutch} />
          </details>
        ) : null}
        {shown.sayAtDoor && m.staff ? (
          <p class="hint">{t('msgtpl.sayAtDoor' as MessageKey)}</p>
        ) : null}
      </article>
      {m.reach ? <ReachSection c={c} reach={m.reach} /> : null}
    </>
  )
}
