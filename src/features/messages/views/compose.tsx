/** @jsxImportSource hono/jsx */
// Writing a message: first a choice from the library of recurring messages (translated into
// every language ahead of time) or one's own text; then the audience and the details; then a
// preview with plain-language hints (never a block) before it goes.
import type { Ctx } from '../../../core/http/context.ts'
import {
  CsrfField,
  DateField,
  ErrorSummary,
  Field,
  type FieldErrors,
} from '../../../core/http/render.tsx'
import type { MessageKey } from '../../../core/i18n/index.ts'
import type { Hint } from '../plain.ts'
import type { ComposeOptions } from '../read/staff.ts'
import type { RenderedMessage } from '../render.ts'
import type { MessageTemplate, TemplateField } from '../templates.ts'

const tk = (key: string, part: string) => `msgtpl.${key}.${part}` as MessageKey

export function ChooseTemplate({
  c,
  templates,
}: {
  c: Ctx
  templates: readonly MessageTemplate[]
}) {
  const t = c.get('t')
  return (
    <>
      <p>
        <a href="/messages">{t('messages.back')}</a>
      </p>
      <h1>{t('messages.new')}</h1>
      <p>{t('messages.compose.intro')}</p>
      <h2>{t('messages.compose.library')}</h2>
      <ul class="template-list">
        {templates.map((tpl) => (
          <li>
            <a href={`/messages/new?template=${tpl.key}`}>{t(tk(tpl.key, 'name'))}</a>
          </li>
        ))}
      </ul>
      <h2>{t('messages.compose.own')}</h2>
      <p>{t('messages.compose.ownHint')}</p>
      <p>
        <a class="button secondary" href="/messages/new?template=free">
          {t('messages.compose.ownLink')}
        </a>
      </p>
    </>
  )
}

export interface ComposeProps {
  c: Ctx
  template: MessageTemplate | null
  options: ComposeOptions
  /** What may be chosen: the whole school, urgent. */
  may: { school: boolean; urgent: boolean }
  values: Record<string, string | string[] | undefined>
  errors: FieldErrors
  preview: { shown: RenderedMessage; hints: Hint[]; recipients: number } | null
}

const FIELD_LABEL: Record<TemplateField, MessageKey> = {
  date: 'messages.field.date',
  time: 'messages.field.time',
  endTime: 'messages.field.endTime',
  place: 'messages.field.place',
  bring: 'messages.field.bring',
  amount: 'messages.field.amount',
}

function HintList({ c, hints }: { c: Ctx; hints: Hint[] }) {
  const t = c.get('t')
  if (!hints.length) return <p>{t('messages.hints.none')}</p>
  return (
    <ul class="hints">
      {hints.map((h) => {
        switch (h.kind) {
          case 'missing':
            return <li>{t(`messages.hints.missing.${h.part}` as MessageKey)}</li>
          case 'readability':
            return (
              <li>
                {t(`messages.hints.readability.${h.level}` as MessageKey, {
                  score: Math.round(h.score),
                })}
              </li>
            )
          case 'longSentence':
            return (
              <li>
                {t('messages.hints.long', { n: h.words })} <q lang="nl">{h.sentence}</q>
              </li>
            )
          case 'passive':
            return (
              <li>
                {t('messages.hints.passive')} <q lang="nl">{h.phrase}</q>
              </li>
            )
          case 'jargon':
            return (
              <li>
                {t('messages.hints.jargon')} <q lang="nl">{h.word}</q> → <q lang="nl">{h.plain}</q>
              </li>
            )
          case 'figurative':
            return (
              <li>
                {t('messages.hints.figurative')} <q lang="nl">{h.phrase}</q>
              </li>
            )
        }
        return null
      })}
    </ul>
  )
}

export function ComposeForm(p: ComposeProps) {
  const { c, template, options, values: v, errors, preview } = p
  const t = c.get('t')
  const str = (k: string) => {
    const x = v[k]
    return typeof x === 'string' ? x : undefined
  }
  const chosenGroups = new Set([v.groups ?? []].flat())
  const audience =
    str('audience') ?? (p.may.school ? 'school' : options.groups.length ? 'groups' : 'families')
  const flatValues = Object.fromEntries(
    Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
  return (
    <>
      <p>
        <a href="/messages/new">{t('messages.compose.otherTemplate')}</a>
      </p>
      <h1>{template ? t(tk(template.key, 'name')) : t('messages.compose.own')}</h1>
      <ErrorSummary c={c} errors={errors} />
      {preview ? (
        <section class="preview" aria-labelledby="preview">
          <h2 id="preview">{t('messages.compose.preview')}</h2>
          <div class="message-preview" lang="nl">
            <h3>{preview.shown.subject}</h3>
            {preview.shown.pictograms.length ? (
              <ul class="pictograms">
                {preview.shown.pictograms.map((pict) => (
                  <li>
                    <img src={pict.src} alt="" width="56" height="56" />
                    <span>{pict.meaning}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {preview.shown.paragraphs.map((para) => (
              <p class="message-text">{para}</p>
            ))}
          </div>
          <p>{t('messages.compose.recipients', { n: preview.recipients })}</p>
          {template ? (
            <p class="hint">{t('messages.compose.translatedAll')}</p>
          ) : (
            <>
              <h3>{t('messages.hints.title')}</h3>
              <p class="hint">{t('messages.hints.intro')}</p>
              <HintList c={c} hints={preview.hints} />
              <p class="hint">{t('messages.compose.freeUntranslated')}</p>
            </>
          )}
          {template?.sayAtDoor ? <p class="hint">{t('msgtpl.sayAtDoor' as MessageKey)}</p> : null}
          {template?.pictograms.length ? (
            <p class="hint">{t('msgtpl.pictNote' as MessageKey)}</p>
          ) : null}
        </section>
      ) : null}
      <form method="post" action="/messages/new" novalidate>
        <CsrfField c={c} />
        <input type="hidden" name="template" value={template?.key ?? ''} />
        <fieldset class={errors.audience ? 'field invalid' : 'field'} id="f-audience">
          <legend>{t('messages.form.audience')}</legend>
          {errors.audience ? <p class="error">{t(errors.audience)}</p> : null}
          {p.may.school ? (
            <label class="choice">
              <input type="radio" name="audience" value="school" checked={audience === 'school'} />{' '}
              {t('messages.to.school')}
            </label>
          ) : null}
          {options.groups.length ? (
            <>
              <label class="choice">
                <input
                  type="radio"
                  name="audience"
                  value="groups"
                  checked={audience === 'groups'}
                />{' '}
                {t('messages.to.groups')}
              </label>
              <div class="conditional" id="f-groups">
                {errors.groups ? <p class="error">{t(errors.groups)}</p> : null}
                {options.groups.map((g) => (
                  <label class="choice">
                    <input
                      type="checkbox"
                      name="groups"
                      value={g.id}
                      checked={chosenGroups.has(g.id)}
                    />{' '}
                    {g.name}
                  </label>
                ))}
              </div>
            </>
          ) : null}
          {options.children.length ? (
            <>
              <label class="choice">
                <input
                  type="radio"
                  name="audience"
                  value="families"
                  checked={audience === 'families'}
                />{' '}
                {t('messages.to.oneFamily')}
              </label>
              <div class={errors.child ? 'conditional field invalid' : 'conditional field'}>
                <label for="f-child">{t('messages.form.child')}</label>
                {errors.child ? <p class="error">{t(errors.child)}</p> : null}
                <select id="f-child" name="child">
                  <option value="">{t('messages.form.childPick')}</option>
                  {options.children.map((ch) => (
                    <option value={ch.id} selected={str('child') === ch.id}>
                      {ch.label}
                    </option>
                  ))}
                </select>
              </div>
            </>
          ) : null}
        </fieldset>
        {template ? (
          template.fields.map((f) =>
            f === 'date' ? (
              <DateField
                c={c}
                name="date"
                label={FIELD_LABEL.date}
                values={flatValues}
                errors={errors}
              />
            ) : (
              <Field
                c={c}
                name={f}
                label={FIELD_LABEL[f]}
                value={str(f)}
                errors={errors}
                hint={template.required.includes(f) ? undefined : 'messages.field.optional'}
              />
            ),
          )
        ) : (
          <>
            <Field
              c={c}
              name="subject"
              label="messages.subject"
              value={str('subject')}
              errors={errors}
            />
            <div class={errors.body ? 'field invalid' : 'field'}>
              <label for="f-body">{t('messages.body')}</label>
              <p class="hint" id="f-body-hint">
                {t('messages.bodyHint')}
              </p>
              {errors.body ? <p class="error">{t(errors.body)}</p> : null}
              <textarea id="f-body" name="body" rows={8} aria-describedby="f-body-hint">
                {str('body') ?? ''}
              </textarea>
            </div>
          </>
        )}
        {p.may.urgent ? (
          <label class="choice">
            <input type="checkbox" name="urgent" value="on" checked={str('urgent') === 'on'} />{' '}
            {t('messages.form.urgent')}
          </label>
        ) : null}
        <div class="actions">
          <button type="submit" name="intent" value="preview" class="secondary">
            {t('messages.compose.previewButton')}
          </button>{' '}
          <button type="submit" name="intent" value="send">
            {t('messages.compose.send')}
          </button>
        </div>
      </form>
    </>
  )
}
