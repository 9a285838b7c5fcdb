/** @jsxImportSource hono/jsx */
// /messages: the messages addressed to the person (a parent's inbox, in their language), the
// messages a member of staff may see with a way to write one, and how mail should come.
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, Empty, Tag } from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { formatStyled } from '../../../core/time.ts'
import type { SentItem } from '../read/staff.ts'
import type { RenderedMessage } from '../render.ts'

export interface InboxEntry {
  id: string
  createdAt: Date
  urgent: boolean
  opened: boolean
  shown: RenderedMessage
}

export function audienceLabel(c: Ctx, m: Pick<SentItem, 'audience' | 'groups'>): string {
  const t = c.get('t')
  if (m.audience === 'school') return t('messages.to.school')
  if (m.audience === 'groups') return m.groups.join(', ')
  return t('messages.to.family')
}

export function MessagesList({
  c,
  inbox,
  sent,
  canWrite,
  digest,
}: {
  c: Ctx
  inbox: InboxEntry[] | null
  sent: SentItem[] | null
  canWrite: boolean
  digest: boolean | null
}) {
  const t = c.get('t')
  const lang = c.get('lang')
  return (
    <>
      <h1>{t('messages.title')}</h1>
      {canWrite ? (
        <p>
          <a class="button" href="/messages/new">
            {t('messages.new')}
          </a>
        </p>
      ) : null}
      {inbox ? (
        <section aria-labelledby="inbox">
          <h2 id="inbox">{t('messages.inbox')}</h2>
          {inbox.length ? (
            <ul class="cards">
              {inbox.map((m) => (
                <li class="card">
                  <h3>
                    <a href={`/messages/${m.id}`} lang={m.shown.language}>
                      {m.shown.subject}
                    </a>
                  </h3>
                  <p class="meta">
                    {formatStyled(lang, m.createdAt, 'day')}{' '}
                    {m.urgent ? <Tag tone="red">{t('messages.urgent')}</Tag> : null}{' '}
                    {m.opened ? null : <Tag tone="blue">{t('messages.unread')}</Tag>}{' '}
                    {m.shown.untranslated ? (
                      <Tag tone="grey">{t('messages.untranslated')}</Tag>
                    ) : null}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('messages.inboxEmpty')}</Empty>
          )}
        </section>
      ) : null}
      {sent ? (
        <section aria-labelledby="sent">
          <h2 id="sent">{t('messages.sent')}</h2>
          {sent.length ? (
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t('messages.subject')}</th>
                  <th scope="col">{t('messages.to')}</th>
                  <th scope="col">{t('messages.families')}</th>
                  <th scope="col">{t('messages.date')}</th>
                </tr>
              </thead>
              <tbody>
                {sent.map((m) => (
                  <tr>
                    <td data-label={t('messages.subject')}>
                      <a href={`/messages/${m.id}`} lang="nl">
                        {m.subject}
                      </a>{' '}
                      {m.urgent ? <Tag tone="red">{t('messages.urgent')}</Tag> : null}
                    </td>
                    <td data-label={t('messages.to')}>{audienceLabel(c, m)}</td>
                    <td data-label={t('messages.families')}>{m.recipients}</td>
                    <td data-label={t('messages.date')}>
                      {formatStyled(lang, m.createdAt, 'stamp')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Empty>{t('messages.sentEmpty')}</Empty>
          )}
        </section>
      ) : null}
      {digest !== null ? (
        <form method="post" action="/messages/settings">
          <CsrfField c={c} />
          <fieldset>
            <legend>{t('messages.delivery')}</legend>
            {(['each', 'digest'] as const).map((v) => (
              <label class="choice">
                <input
                  type="radio"
                  name="delivery"
                  value={v}
                  checked={(v === 'digest') === digest}
                />{' '}
                {t(`messages.delivery.${v}` as MessageKey)}
              </label>
            ))}
            <p class="hint">{t('messages.delivery.quiet')}</p>
          </fieldset>
          <button type="submit">{t('form.save')}</button>
        </form>
      ) : null}
    </>
  )
}
