// The one mailer: SMTP (nodemailer) when SMTP_URL is set, otherwise the outbox table that
// admins (and anyone in demo mode) read at /outbox. Mail bodies are plain text.
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
  send(mail: Mail): Promise<void>
}

export function createMailer(config: Config, db: Db, log: Logger): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl)
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await transport.sendMail({
          from: config.mailFrom,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        })
        log.info({ event: 'mail.sent', messageId: info.messageId }, 'mail sent')
      },
    }
  }
  return {
    kind: 'outbox',
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
