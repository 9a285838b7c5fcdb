// Mail over SMTP loses nothing (src/core/mail.ts): a mail server that says "later" gets the
// mail again when its time has come, one that refuses for good leaves a notice for the admin
// with address, subject and code only, and delivered mail is not kept.
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { MAIL_ATTEMPTS } from '../src/core/mail.ts'
import { personaEmail } from '../src/demo/personas.ts'
import { type TestApp, testApp, visibleText } from './helpers.ts'

type Mode = 'accept' | 'later' | 'refuse' | 'refuseSender'

/** A real SMTP server whose answer to each recipient the test decides. */
async function mailServer() {
  const state = { mode: 'accept' as Mode, mails: [] as ParsedMail[] }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (state.mode !== 'refuseSender') return callback()
      const err = new Error('sender not allowed')
      ;(err as Error & { responseCode: number }).responseCode = 553
      callback(err)
    },
    onRcptTo(_address, _session, callback) {
      if (state.mode === 'accept') return callback()
      const err = new Error(state.mode === 'later' ? 'try again later' : 'no such mailbox')
      ;(err as Error & { responseCode: number }).responseCode = state.mode === 'later' ? 451 : 550
      callback(err)
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          state.mails.push(mail)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    state,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let smtp: Awaited<ReturnType<typeof mailServer>>
let t: TestApp

before(async () => {
  smtp = await mailServer()
  t = await testApp({ env: { SMTP_URL: smtp.url, KRINGWERK_DEMO: '0' } })
})
after(async () => {
  await t.close()
  await smtp.close()
})

const queued = (to: string) =>
  t.deps.db
    .selectFrom('mail_queue')
    .select(['attempts', 'last_error', 'failed_at', 'body_text', 'subject'])
    .where('to_address', '=', to)
    .execute()

async function invite(email: string, name: string) {
  const director = t.client()
  await director.signInByEmail(t.deps.db, personaEmail('director'))
  return director.post('/people/invite', { name, email, role: 'teacher' })
}

describe('mail over SMTP', () => {
  it('a mail the server takes is delivered at once and not kept', async () => {
    smtp.state.mode = 'accept'
    const res = await invite('anouk.direct@example.org', 'Anouk Direct')
    assert.equal(res.status, 303)
    assert.ok(smtp.state.mails.some((m) => JSON.stringify(m.to).includes('anouk.direct@')))
    assert.deepEqual(await queued('anouk.direct@example.org'), [])
  })

  it('"try later": the change is saved, the mail waits, and goes out when its time has come', async () => {
    smtp.state.mode = 'later'
    const res = await invite('bram.later@example.org', 'Bram Later')
    assert.equal(res.status, 303, 'the invitation itself is saved')
    const [waiting] = await queued('bram.later@example.org')
    assert.equal(waiting?.attempts, 1)
    assert.equal(waiting?.last_error, '451')
    assert.equal(waiting?.failed_at, null)
    assert.match(waiting?.body_text ?? '', /\/signin/)

    // Not due yet: the next try waits a minute.
    smtp.state.mode = 'accept'
    assert.deepEqual(await t.deps.mailer.deliverDue(), { sent: 0, retrying: 0, failed: 0 })

    await sql`update mail_queue set next_attempt_at = now()`.execute(t.deps.db)
    assert.deepEqual(await t.deps.mailer.deliverDue(), { sent: 1, retrying: 0, failed: 0 })
    assert.deepEqual(await queued('bram.later@example.org'), [])
    const mail = smtp.state.mails.find((m) => JSON.stringify(m.to).includes('bram.later@'))
    assert.match(mail?.text ?? '', /\/signin/)
  })

  it('a refused sender is our own setting: the mail waits instead of being lost', async () => {
    smtp.state.mode = 'refuseSender'
    const res = await invite('eva.afzender@example.org', 'Eva Afzender')
    assert.equal(res.status, 303)
    const [waiting] = await queued('eva.afzender@example.org')
    assert.equal(waiting?.last_error, '553')
    assert.equal(waiting?.failed_at, null)
    assert.notEqual(waiting?.body_text, '')
    smtp.state.mode = 'accept'
    await sql`update mail_queue set next_attempt_at = now()`.execute(t.deps.db)
    const [first, second] = await Promise.all([
      t.deps.mailer.deliverDue(),
      t.deps.mailer.deliverDue(),
    ])
    // One run at a time: the second tick finds the first still going and leaves the mail be.
    assert.deepEqual(
      [first, second],
      [
        { sent: 1, retrying: 0, failed: 0 },
        { sent: 0, retrying: 0, failed: 0 },
      ],
    )
    const copies = smtp.state.mails.filter((m) => JSON.stringify(m.to).includes('eva.afzender@'))
    assert.equal(copies.length, 1)
  })

  it('a sign-in link that expired while it waited is neither sent nor kept', async () => {
    smtp.state.mode = 'later'
    const c = t.client()
    await c.get('/signin')
    await c.post('/signin', { email: personaEmail('teacher') })
    await t.deps.background.settled()
    const [waiting] = await queued(personaEmail('teacher'))
    assert.ok(waiting, 'the sign-in mail waits in the queue')
    smtp.state.mode = 'accept'
    await sql`update mail_queue set next_attempt_at = now(), valid_until = now() - interval '1 second'`.execute(
      t.deps.db,
    )
    assert.deepEqual(await t.deps.mailer.deliverDue(), { sent: 0, retrying: 0, failed: 0 })
    assert.deepEqual(await queued(personaEmail('teacher')), [])
    assert.ok(!smtp.state.mails.some((m) => JSON.stringify(m.to).includes(personaEmail('teacher'))))
  })

  it(`gives up after ${MAIL_ATTEMPTS} tries, keeping no body`, async () => {
    smtp.state.mode = 'later'
    await invite('cas.nooit@example.org', 'Cas Nooit')
    for (let i = 1; i < MAIL_ATTEMPTS; i++) {
      await sql`update mail_queue set next_attempt_at = now() where to_address = 'cas.nooit@example.org'`.execute(
        t.deps.db,
      )
      await t.deps.mailer.deliverDue()
    }
    const [gone] = await queued('cas.nooit@example.org')
    assert.equal(gone?.attempts, MAIL_ATTEMPTS)
    assert.ok(gone?.failed_at instanceof Date)
    assert.equal(gone?.body_text, '')
  })

  it('a final refusal (5xx) is not retried; the admin sees address, subject and code, never a confidential mail', async () => {
    smtp.state.mode = 'refuse'
    await invite('dirk.bestaatniet@example.org', 'Dirk Bestaatniet')
    const [refused] = await queued('dirk.bestaatniet@example.org')
    assert.equal(refused?.attempts, 1)
    assert.equal(refused?.last_error, '550')
    assert.ok(refused?.failed_at instanceof Date)
    assert.equal(refused?.body_text, '')

    const parent = await t.deps.db
      .selectFrom('people')
      .select(['id', 'email'])
      .where('email', '=', personaEmail('parent'))
      .executeTakeFirstOrThrow()
    await t.deps.mailer.send({
      to: parent.email,
      personId: parent.id,
      subject: 'Je plek in de ouderkring',
      text: 'Welkom in de kring.',
      confidential: true,
    })

    const admin = t.client()
    await admin.signInByEmail(t.deps.db, personaEmail('admin'))
    const page = await admin.get('/outbox')
    assert.equal(page.status, 200)
    const text = visibleText(page.text)
    assert.match(text, /Niet bezorgd/)
    assert.match(text, /dirk\.bestaatniet@example\.org/)
    assert.match(text, /foutcode 550/)
    assert.doesNotMatch(text, /ouderkring/, 'a confidential mail stays out of the admin view')

    const parentClient = t.client()
    await parentClient.signInByEmail(t.deps.db, personaEmail('parent'))
    assert.equal((await parentClient.get('/outbox')).status, 403)
  })
})
