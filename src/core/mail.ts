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
  /** After this the mail is of no use (a sign-in link): not sent later, and not kept. */
  validUntil?: Date
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox'
  /**
   * Resolves once the mail is safe: 'sent' (the mail server took it), 'stored' (the outbox),
   * 'queued' (another try follows) or 'failed' (the mail server refused it for good).
   */
  send(mail: Mail): Promise<SendOutcome>
  /** Tries queued mail whose time has come, and tidies the queue (the server's minute timer). */
  deliverDue(): Promise<Delivered>
}

/** Mail that tells who takes part in something (a circle, a buddy, a sign-in): kept out of an admin's outbox. */
export const CONFIDENTIAL_MAIL = { confidential: true } as const

export type SendOutcome = 'sent' | 'stored' | 'queued' | 'failed'

export interface Delivered {
  sent: number
  retrying: number
  failed: number
}

/** Attempts before a mail counts as undeliverable; pauses of 1, 2, 4 … 64 minutes between. */
export const MAIL_ATTEMPTS = 8
/** Undelivered mail stays this long on the admin's list. */
export const UNDELIVERED_DAYS = 30
/**
 * A claimed mail is not claimed again for this long, so that a slow mail server never gets
 * the same mail twice; the SMTP timeouts below end every attempt well within it.
 */
const LEASE_MINUTES = 10
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 }

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

/**
 * Only the receiving side's "no" to this one recipient is final (550 at RCPT TO). A 5xx at
 * log-in or for the sender is our own configuration, and mail must survive until it is fixed.
 */
function refusedForGood(err: unknown): boolean {
  const e = err as { responseCode?: number; command?: string }
  return (e.responseCode ?? 0) >= 500 && /^RCPT\b/i.test(e.command ?? '')
}

/** The queue's housekeeping, with or without a mail server. */
async function tidyQueue(db: Db): Promise<void> {
  // Mail whose use has passed (a sign-in link after 15 minutes) is neither sent nor kept.
  await db
    .deleteFrom('mail_queue')
    .where('valid_until', '<', sql<Date>`now()`)
    .where('failed_at', 'is', null)
    .execute()
  await db
    .deleteFrom('mail_queue')
    .where('failed_at', '<', sql<Date>`now() - make_interval(days => ${UNDELIVERED_DAYS})`)
    .execute()
}

function smtpMailer(config: Config, smtpUrl: string, db: Db, log: Logger): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS })

  /**
   * Takes one due mail (or the given one) for an attempt: counts the attempt and leases the
   * row, in one statement, so that a second server or the next tick leaves it alone.
   */
  const claim = async (id?: string): Promise<Queued | undefined> =>
    db
      .updateTable('mail_queue')
      .set({
        attempts: sql<number>`attempts + 1`,
        next_attempt_at: sql<Date>`now() + make_interval(mins => ${LEASE_MINUTES})`,
      })
      .where('id', '=', (eb) => {
        let q = eb
          .selectFrom('mail_queue')
          .select('id')
          .where('failed_at', 'is', null)
          .where('next_attempt_at', '<=', sql<Date>`now()`)
          .where((w) =>
            w.or([w('valid_until', 'is', null), w('valid_until', '>', sql<Date>`now()`)]),
          )
        if (id) q = q.where('id', '=', id)
        return q.orderBy('next_attempt_at').limit(1).forUpdate().skipLocked()
      })
      .returning(['id', 'to_address', 'subject', 'body_text', 'attempts'])
      .executeTakeFirst()

  /** Only the attempt that holds the lease may settle the row. */
  const mine = (row: Queued) =>
    db
      .updateTable('mail_queue')
      .where('id', '=', row.id)
      .where('attempts', '=', row.attempts)
      .where('failed_at', 'is', null)

  async function attempt(row: Queued): Promise<keyof Delivered> {
    let messageId: string
    try {
      ;({ messageId } = await transport.sendMail({
        from: config.mailFrom,
        to: row.to_address,
        subject: row.subject,
        text: row.body_text,
      }))
    } catch (err) {
      const code = errorCode(err)
      const final = row.attempts >= MAIL_ATTEMPTS || refusedForGood(err)
      const pause = 2 ** Math.min(row.attempts - 1, 6)
      await mine(row)
        .set(
          final
            ? { last_error: code, failed_at: sql<Date>`now()`, body_text: '' }
            : {
                last_error: code,
                next_attempt_at: sql<Date>`now() + make_interval(mins => ${pause})`,
              },
        )
        .execute()
      log.warn(
        { event: final ? 'mail.failed' : 'mail.retry', errorCode: code, attempts: row.attempts },
        final ? 'mail could not be delivered' : 'mail delivery failed, will try again',
      )
      return final ? 'failed' : 'retrying'
    }
    // Delivered: the mail is not kept. Should this delete fail, the lease keeps the row from
    // going out again for LEASE_MINUTES, and the error reaches the caller's log.
    await db
      .deleteFrom('mail_queue')
      .where('id', '=', row.id)
      .where('attempts', '=', row.attempts)
      .execute()
    log.info({ event: 'mail.sent', messageId }, 'mail sent')
    return 'sent'
  }

  let delivering: Promise<Delivered> | null = null
  async function deliverAll(): Promise<Delivered> {
    const done: Delivered = { sent: 0, retrying: 0, failed: 0 }
    for (let i = 0; i < 50; i++) {
      const row = await claim()
      if (!row) break
      done[await attempt(row)]++
    }
    await tidyQueue(db)
    return done
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
          valid_until: mail.validUntil ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const claimed = await claim(row.id)
      if (!claimed) return 'queued'
      const outcome = await attempt(claimed)
      return outcome === 'retrying' ? 'queued' : outcome
    },
    // One run at a time: a tick that finds the previous run still going does nothing.
    deliverDue() {
      if (delivering) return Promise.resolve({ sent: 0, retrying: 0, failed: 0 })
      delivering = deliverAll().finally(() => {
        delivering = null
      })
      return delivering
    },
  }
}

export function createMailer(config: Config, db: Db, log: Logger): Mailer {
  if (config.smtpUrl) return smtpMailer(config, config.smtpUrl, db, log)
  return {
    kind: 'outbox',
    // Mail queued while a mail server was set up waits for one; only the housekeeping runs.
    async deliverDue() {
      await tidyQueue(db)
      return { sent: 0, retrying: 0, failed: 0 }
    },
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
      return 'stored'
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
