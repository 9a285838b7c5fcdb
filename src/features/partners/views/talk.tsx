/** @jsxImportSource hono/jsx */
// "Ik wil graag praten": the parent's form (who, how to reach me, when it suits, and the yes
// that lets that partner have my name), the parent's own wishes with "toch niet", and for a
// partner the parents waiting for a first contact.
import type { TalkChannel } from '../../../core/db/schema.ts'
import { TALK_CHANNELS } from '../../../core/db/schema.ts'
import type { Ctx } from '../../../core/http/context.ts'
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../core/http/render.tsx'
import { formatWhen } from '../../../core/time.ts'
import type { OwnTalk, TalkToAnswer } from '../read/talk.ts'

export interface TalkFormData {
  partners: { id: string; name: string }[]
  own: OwnTalk[]
  phone: string
  values: Record<string, string | undefined>
  errors: FieldErrors
}

export function TalkSection({ c, d }: { c: Ctx; d: TalkFormData }) {
  const t = c.get('t')
  const open = d.own.filter((o) => o.record.open)
  return (
    <section aria-labelledby="talk-h" id="talk">
      <h2 id="talk-h">{t('partners.talkTitle')}</h2>
      {d.own.map((o) => (
        <div class="card">
          <p>
            <strong>
              {o.partnerName
                ? t('partners.talkAskedOf', { name: o.partnerName })
                : t('partners.talkAskedAny')}
            </strong>{' '}
            ({formatWhen(c.get('lang'), o.createdAt, false)})
          </p>
          <p>{o.contactedAt ? t('partners.talkContacted') : t('partners.talkWaiting')}</p>
          {o.record.open ? (
            <form method="post" action={`/partners/talks/${o.id}/withdraw`}>
              <CsrfField c={c} />
              <button type="submit" class="secondary">
                {t('partners.talkWithdraw')}
              </button>
            </form>
          ) : null}
        </div>
      ))}
      {open.length ? null : <TalkForm c={c} d={d} />}
    </section>
  )
}

function TalkForm({ c, d }: { c: Ctx; d: TalkFormData }) {
  const t = c.get('t')
  const v = d.values
  const channel = (v.channel ?? 'phone') as TalkChannel
  const radio = (name: string, value: string, label: string, checked: boolean) => (
    <label class="choice">
      <input type="radio" name={name} value={value} checked={checked} /> {label}
    </label>
  )
  return (
    <form method="post" action="/partners/talks#talk">
      <p>{t('partners.talkIntro')}</p>
      <CsrfField c={c} />
      <ErrorSummary c={c} errors={d.errors} />
      <fieldset class={d.errors.partner ? 'field invalid' : 'field'} id="f-partner">
        <legend>{t('partners.talkWho')}</legend>
        {d.errors.partner ? <p class="error">{t(d.errors.partner)}</p> : null}
        {d.partners.map((p) => radio('partner', p.id, p.name, v.partner === p.id))}
        {radio('partner', 'any', t('partners.anyPartner'), (v.partner ?? 'any') === 'any')}
      </fieldset>
      <fieldset class={d.errors.channel ? 'field invalid' : 'field'} id="f-channel">
        <legend>{t('partners.talkHow')}</legend>
        {TALK_CHANNELS.map((ch) =>
          radio('channel', ch, t(`partners.channel.${ch}`), channel === ch),
        )}
      </fieldset>
      <Field
        c={c}
        name="phone"
        type="tel"
        label="partners.form.phoneLabel"
        hint="partners.form.phoneHint"
        value={v.phone ?? d.phone}
        autocomplete="tel"
        errors={d.errors}
      />
      <Field
        c={c}
        name="note"
        label="partners.form.noteLabel"
        hint="partners.form.noteHint"
        value={v.note ?? ''}
        errors={d.errors}
      />
      <div class={d.errors.consent ? 'field invalid' : 'field'} id="f-consent">
        {d.errors.consent ? <p class="error">{t(d.errors.consent)}</p> : null}
        <label class="choice">
          <input type="checkbox" name="consent" value="yes" checked={v.consent === 'yes'} />{' '}
          {t('partners.talkConsent')}
        </label>
      </div>
      <button type="submit">{t('partners.talkSubmit')}</button>
    </form>
  )
}

export function TalksToAnswer({ c, talks }: { c: Ctx; talks: TalkToAnswer[] }) {
  const t = c.get('t')
  return (
    <section aria-labelledby="talks-h" id="talks">
      <h2 id="talks-h">{t('partners.talksTitle')}</h2>
      {talks.length ? (
        <ul class="cards">
          {talks.map((r) => (
            <li class="card">
              <h3>{r.parentName}</h3>
              <p>
                {t(`partners.channel.${r.channel}`)}
                {r.channel === 'phone' && r.phone ? (
                  <>
                    {': '}
                    <a href={`tel:${r.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                      {r.phone}
                    </a>
                  </>
                ) : null}
                {r.channel === 'email' ? (
                  <>
                    {': '}
                    <a href={`mailto:${r.email}`} dir="ltr">
                      {r.email}
                    </a>
                  </>
                ) : null}
              </p>
              {r.note ? (
                <p>
                  {t('partners.form.noteLabel')}: <span dir="auto">{r.note}</span>
                </p>
              ) : null}
              <p class="hint">
                {formatWhen(c.get('lang'), r.createdAt, false)} ·{' '}
                {r.forMe ? t('partners.talkForYou') : t('partners.talkForAny')}
              </p>
              <form method="post" action={`/partners/talks/${r.id}/contacted`}>
                <CsrfField c={c} />
                <button type="submit" class="secondary">
                  {t('partners.talkDone')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">{t('partners.talksEmpty')}</p>
      )}
    </section>
  )
}
