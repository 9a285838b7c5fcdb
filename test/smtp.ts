// A real SMTP server in-process: mail sent by the app over SMTP lands here, parsed.
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface Inbox {
  url: string
  mails: ParsedMail[]
  /** Waits (bounded) for the next mail to this address. */
  next(to: string, timeoutMs?: number): Promise<ParsedMail>
  close(): Promise<void>
}

export async function startSmtp(): Promise<Inbox> {
  const mails: ParsedMail[] = []
  const seen = new Set<ParsedMail>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    secure: false,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async next(to, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs
      while (Date.now() < until) {
        const mail = mails.find((m) => !seen.has(m) && JSON.stringify(m.to).includes(to))
        if (mail) {
          seen.add(mail)
          return mail
        }
        await new Promise((r) => setTimeout(r, 25))
      }
      throw new Error(`no mail to ${to} within ${timeoutMs} ms`)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export const linkIn = (text: string): string => {
  const m = text.match(/https?:\/\/\S+\/signin\/verify\?token=\S+/)
  if (!m) throw new Error('no sign-in link in mail')
  return m[0]
}

export const codeIn = (text: string): string => {
  const m = text.replace(/https?:\/\/\S+/g, '').match(/\b(\d{6})\b/)
  if (!m?.[1]) throw new Error('no code in mail')
  return m[1]
}
