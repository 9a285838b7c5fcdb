// Mail over SMTP loses nothing (src/core/mail.ts): a mail server that says "later" gets the
// mail again when its time has come, one that refuses for good leaves a notice for the admin
// with address, subject and code only, and delivered mail is not kept.
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { QueryOutsideTransaction, transact } from '../src/core/db/transact.ts'
import { translator } from '../src/core/i18n/index.ts'
import {
  combineMails,
  composeMail,
  gatherMail,
  MAIL_ATTEMPTS,
  type Mail,
  type Mailer,
} from '../src/core/mail.ts'
import { personaEmail } from '../src/demo/personas.ts'
import { listOutbox } from '../src/features/outbox/read/mail.ts'
import { inviteStaff } from '../src/features/people/index.ts'
import { type TestApp, testApp, visibleText } from './helpers.ts'
import { linkIn } from './smtp.ts'

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

const mailsTo = (to: string) => smtp.state.mails.filter((m) => JSON.stringify(m.to).includes(to))

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

describe('one mail per person at one moment', () => {
  const nl = translator('nl')
  const kleuters = async () =>
    (
      await t.deps.db
        .selectFrom('groups as g')
        .innerJoin('schools as s', 's.id', 'g.school_id')
        .select('g.id')
        .where('g.name', '=', 'Groep 1/2a')
        .where('s.name', '=', 'Basisschool De Regenboog')
        .executeTakeFirstOrThrow()
    ).id
  const director = async () => {
    const c = t.client()
    await c.signInByEmail(t.deps.db, personaEmail('director'))
    return c
  }
  /** Follows the mailed link as the invited person would, on a device of their own. */
  async function signInWith(text: string) {
    const c = t.client()
    await c.get('/signin')
    const token = new URL(linkIn(text)).searchParams.get('token') ?? ''
    const res = await c.post('/signin/verify', { token })
    return { c, res }
  }

  it('a new groep-1 parent gets one mail: the invitation, a sign-in link for them alone, and the buddy offer', async () => {
    smtp.state.mode = 'accept'
    const c = await director()
    const group = await kleuters()
    await c.get(`/groups/${group}`)
    const res = await c.post(`/groups/${group}/invite`, {
      name: 'Noor Eenmail',
      email: 'noor.eenmail@example.org',
      child: 'Ids',
      language: 'nl',
    })
    assert.equal(res.status, 303)
    const mails = mailsTo('noor.eenmail@')
    assert.equal(mails.length, 1, 'invitation, link and buddy offer come as one mail')
    const [mail] = mails
    assert.equal(mail?.subject, nl('mail.invite.subject', { school: 'Basisschool De Regenboog' }))
    const text = mail?.text ?? ''
    // Each part under its own subject, in the order they were written.
    const at = (s: string) => text.indexOf(s)
    const headings = [
      nl('mail.invite.subject', { school: 'Basisschool De Regenboog' }),
      nl('mail.signin.subject'),
      nl('mail.buddyNewFamily.subject'),
    ]
    for (const h of headings) assert.ok(at(`${h}\n===`) >= 0, `heading ${h}`)
    assert.ok(
      headings.map((h) => at(`${h}\n===`)).every((v, i, a) => i === 0 || v > (a[i - 1] ?? 0)),
    )
    assert.match(text, /\/signin\/verify\?token=/)
    assert.match(text, /\/buddies/)
    assert.doesNotMatch(
      text.replace(/https?:\/\/\S+/g, ''),
      /\b\d{6}\b/,
      'an invitation carries a link, no code',
    )
    assert.deepEqual(await queued('noor.eenmail@example.org'), [], 'delivered mail is not kept')

    // The link signs in the invited parent, and nobody else; once.
    const { c: noor, res: signedIn } = await signInWith(text)
    assert.equal(signedIn.status, 303)
    assert.equal(signedIn.location, '/home')
    assert.match(visibleText((await noor.get('/home')).text), /Noor/)
    assert.match(visibleText((await noor.get('/profile')).text), /noor\.eenmail@example\.org/)
    const again = await signInWith(text)
    assert.equal(again.res.status, 400)
    assert.equal(again.c.cookies.has('kw_session'), false)
  })

  it('mails to different people at one moment are not combined', async () => {
    smtp.state.mode = 'accept'
    const c = await director()
    const group = await kleuters()
    await c.get(`/groups/${group}`)
    const res = await c.post(`/groups/${group}/import`, {
      csv: 'Rik Apart,rik.apart@example.org,Mees,Groep 1/2a,nl\nSara Apart,sara.apart@example.org,Fenna,Groep 1/2a,en',
    })
    assert.equal(res.status, 303)
    const rik = mailsTo('rik.apart@')
    const sara = mailsTo('sara.apart@')
    assert.equal(rik.length, 1)
    assert.equal(sara.length, 1)
    for (const [mail, own, other] of [
      [rik[0], 'rik.apart@', 'sara.apart@'],
      [sara[0], 'sara.apart@', 'rik.apart@'],
    ] as const) {
      assert.ok(JSON.stringify(mail?.to).includes(own))
      assert.ok(!JSON.stringify(mail?.to).includes(other), 'one recipient per mail')
      assert.ok(!JSON.stringify(mail?.cc ?? '').includes(other))
      assert.equal((mail?.text ?? '').match(/\/signin\/verify\?token=/g)?.length, 1)
      assert.match(mail?.text ?? '', /\/buddies/, 'each family gets its own buddy offer')
    }
    assert.doesNotMatch(rik[0]?.text ?? '', /Sara/)
    assert.doesNotMatch(sara[0]?.text ?? '', /Rik/)
    assert.match(sara[0]?.subject ?? '', /Welcome/, 'each in their own language')
    // Each link signs in its own person.
    for (const [mail, email] of [
      [rik[0], 'rik.apart@example.org'],
      [sara[0], 'sara.apart@example.org'],
    ] as const) {
      const { c: person, res: done } = await signInWith(mail?.text ?? '')
      assert.equal(done.status, 303)
      assert.match(visibleText((await person.get('/profile')).text), new RegExp(email))
    }
  })

  it('a link that expired while the mail waited drops out; the invitation still goes', async () => {
    smtp.state.mode = 'later'
    const c = await director()
    const group = await kleuters()
    await c.get(`/groups/${group}`)
    await c.post(`/groups/${group}/invite`, {
      name: 'Tess Wacht',
      email: 'tess.wacht@example.org',
      child: 'Bo',
      language: 'nl',
    })
    const waiting = await t.deps.db
      .selectFrom('mail_queue')
      .select(['mail_id', 'part', 'subject', 'confidential', 'valid_until'])
      .where('to_address', '=', 'tess.wacht@example.org')
      .orderBy('part')
      .execute()
    assert.deepEqual(
      waiting.map((w) => [w.part, w.subject, w.confidential, w.valid_until !== null]),
      [
        [0, nl('mail.invite.subject', { school: 'Basisschool De Regenboog' }), false, false],
        [1, nl('mail.signin.subject'), true, true],
        [2, nl('mail.buddyNewFamily.subject'), true, false],
      ],
    )
    assert.equal(new Set(waiting.map((w) => w.mail_id)).size, 1, 'three parts of one mail')
    smtp.state.mode = 'accept'
    await sql`update mail_queue set next_attempt_at = now() where to_address = 'tess.wacht@example.org'`.execute(
      t.deps.db,
    )
    await sql`update mail_queue set valid_until = now() - interval '1 second' where to_address = 'tess.wacht@example.org' and valid_until is not null`.execute(
      t.deps.db,
    )
    assert.deepEqual(await t.deps.mailer.deliverDue(), { sent: 1, retrying: 0, failed: 0 })
    const [mail] = mailsTo('tess.wacht@')
    assert.ok(mail)
    assert.doesNotMatch(mail.text ?? '', /\/signin\/verify/)
    assert.match(mail.text ?? '', /\/signin\b/, 'the invitation says how to sign in without it')
    assert.match(mail.text ?? '', /\/buddies/)
    assert.deepEqual(await queued('tess.wacht@example.org'), [])
  })

  it('an admin sees the invitation of a refused mail, never its link or buddy offer', async () => {
    smtp.state.mode = 'refuse'
    const c = await director()
    const group = await kleuters()
    await c.get(`/groups/${group}`)
    await c.post(`/groups/${group}/invite`, {
      name: 'Wim Weg',
      email: 'wim.weg@example.org',
      child: 'Jip',
      language: 'nl',
    })
    smtp.state.mode = 'accept'
    const admin = t.client()
    await admin.signInByEmail(t.deps.db, personaEmail('admin'))
    const text = visibleText((await admin.get('/outbox')).text)
    const line = text.match(/wim\.weg@example\.org[^·]*·[^·]*·/g) ?? []
    assert.equal(line.length, 1, 'one line for the one refused mail')
    assert.match(line[0] ?? '', /Welkom bij Kringwerk van Basisschool De Regenboog/)
    assert.doesNotMatch(text, new RegExp(nl('mail.buddyNewFamily.subject').replace('?', '\\?')))
    assert.doesNotMatch(text, new RegExp(nl('mail.signin.subject')))
  })
})

describe('gathering mail (core/mail.ts)', () => {
  /** A mailer that keeps what it is given, beside the test database. */
  const keeper = () => {
    const sent: Mail[] = []
    const mailer: Mailer = {
      kind: 'outbox',
      deliverDue: async () => ({ sent: 0, retrying: 0, failed: 0 }),
      send: async (mail) => {
        sent.push(mail)
        return 'stored'
      },
      store: async (_db, mail) => {
        sent.push(mail)
        return String(sent.length)
      },
      deliver: async (ids) => ids.map(() => 'stored'),
    }
    return { sent, mailer, db: t.deps.db }
  }
  const mail = (to: string, subject: string, extra: Partial<Mail> = {}): Mail => ({
    to,
    personId: null,
    subject,
    text: `${subject} text`,
    ...extra,
  })

  it('holds mail until the moment ends, one mail per recipient, parts in order', async () => {
    const { sent, mailer, db } = keeper()
    const result = await gatherMail({ mailer, db }, async ({ mailer: m, db: trx }) => {
      assert.equal(await m.send(mail('a@example.org', 'A1')), 'queued')
      await m.send(mail('b@example.org', 'B1'))
      // A moment inside a moment belongs to the outer one.
      await gatherMail({ mailer: m, db: trx }, async ({ mailer: inner }) => {
        await inner.send(mail('A@example.org', 'A2', { confidential: true }))
      })
      assert.equal(sent.length, 0, 'nothing goes out before the moment ends')
      return 42
    })
    assert.equal(result, 42)
    assert.deepEqual(
      sent.map((m) => [m.to, m.subject, m.parts?.map((p) => p.subject) ?? null]),
      [
        ['a@example.org', 'A1', ['A1', 'A2']],
        ['b@example.org', 'B1', null],
      ],
    )
    assert.equal(sent[0]?.confidential, true, 'a mail with a confidential part is confidential')
    assert.equal(sent[0]?.text, 'A1\n==\n\nA1 text\n\n\nA2\n==\n\nA2 text')
    assert.equal(sent[1]?.confidential, undefined)
  })

  it('a moment that fails saves nothing and sends nothing', async () => {
    const { sent, mailer, db } = keeper()
    const marker = 'moment.rolled.back@example.org'
    await assert.rejects(
      gatherMail({ mailer, db }, async ({ mailer: m, db: trx }) => {
        await trx
          .insertInto('people')
          .values({ email: marker, name: 'Rolled Back', first_name: 'Rolled', language: 'nl' })
          .execute()
        await m.send(mail(marker, 'saved?'))
        throw new Error('later step failed')
      }),
      /later step failed/,
    )
    assert.deepEqual(sent, [])
    const row = await db.selectFrom('people').select('id').where('email', '=', marker).execute()
    assert.deepEqual(row, [], 'the write of the failed moment was rolled back')
  })

  it('a moment’s mail is written in its transaction: committed together, or not at all', async () => {
    const local = await testApp({ demo: false })
    try {
      const { db } = local.deps
      const count = async () =>
        Number(
          (
            await db
              .selectFrom('outbox')
              .select((e) => e.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      await assert.rejects(
        gatherMail(local.deps, async ({ mailer: m }) => {
          await m.send(mail('a@example.org', 'A'))
          await m.send(mail('b@example.org', 'B'))
          throw new Error('no')
        }),
      )
      assert.equal(await count(), 0)
      await gatherMail(local.deps, async ({ mailer: m }) => {
        await m.send(mail('a@example.org', 'A'))
      })
      assert.equal(await count(), 1)
      // A query on the outer handle inside the moment is refused, not a hang.
      await assert.rejects(
        gatherMail(local.deps, async () => {
          await db.selectFrom('people').select('id').execute()
        }),
        QueryOutsideTransaction,
      )
      // Nor a new transaction on the outer handle from inside one.
      await assert.rejects(
        transact(db, () => transact(db, (x) => x.selectFrom('people').select('id').execute())),
        QueryOutsideTransaction,
      )
    } finally {
      await local.close()
    }
  })

  it('an invitation is committed with its mail or not at all (#16, attack probe item 4)', async () => {
    const local = await testApp({ demo: { families: { regenboog: 1, vlinderboom: 1 } } })
    try {
      const deps = { ...local.deps, baseUrl: 'http://kringwerk.test' }
      const { db } = deps
      const school = local.idOf('school:regenboog')
      const role = (email: string) =>
        db
          .selectFrom('memberships as m')
          .innerJoin('people as p', 'p.id', 'm.person_id')
          .select('m.role')
          .where('p.email', '=', email)
          .where('m.school_id', '=', school)
          .execute()
      const mailTo = (email: string) =>
        db
          .selectFrom('outbox')
          .select('mail_id')
          .distinct()
          .where('to_address', '=', email)
          .execute()
      // The process dies right after the commit, before any mail is tried: the invitation is
      // saved and its mail is already stored, so it goes (the queue) or is there (the outbox).
      const dies: Mailer = {
        ...local.deps.mailer,
        deliver: async () => {
          throw new Error('killed after the commit')
        },
      }
      const invite = (email: string) => ({
        name: 'Nieuwe Juf',
        email,
        role: 'teacher' as const,
        language: 'nl' as const,
      })
      await assert.rejects(
        inviteStaff({ ...deps, mailer: dies }, school, null, invite('na.de.commit@example.org')),
        /killed after the commit/,
      )
      assert.deepEqual(await role('na.de.commit@example.org'), [{ role: 'teacher' }])
      assert.equal((await mailTo('na.de.commit@example.org')).length, 1)
      // Storing the mail fails: the invitation is not saved either, so inviting again works.
      const full: Mailer = {
        ...local.deps.mailer,
        store: async () => {
          throw new Error('disk full')
        },
      }
      await assert.rejects(
        inviteStaff({ ...deps, mailer: full }, school, null, invite('geen.mail@example.org')),
        /disk full/,
      )
      assert.deepEqual(await role('geen.mail@example.org'), [])
      assert.equal(await inviteStaff(deps, school, null, invite('geen.mail@example.org')), true)
      assert.equal((await mailTo('geen.mail@example.org')).length, 1)
    } finally {
      await local.close()
    }
  })

  it('composes one part as itself, and keeps each part’s validity', () => {
    assert.deepEqual(composeMail([{ subject: 'S', text: 'T' }]), { subject: 'S', text: 'T' })
    const until = new Date(Date.now() + 60_000)
    const one = combineMails([
      mail('a@example.org', 'X'),
      mail('a@example.org', 'Y', { validUntil: until }),
    ])
    assert.deepEqual(
      one.parts?.map((p) => p.validUntil ?? null),
      [null, until],
    )
  })

  it('the outbox shows a mail of several parts as one, and an admin only the parts they may read', async () => {
    const local = await testApp({ demo: { families: { regenboog: 1, vlinderboom: 1 } } })
    try {
      const school = await local.deps.db
        .selectFrom('schools')
        .select('id')
        .where('name', '=', 'Basisschool De Regenboog')
        .executeTakeFirstOrThrow()
      const parent = await local.deps.db
        .selectFrom('people as p')
        .innerJoin('memberships as m', 'm.person_id', 'p.id')
        .select(['p.id', 'p.email'])
        .where('m.school_id', '=', school.id)
        .where('m.role', '=', 'parent')
        .executeTakeFirstOrThrow()
      await gatherMail(local.deps, async ({ mailer }) => {
        await mailer.send({
          to: parent.email,
          personId: parent.id,
          subject: 'Open',
          text: 'open text',
        })
        await mailer.send({
          to: parent.email,
          personId: parent.id,
          subject: 'Vertrouwelijk',
          text: 'secret text',
          confidential: true,
        })
      })
      const all = (await listOutbox(local.deps.db, null)).filter(
        (m) => m.to_address === parent.email,
      )
      assert.equal(all.length, 1)
      assert.match(all[0]?.body_text ?? '', /open text[\s\S]*secret text/)
      const admin = (await listOutbox(local.deps.db, school.id)).filter(
        (m) => m.to_address === parent.email,
      )
      assert.deepEqual(
        admin.map((m) => [m.subject, m.body_text]),
        [['Open', 'open text']],
      )
    } finally {
      await local.close()
    }
  })
})
