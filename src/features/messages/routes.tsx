/** @jsxImportSource hono/jsx */
// /messages: what the school wrote to me, in my language; for staff also what they sent and how
// far it reached. /messages/new: a template from the library or one's own text, a preview with
// plain-language hints, then send. /messages/:id: one message, marked opened for its reader.
import type { Language } from '../../core/db/schema.ts'
import { NotFound } from '../../core/errors.ts'
import type { Ctx } from '../../core/http/context.ts'
import { readForm, requireForm } from '../../core/http/forms.ts'
import { type FieldErrors, page } from '../../core/http/render.tsx'
import { back, idParam, inSchool, policyEnv } from '../../core/http/router.ts'
import { hasVoice } from '../../core/speech.ts'
import { type AppRouter, allowed, authorize } from '../../policies.ts'
import { messageAudio } from './commands/audio.ts'
import { deliverMessages } from './commands/deliver.ts'
import { markOpened } from './commands/open.ts'
import { sendMessage, setDigest } from './commands/send.ts'
import { plainHints } from './plain.ts'
import { loadInbox } from './read/inbox.ts'
import { loadMessage } from './read/message.ts'
import {
  countRecipients,
  loadComposeOptions,
  loadDraft,
  loadReach,
  loadSent,
  readerContext,
} from './read/staff.ts'
import { renderMessage, renderTemplate } from './render.ts'
import { ComposeInput, DigestInput } from './schema.ts'
import { type MessageTemplate, TEMPLATE_FIELDS, TEMPLATES, templateByKey } from './templates.ts'
import { ChooseTemplate, ComposeForm, type ComposeProps } from './views/compose.tsx'
import { MessagesList } from './views/list.tsx'
import { MessagePage } from './views/message.tsx'

type Values = ComposeProps['values']

async function composePage(
  c: Ctx,
  template: MessageTemplate | null,
  values: Values,
  errors: FieldErrors,
  preview: ComposeProps['preview'] = null,
  status: 200 | 400 = 200,
) {
  const p = inSchool(c)
  const options = await loadComposeOptions(c.var.deps.db, p, policyEnv(c))
  const draft = { schoolId: p.schoolId, groupIds: [], childGroupIds: [], taughtGroupIds: [] }
  const may = {
    school: allowed(c, 'messages.send', { ...draft, audience: 'school', urgent: false }),
    urgent: allowed(c, 'messages.send', { ...draft, audience: 'school', urgent: true }),
  }
  const t = c.var.t
  return page(c, {
    title: template ? t(`msgtpl.${template.key}.name` as 'messages.new') : t('messages.new'),
    status,
    body: (
      <ComposeForm
        c={c}
        template={template}
        options={options}
        may={may}
        values={values}
        errors={errors}
        preview={preview}
      />
    ),
  })
}

/** What the form still lacks for this template or free text, and for the audience. */
function completeness(input: ComposeInput, template: MessageTemplate | null): FieldErrors {
  const errors: FieldErrors = {}
  if (template) {
    for (const f of template.required) if (!input[f]) errors[f] = 'messages.form.fieldRequired'
  } else {
    if (!input.subject) errors.subject = 'messages.form.subjectRequired'
    if (!input.body) errors.body = 'messages.form.bodyRequired'
  }
  if (input.audience === 'groups' && input.groups.length === 0)
    errors.groups = 'messages.form.groupsRequired'
  if (input.audience === 'families' && !input.child) errors.child = 'messages.form.childRequired'
  return errors
}

export function messageRoutes(r: AppRouter): void {
  r.menu('/messages', 'messages.title', 'messages.list')

  r.get('/messages', 'messages.list', async (c) => {
    const p = inSchool(c)
    const { db } = c.var.deps
    const lang = c.var.lang
    const canWrite = allowed(c, 'messages.write')
    const [inbox, reader, sent] = await Promise.all([
      loadInbox(db, p.schoolId, p.personId, lang),
      readerContext(db, p),
      canWrite ? loadSent(db, p, policyEnv(c)) : null,
    ])
    return page(c, {
      title: c.var.t('messages.title'),
      body: (
        <MessagesList
          c={c}
          inbox={inbox.map((m) => ({
            id: m.id,
            createdAt: m.createdAt,
            urgent: m.urgent,
            opened: m.openedAt !== null,
            shown: renderMessage(m, lang, reader),
          }))}
          sent={sent}
          canWrite={canWrite}
          digest={reader.digest}
        />
      ),
    })
  })

  r.post('/messages/settings', 'messages.settings', async (c) => {
    const p = inSchool(c)
    const form = await requireForm(c, DigestInput)
    await setDigest(c.var.deps.db, p.schoolId, p.personId, form.delivery === 'digest')
    return back(c, '/messages', 'messageSettings')
  })

  r.get('/messages/new', 'messages.write', async (c) => {
    inSchool(c)
    const key = c.req.query('template')
    if (key === 'free') return composePage(c, null, {}, {})
    const template = templateByKey(key)
    if (!template)
      return page(c, {
        title: c.var.t('messages.new'),
        body: <ChooseTemplate c={c} templates={TEMPLATES} />,
      })
    return composePage(c, template, {}, {})
  })

  r.post('/messages/new', 'messages.write', async (c) => {
    const p = inSchool(c)
    const { db } = c.var.deps
    const form = await readForm(c, ComposeInput)
    if (!form.ok) {
      const raw = form.values
      const template = templateByKey(raw.template)
      // Checkbox groups come back as the one value readForm kept; ids are re-chosen by hand.
      return composePage(c, template, raw, form.errors, null, 400)
    }
    const input = form.data
    const template = templateByKey(input.template)
    const values: Values = {
      ...Object.fromEntries(
        Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
      groups: input.groups,
      urgent: input.urgent ? 'on' : undefined,
    }
    const missing = completeness(input, template)
    if (Object.keys(missing).length) return composePage(c, template, values, missing, null, 400)
    const childIds = input.child ? [input.child] : []
    const draft = await loadDraft(db, p, {
      audience: input.audience,
      groupIds: input.groups,
      childIds,
      urgent: input.urgent,
    })
    authorize(c, 'messages.send', draft)
    const params: Record<string, string> = {}
    if (template) for (const f of TEMPLATE_FIELDS) if (input[f]) params[f] = input[f] as string
    const dutch = template ? renderTemplate(template.key, params, 'nl') : null
    const subject = dutch ? dutch.subject : (input.subject ?? '')
    const body = dutch ? dutch.paragraphs.join('\n\n') : (input.body ?? '')
    const scope = {
      schoolId: p.schoolId,
      audience: input.audience,
      groupIds: draft.groupIds,
      childIds,
    }
    if (input.intent === 'preview') {
      const shown = renderMessage(
        {
          id: '',
          templateKey: template?.key ?? null,
          subject,
          body,
          params,
          urgent: input.urgent,
          createdAt: new Date(),
          translation: null,
        },
        'nl',
        { flemish: false },
      )
      const hints = template ? [] : plainHints(subject, body)
      const recipients = await countRecipients(db, scope)
      return composePage(c, template, values, {}, { shown, hints, recipients })
    }
    const sent = await sendMessage(db, p.schoolId, p.personId, {
      audience: input.audience,
      groupIds: draft.groupIds,
      childIds,
      templateKey: template?.key ?? null,
      subject,
      body,
      params,
      urgent: input.urgent,
    })
    // Whatever may go now (urgent, or within school hours) goes at once, not at the next tick.
    const deps = c.var.deps
    deps.background.run('messages.deliver', () =>
      deliverMessages({ db: deps.db, mailer: deps.mailer, baseUrl: deps.config.baseUrl }),
    )
    return back(c, `/messages/${sent.id}`, 'messageSent')
  })

  r.get('/messages/:id', 'messages.list', async (c) => {
    const p = inSchool(c)
    const { db } = c.var.deps
    const lang: Language = c.var.lang
    const [m, reader] = await Promise.all([
      loadMessage(db, p, idParam(c, 'id'), lang),
      readerContext(db, p),
    ])
    authorize(c, 'messages.view', m.record)
    if (m.record.recipient && m.openedAt === null)
      await markOpened(db, p.schoolId, m.id, p.personId)
    const staff = allowed(c, 'messages.seeReach', m.record)
    const reach = staff ? await loadReach(db, p, m.id, m.record, policyEnv(c)) : null
    const shown = renderMessage(m, lang, reader)
    return page(c, {
      title: shown.subject,
      body: (
        <MessagePage
          c={c}
          m={{
            id: m.id,
            createdAt: m.createdAt,
            urgent: m.urgent,
            shown,
            voice: hasVoice(shown.language) ? shown.language : null,
            flemish: reader.flemish,
            staff: staff
              ? { audience: m.audience, groups: m.groups, recipients: m.recipients }
              : null,
            reach,
          }}
        />
      ),
    })
  })

  // The message read aloud, in the language the reader sees it in.
  r.get('/messages/:id/audio', 'messages.list', async (c) => {
    const p = inSchool(c)
    const { db } = c.var.deps
    const [m, reader] = await Promise.all([
      loadMessage(db, p, idParam(c, 'id'), c.var.lang),
      readerContext(db, p),
    ])
    authorize(c, 'messages.view', m.record)
    const shown = renderMessage(m, c.var.lang, reader)
    if (!hasVoice(shown.language)) throw new NotFound()
    const audio = await messageAudio(db, m.id, shown)
    return new Response(new Uint8Array(audio), {
      headers: {
        'content-type': 'audio/mpeg',
        'content-length': String(audio.length),
        'cache-control': 'private, max-age=86400',
      },
    })
  })
}
