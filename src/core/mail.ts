// The one mailer: SMTP (nodemailer) when SMTP_URL is set, otherwise the outbox table that
// admins (and anyone in demo mode) read at /outbox. Mail bodies are plain text.
//
// Over SMTP every mail is first queued in the database (migration 0010), then sent at once;
// when the mail server is down or answers "try later", the server's minute timer tries again
// with growing pauses. Delivered mail is deleted from the queue; mail that cannot be
// delivered keeps only its address, subject and error code for the admin (/outbox).
//
// Mail to one person at one moment is one mail: work run through `gatherMail` (an invitation
// and the buddy offer that follows it) sends each person a single mail whose parts follow
// each other under their own subjects. The parts are stored as rows of one mail (migration
// 0017), so each keeps its own confidentiality and validity.
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import nodemailer from 'nodemailer'
import type { Config } from './config.ts'
import type { Db } from './db/index.ts'
import type { Language } from './db/schema.ts'
import { transact } from './db/transact.ts'
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
  /**
   * A mail of several parts (see `gatherMail`); `subject` and `text` are then the whole mail
   * as composed by `composeMail`, while each part keeps its own confidentiality and validity.
   */
  parts?: readonly MailPart[]
}

/** One part of a mail: what one feature had to say, under its own subject. */
export type MailPart = Pick<Mail, 'subject' | 'text' | 'confidential' | 'validUntil'>

const partsOf = (mail: Mail): readonly MailPart[] => (mail.parts?.length ? mail.parts : [mail])

/**
 * The mail its parts make: the first part's subject (what the moment is about: the invitation
 * before what follows from it), and each part in order under its own subject as a heading.
 */
export function composeMail(parts: readonly Pick<MailPart, 'subject' | 'text'>[]): {
  subject: string
  text: string
} {
  const [first] = parts
  if (!first) return { subject: '', text: '' }
  if (parts.length === 1) return { subject: first.subject, text: first.text }
  const text = parts
    .map(
      (p) => `${p.subject}\n${'='.repeat(Math.min([...p.subject].length, 60))}\n\n${p.text.trim()}`,
    )
    .join('\n\n\n')
  return { subject: first.subject, text }
}

/** One mail of all the mails given (to one recipient), their parts in order. */
export function combineMails(mails: readonly Mail[]): Mail {
  const [first] = mails
  if (!first) throw new Error('no mail to combine')
  if (mails.length === 1) return first
  const parts = mails.flatMap(partsOf)
  return {
    to: first.to,
    personId: mails.find((m) => m.personId)?.personId ?? null,
    ...composeMail(parts),
    confidential: parts.some((p) => p.confidential),
    parts,
  }
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox'
  /**
   * Resolves once the mail is safe: 'sent' (the mail server took it), 'stored' (the outbox),
   * 'queued' (another try follows, or, inside `gatherMail`, it goes out when the moment ends)
   * or 'failed' (the mail server refused it for good).
   */
  send(mail: Mail): Promise<SendOutcome>
  /**
   * Writes the mail with `db`, a transaction: once that commits the mail will go (the queue)
   * or is there (the outbox). Answers the id to `deliver` at once after the commit.
   */
  store(db: Db, mail: Mail): Promise<string>
  /**
   * Tries stored mail now (after its transaction committed), answering each one's outcome as
   * `send` does; what is not delivered now waits for the timer.
   */
  deliver(mailIds: readonly string[]): Promise<SendOutcome[]>
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

/** The rows of one queued mail, one per part, in order. */
type Queued = {
  mailId: string
  attempts: number
  to: string
  parts: { subject: string; body_text: string }[]
}

/** The rows of one mail to store: one per part, sharing a new mail id. */
function rowsOf(mail: Mail) {
  const mailId = randomUUID()
  return partsOf(mail).map((p, part) => ({
    mail_id: mailId,
    part,
    person_id: mail.personId,
    to_address: mail.to,
    subject: p.subject,
    body_text: p.text,
    confidential: p.confidential ?? false,
  }))
}

/** The queue's rows of one mail: as in the outbox, and each part's validity. */
function queueRowsOf(mail: Mail) {
  const parts = partsOf(mail)
  return rowsOf(mail).map((row, i) => ({ ...row, valid_until: parts[i]?.validUntil ?? null }))
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
  // Mail whose use has passed (a sign-in link after 15 minutes) is neither sent nor kept; in a
  // mail of several parts only that part drops out.
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
   * Takes one due mail (or the given one) for an attempt: counts the attempt and leases all its
   * parts, in one statement, so that a second server or the next tick leaves it alone. A part
   * whose use has passed stays behind (the tidying deletes it).
   */
  const claim = async (mailId?: string): Promise<Queued | undefined> => {
    const due = sql<boolean>`failed_at is null and next_attempt_at <= now()
      and (valid_until is null or valid_until > now())`
    const rows = await db
      .updateTable('mail_queue')
      .set({
        attempts: sql<number>`attempts + 1`,
        next_attempt_at: sql<Date>`now() + make_interval(mins => ${LEASE_MINUTES})`,
      })
      .where('mail_id', '=', (eb) => {
        // Claimers contend for one row per mail, its first due part: locking any part would let
        // two claimers lock two parts of one mail and then wait for each other (a deadlock).
        let q = eb
          .selectFrom('mail_queue')
          .select('mail_id')
          .where(due)
          .where(sql<boolean>`not exists (select 1 from mail_queue q2
            where q2.mail_id = mail_queue.mail_id and q2.part < mail_queue.part
              and q2.failed_at is null and q2.next_attempt_at <= now()
              and (q2.valid_until is null or q2.valid_until > now()))`)
        if (mailId) q = q.where('mail_id', '=', mailId)
        return q.orderBy('next_attempt_at').limit(1).forUpdate().skipLocked()
      })
      // Again for each part: a part another attempt leased meanwhile is not due any more.
      .where(due)
      .returning(['mail_id', 'part', 'to_address', 'subject', 'body_text', 'attempts'])
      .execute()
    const [first] = rows
    if (!first) return undefined
    return {
      mailId: first.mail_id,
      attempts: Math.max(...rows.map((r) => r.attempts)),
      to: first.to_address,
      parts: rows.sort((a, b) => a.part - b.part),
    }
  }

  /** Only the attempt that holds the lease may settle the mail. */
  const mine = (mail: Queued) =>
    db
      .updateTable('mail_queue')
      .where('mail_id', '=', mail.mailId)
      .where('attempts', '=', mail.attempts)
      .where('failed_at', 'is', null)

  async function attempt(mail: Queued): Promise<keyof Delivered> {
    const { subject, text } = composeMail(
      mail.parts.map((p) => ({ subject: p.subject, text: p.body_text })),
    )
    let messageId: string
    try {
      ;({ messageId } = await transport.sendMail({
        from: config.mailFrom,
        to: mail.to,
        subject,
        text,
      }))
    } catch (err) {
      const code = errorCode(err)
      const final = mail.attempts >= MAIL_ATTEMPTS || refusedForGood(err)
      const pause = 2 ** Math.min(mail.attempts - 1, 6)
      await mine(mail)
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
        { event: final ? 'mail.failed' : 'mail.retry', errorCode: code, attempts: mail.attempts },
        final ? 'mail could not be delivered' : 'mail delivery failed, will try again',
      )
      return final ? 'failed' : 'retrying'
    }
    // Delivered: the mail is not kept. Should this delete fail, the lease keeps the rows from
    // going out again for LEASE_MINUTES, and the error reaches the caller's log.
    await db
      .deleteFrom('mail_queue')
      .where('mail_id', '=', mail.mailId)
      .where('attempts', '=', mail.attempts)
      .execute()
    log.info({ event: 'mail.sent', messageId, parts: mail.parts.length }, 'mail sent')
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

  /** One attempt now at a mail just stored, unless another attempt has it already. */
  async function tryNow(mailId: string): Promise<SendOutcome> {
    const claimed = await claim(mailId)
    if (!claimed) return 'queued'
    const outcome = await attempt(claimed)
    return outcome === 'retrying' ? 'queued' : outcome
  }

  return {
    kind: 'smtp',
    async send(mail) {
      const rows = queueRowsOf(mail)
      await db.insertInto('mail_queue').values(rows).execute()
      return tryNow(rows[0]?.mail_id ?? '')
    },
    async store(trx, mail) {
      const rows = queueRowsOf(mail)
      await trx.insertInto('mail_queue').values(rows).execute()
      return rows[0]?.mail_id ?? ''
    },
    async deliver(mailIds) {
      const outcomes: SendOutcome[] = []
      for (const id of mailIds) {
        try {
          outcomes.push(await tryNow(id))
        } catch (err) {
          // Committed and queued: the minute timer tries again.
          log.warn({ event: 'mail.deferred', err }, 'mail stays queued for the next delivery run')
          outcomes.push('queued')
        }
      }
      return outcomes
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
  const store = async (into: Db, mail: Mail) => {
    const rows = rowsOf(mail)
    await into.insertInto('outbox').values(rows).execute()
    log.info({ event: 'mail.outbox' }, 'mail stored in outbox')
    return rows[0]?.mail_id ?? ''
  }
  return {
    kind: 'outbox',
    // Mail queued while a mail server was set up waits for one; only the housekeeping runs.
    async deliverDue() {
      await tidyQueue(db)
      return { sent: 0, retrying: 0, failed: 0 }
    },
    async send(mail) {
      await store(db, mail)
      return 'stored'
    },
    store,
    // In the outbox once committed: nothing to deliver.
    deliver: async (mailIds) => mailIds.map(() => 'stored'),
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

/** A mailer that holds mail until the moment is over (see `gatherMail`). */
class Gathering implements Mailer {
  readonly kind: Mailer['kind']
  readonly held = new Map<string, Mail[]>()
  constructor(readonly inner: Mailer) {
    this.kind = inner.kind
  }
  async send(mail: Mail): Promise<SendOutcome> {
    const key = mail.to.trim().toLowerCase()
    const list = this.held.get(key) ?? []
    list.push(mail)
    this.held.set(key, list)
    // Not sent yet: it goes out, with whatever else this person is written, when the moment ends.
    return 'queued'
  }
  async store(_db: Db, mail: Mail): Promise<string> {
    await this.send(mail)
    return ''
  }
  async deliver(mailIds: readonly string[]): Promise<SendOutcome[]> {
    return mailIds.map(() => 'queued')
  }
  deliverDue(): Promise<Delivered> {
    return this.inner.deliverDue()
  }
}

/**
 * Runs `work` as one moment: one transaction (`deps.db` inside it is that transaction, and
 * commands that open their own join it), whose mail is written in the same transaction, so a
 * commit means the mail will go and a rollback sends nothing. Every mail it sends (also by the
 * event handlers it starts) goes out when it ends, one mail per recipient with the parts in the
 * order they were written; mail to different people is never combined. Inside a moment `send`
 * answers 'queued'. A moment inside a moment belongs to the outer one. Called inside a
 * transaction of the caller's, the mail goes with the minute timer after that one commits.
 */
export async function gatherMail<D extends { mailer: Mailer; db: Db }, R>(
  deps: D,
  work: (deps: D) => Promise<R>,
): Promise<R> {
  if (deps.mailer instanceof Gathering) return work(deps)
  const inner = deps.mailer
  const joined = deps.db.isTransaction
  const gathering = new Gathering(inner)
  const { result, stored } = await transact(deps.db, async (trx) => {
    const result = await work({ ...deps, db: trx, mailer: gathering })
    const stored: string[] = []
    for (const mails of gathering.held.values())
      stored.push(await inner.store(trx, combineMails(mails)))
    return { result, stored }
  })
  if (!joined) await inner.deliver(stored)
  return result
}
