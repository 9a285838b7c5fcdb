// The delivery upkeep (the server's minute timer, `kringwerk deliver-messages` from cron): mails
// every recipient whose moment has come, in their own language, one mail per person per run, so
// a digest reader gets the day's messages together. Recipients are claimed before mailing
// (FOR UPDATE SKIP LOCKED), so two servers never mail a person twice; a person's rows are
// claimed together, so their messages are never split over two mails.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { translator } from '../../../core/i18n/index.ts'
import { composeMail, type MailPart, type SendOutcome } from '../../../core/mail.ts'
import { addressees, type MailedMessage, messagesToMail } from '../read/mailing.ts'
import { plainText, renderMessage } from '../render.ts'

type DeliverDeps = Pick<ServiceDeps, 'db' | 'mailer' | 'baseUrl'>

/** People per claim, and claims per run: a run mails at most BATCH × ROUNDS people. */
const BATCH = 200
const ROUNDS = 25

interface Claimed {
  message_id: string
  person_id: string
}

async function claim(db: Db, now: Date, batch: number): Promise<Claimed[]> {
  const { rows } = await sql<Claimed>`
    with persons as (
      select distinct person_id from message_recipients
      where mailed_at is null and due_at <= ${now}
      limit ${batch}
    ), due as (
      select r.message_id, r.person_id from message_recipients r
      where r.person_id in (select person_id from persons)
        and r.mailed_at is null and r.due_at <= ${now}
      for update skip locked
    )
    update message_recipients r set mailed_at = ${now}
    from due where r.message_id = due.message_id and r.person_id = due.person_id
    returning r.message_id, r.person_id`.execute(db)
  return rows
}

/** One message as a part of a person's mail. */
function partFor(
  m: MailedMessage,
  lang: Parameters<typeof translator>[0],
  baseUrl: string,
): MailPart {
  const t = translator(lang)
  const shown = renderMessage({ ...m, translation: m.translations.get(lang) ?? null }, lang, {
    flemish: m.flemish,
  })
  const lines = [shown.paragraphs.join('\n\n')]
  if (shown.dutch && m.flemish)
    lines.unshift(`${plainText(shown.dutch)}\n\n— ${t('messages.translationBeside')} —`)
  if (shown.untranslated) lines.push(t('messages.mail.untranslated'))
  lines.push(`${t('messages.mail.open')}\n${baseUrl}/messages/${m.id}`)
  return {
    subject: m.urgent ? `${t('messages.urgent')}: ${shown.subject}` : shown.subject,
    text: lines.join('\n\n'),
    confidential: m.audience === 'families',
  }
}

export async function deliverMessages(
  deps: DeliverDeps,
  now = new Date(),
  batch = BATCH,
): Promise<{ people: number; messages: number }> {
  let people = 0
  let messages = 0
  for (let round = 0; round < ROUNDS; round++) {
    const claimed = await claim(deps.db, now, batch)
    if (!claimed.length) break
    const byPerson = new Map<string, string[]>()
    for (const c of claimed)
      byPerson.set(c.person_id, [...(byPerson.get(c.person_id) ?? []), c.message_id])
    const [content, to] = await Promise.all([
      messagesToMail(deps.db, [...new Set(claimed.map((c) => c.message_id))]),
      addressees(deps.db, [...byPerson.keys()]),
    ])
    const outcomes = new Map<SendOutcome, string[]>()
    for (const person of to) {
      const ids = byPerson.get(person.id) ?? []
      const parts = ids
        .map((id) => content.get(id))
        .filter((m): m is MailedMessage => m !== undefined)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
        .map((m) => partFor(m, person.language, deps.baseUrl))
      if (!parts.length) continue
      const t = translator(person.language)
      const whole = composeMail(parts)
      const outcome = await deps.mailer.send({
        to: person.email,
        personId: person.id,
        subject:
          parts.length > 1 ? t('messages.mail.digestSubject', { n: parts.length }) : whole.subject,
        text: whole.text,
        confidential: parts.some((p) => p.confidential),
        parts,
      })
      outcomes.set(outcome, [...(outcomes.get(outcome) ?? []), person.id])
      people++
      messages += parts.length
    }
    for (const [outcome, ids] of outcomes)
      await deps.db
        .updateTable('message_recipients')
        .set({ outcome })
        .where('person_id', 'in', ids)
        .where('mailed_at', '=', now)
        .where('outcome', 'is', null)
        .execute()
  }
  return { people, messages }
}
