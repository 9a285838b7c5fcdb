// The one mailer: SMTP (nodemailer) when SMTP_URL is set, otherwise the outbox table that
// admins (and anyone in demo mode) read at /outbox. Mail bodies are plain text.
//
// Over SMTP every mail is first queued in the database (migration 0010), then sent at once;
// when the mail server is down or answers "try later", the server's minute timer tries again
// with growing pauses. Delivered mail is deleted from the queue; mail that cannot be
// delivered keeps only its address, subject and error code for the admin (/outbox).
import { sql } from 'kysely'
import nodemailer from 'nodemailer'
import type { Config } from './config.ts'
import type { Db } from './db/index.ts'
import type { Language } from './db/schema.ts'
import { type T, translator } from './i18n/index.ts'
import type { Logger } from './log.ts'

export interface Mail {
  to: string
  /** The recipient's person id when known: scopes the outbox to the recipient's schools. */
  personId: string | null
  subject: string
  text: string
  /** Tells who takes part in something: kept out of an admin's outbox view. */
  confidential?: boolean
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox'
  /** Resolves once the mail is safe: delivered, queued for another try, or in the outbox. */
  send(mail: Mail): Promise<void>
  /** Tries queued mail whose time has come (SMTP only; the server calls it every minute). */
  deliverDue(): Promise<Delivered>
}

export interface Delivered {
  sent: number
  retrying: number
  failed: number
}

/** Attempts before a mail counts as undeliverable; pauses of 1, 2, 4 … 64 minutes between. */
export const MAIL_ATTEMPTS = 8
/** Undelivered mail stays this long on the admin's list. */
export const UNDELIVERED_DAYS = 30

type Queued = {
  id: string
  to_address: string
  subject: string
  body_text: string
  attempts: number
}

/** An SMTP reply code (550) or a transport error code (ECONNECTION): never the reply's text. */
function errorCode(err: unknown): string {
  const e = err as { responseCode?: number; code?: string }
  const raw = e.responseCode ? String(e.responseCode) : (e.code ?? 'UNKNOWN')
  return (
    raw
      .toUpperCase()
      .replace(/[^A-Z0-9_]/g, '_')
      .slice(0, 40) || 'UNKNOWN'
  )
}

function smtpMailer(config: Config, smtpUrl: string, db: Db, log: Logger): Mailer {
  const transport = nodemailer.createTransport(smtpUrl)

  /**
   * Takes rows for one attempt: counts it and moves the next attempt on, in one statement, so
   * that a second server (or the next timer tick) does not send the same mail meanwhile.
   */
  const claim = (ids: string[] | 'due') =>
    db
      .updateTable('mail_queue')
      .set({
        attempts: sql<number>`attempts + 1`,
        next_attempt_at: sql<Date>`now() + make_interval(mins => (2 ^ attempts)::int)`,
      })
      .where('id', 'in', (eb) => {
        let q = eb
          .selectFrom('mail_queue')
          .select('id')
          .where('failed_at', 'is', null)
          .where('next_attempt_at', '<=', sql<Date>`now()`)
        q = ids === 'due' ? q.orderBy('next_attempt_at').limit(20) : q.where('id', 'in', ids)
        return q.forUpdate().skipLocked()
      })
      .returning(['id', 'to_address', 'subject', 'body_text', 'attempts'])
      .execute()

  async function attempt(row: Queued): Promise<keyof Delivered> {
    try {
      const info = await transport.sendMail({
        from: config.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.body_text,
      })
      await db.deleteFrom('mail_queue').where('id', '=', row.id).execute()
      log.info({ event: 'mail.sent', messageId: info.messageId }, 'mail sent')
      return 'sent'
    } catch (err) {
      const code = errorCode(err)
      // A 5xx reply is final (no such mailbox); anything else may pass on a later try.
      const final =
        row.attempts >= MAIL_ATTEMPTS ||
        ((err as { responseCode?: number }).responseCode ?? 0) >= 500
      await db
        .updateTable('mail_queue')
        .set(
          final
            ? { last_error: code, failed_at: sql<Date>`now()`, body_text: '' }
            : { last_error: code },
        )
        .where('id', '=', row.id)
        .execute()
      log.warn(
        { event: final ? 'mail.failed' : 'mail.retry', code, attempts: row.attempts },
        final ? 'mail could not be delivered' : 'mail delivery failed, will try again',
      )
      return final ? 'failed' : 'retrying'
    }
  }

  return {
    kind: 'smtp',
    async send(mail) {
      const row = await db
        .insertInto('mail_queue')
        .values({
          person_id: mail.personId,
          to_address: mail.to,
          subject: mail.subject,
          body_text: mail.text,
          confidential: mail.confidential ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const claimed of await claim([row.id])) await attempt(claimed)
    },
    async deliverDue() {
      const done: Delivered = { sent: 0, retrying: 0, failed: 0 }
      for (const row of await claim('due')) done[await attempt(row)]++
      await db
        .deleteFrom('mail_queue')
        .where('failed_at', '<', sql<Date>`now() - make_interval(days => ${UNDELIVERED_DAYS})`)
        .execute()
      return done
    },
  }
}

export function createMailer(config: Config, db: Db, log: Logger): Mailer {
  if (config.smtpUrl) return smtpMailer(config, config.smtpUrl, db, log)
  return {
    kind: 'outbox',
    deliverDue: async () => ({ sent: 0, retrying: 0, failed: 0 }),
    async send(mail) {
      await db
        .insertInto('outbox')
        .values({
          person_id: mail.personId,
          to_address: mail.to,
          subject: mail.subject,
          body_text: mail.text,
          confidential: mail.confidential ?? false,
        })
        .execute()
      log.info({ event: 'mail.outbox' }, 'mail stored in outbox')
    },
  }
}

/**
 * Mails one known person in their own language: the one way features write to a person.
 * `compose` gets that person's translator, first name and language.
 */
export async function mailPerson(
  db: Db,
  mailer: Mailer,
  personId: string,
  compose: (t: T, firstName: string, language: Language) => { subject: string; text: string },
  opts: { confidential?: boolean } = {},
): Promise<void> {
  const person = await db
    .selectFrom('people')
    .select(['id', 'email', 'first_name', 'language'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  const { subject, text } = compose(translator(person.language), person.first_name, person.language)
  await mailer.send({
    to: person.email,
    personId: person.id,
    subject,
    text,
    confidential: opts.confidential ?? false,
  })
}
