// Messages: a teacher writes once in plain Dutch, each family reads it in its own language, and
// nobody else reads it. Also: the preview's hints never block, the form keeps what was typed,
// who may write to whom, the quiet hours and the digest, and that every template is complete
// in every catalog.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { LANGUAGES } from '../src/core/db/schema.ts'
import { catalogs } from '../src/core/i18n/index.ts'
import type { Persona } from '../src/demo/personas.ts'
import { deliverMessages } from '../src/features/messages/commands/deliver.ts'
import { sendMessage, setDigest } from '../src/features/messages/commands/send.ts'
import { plainHints } from '../src/features/messages/plain.ts'
import { renderTemplate } from '../src/features/messages/render.ts'
import { TEMPLATES, templateCatalogKeys } from '../src/features/messages/templates.ts'
import { type TestApp, testApp, visibleText } from './helpers.ts'

let t: TestApp
before(async () => {
  t = await testApp()
})
after(() => t.close())

const idOf = (key: string) => t.idOf(key)
const as = (persona: Persona) => t.as(persona)
const asPerson = (id: string) => t.asPerson(id)

const groupId = async (name: string) =>
  (
    await t.deps.db
      .selectFrom('groups')
      .select('id')
      .where('school_id', '=', idOf('school:regenboog'))
      .where('name', '=', name)
      .executeTakeFirstOrThrow()
  ).id

/** A guardian in the group who is not the parent persona (and has no child in `notIn`). */
async function otherGuardianOf(group: string, notIn?: string) {
  let q = t.deps.db
    .selectFrom('guardianships as g')
    .innerJoin('children as ch', 'ch.id', 'g.child_id')
    .innerJoin('groups as gr', 'gr.id', 'ch.group_id')
    .select(['g.person_id as id'])
    .where('gr.name', '=', group)
    .where('g.school_id', '=', idOf('school:regenboog'))
    .where('g.person_id', '<>', idOf('person:persona:parent'))
  if (notIn)
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('guardianships as g2')
            .innerJoin('children as c2', 'c2.id', 'g2.child_id')
            .innerJoin('groups as gr2', 'gr2.id', 'c2.group_id')
            .select('g2.person_id')
            .whereRef('g2.person_id', '=', 'g.person_id')
            .where('gr2.name', '=', notIn),
        ),
      ),
    )
  return q.orderBy('g.person_id').executeTakeFirstOrThrow()
}

const TRIP = {
  template: 'trip',
  'date.day': '12',
  'date.month': '1',
  'date.year': '2027',
  time: '8.30',
  place: 'het Natuurmuseum',
  bring: 'laarzen en een lunchpakket',
}

describe('a template message to a group', () => {
  let messageId = ''
  let g12 = ''

  before(async () => {
    g12 = await groupId('Groep 1/2a')
  })

  it('previews in Dutch with the number of families, and sends', async () => {
    const teacher = await as('teacher')
    const form = await teacher.get('/messages/new?template=trip')
    assert.equal(form.status, 200)
    const preview = await teacher.post('/messages/new', {
      ...TRIP,
      audience: 'groups',
      groups: g12,
      intent: 'preview',
    })
    assert.equal(preview.status, 200)
    const text = visibleText(preview.text)
    assert.match(text, /Op dinsdag 12 januari 2027 gaat de klas op uitstapje naar het Natuurmuseum/)
    assert.match(text, /We vertrekken om 08:30 uur/)
    assert.match(text, /Neem mee: laarzen en een lunchpakket\./)
    const families = await t.deps.db
      .selectFrom('guardianships as g')
      .innerJoin('children as ch', 'ch.id', 'g.child_id')
      .select((eb) => eb.fn.count<string>('g.person_id').distinct().as('n'))
      .where('ch.group_id', '=', g12)
      .executeTakeFirstOrThrow()
    assert.match(text, new RegExp(`gaat naar ${Number(families.n)} gezinnen`))
    // Nothing was sent by a preview: only the demo's own messages are there.
    const before = await t.deps.db
      .selectFrom('messages')
      .select('template_key')
      .where('school_id', '=', idOf('school:regenboog'))
      .execute()
    assert.equal(before.filter((m) => m.template_key === 'trip').length, 1)
    const sent = await teacher.post('/messages/new', {
      ...TRIP,
      audience: 'groups',
      groups: g12,
      intent: 'send',
    })
    assert.equal(sent.status, 303)
    const m = sent.location?.match(/^\/messages\/([0-9a-f-]{36})\?notice=messageSent$/)
    assert.ok(m, sent.location ?? '')
    messageId = m[1] as string
    const row = await t.deps.db
      .selectFrom('messages')
      .select(['recipients', 'template_key'])
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow()
    assert.equal(row.recipients, Number(families.n))
    assert.equal(row.template_key, 'trip')
  })

  it('reaches a parent of the group in their own language, with the date in that language', async () => {
    const other = await otherGuardianOf('Groep 1/2a')
    await t.deps.db
      .updateTable('people')
      .set({ language: 'ar' })
      .where('id', '=', other.id)
      .execute()
    const parent = await asPerson(other.id)
    const list = await parent.get('/messages')
    assert.equal(list.status, 200)
    const page = await parent.get(`/messages/${messageId}`)
    assert.equal(page.status, 200)
    const text = visibleText(page.text)
    const ar = catalogs.ar['msgtpl.trip.pict.1']
    assert.ok(ar && text.includes(ar), 'Arabic pictogram meaning')
    assert.match(text, /يناير/) // January, in Arabic
    assert.match(text, /het Natuurmuseum/) // the place as the teacher wrote it
    assert.match(page.text, /src="\/static\/pictograms\/1F68C\.svg"/)
    const opened = await t.deps.db
      .selectFrom('message_recipients')
      .select('opened_at')
      .where('message_id', '=', messageId)
      .where('person_id', '=', other.id)
      .executeTakeFirstOrThrow()
    assert.ok(opened.opened_at, 'opening the page marks it opened')
  })

  it('reads itself aloud as MP3 in the parent’s language, made once and kept', async () => {
    const other = await otherGuardianOf('Groep 1/2a')
    const parent = await asPerson(other.id)
    const cookie = [...parent.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const page = await parent.get(`/messages/${messageId}`)
    assert.match(page.text, new RegExp(`<audio[^>]+src="/messages/${messageId}/audio"`))
    const res = await t.app.request(`/messages/${messageId}/audio`, { headers: { cookie } })
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'audio/mpeg')
    const mp3 = new Uint8Array(await res.arrayBuffer())
    assert.ok(mp3.length > 4000, `${mp3.length} bytes of speech`)
    // An MPEG audio frame starts with 11 set bits.
    assert.equal(mp3[0], 0xff)
    assert.equal((mp3[1] ?? 0) & 0xe0, 0xe0)
    const kept = await t.deps.db
      .selectFrom('message_audio')
      .select(['language', 'audio'])
      .where('message_id', '=', messageId)
      .execute()
    assert.deepEqual(
      kept.map((k) => k.language),
      ['ar'],
    )
    const again = new Uint8Array(
      await (
        await t.app.request(`/messages/${messageId}/audio`, { headers: { cookie } })
      ).arrayBuffer(),
    )
    assert.deepEqual(again, mp3)
  })

  it('is not shown to a parent of another group, not even by its address', async () => {
    // A family with children in two groups reads what goes to either; this one has none in 1/2a.
    const g5 = await otherGuardianOf('Groep 5', 'Groep 1/2a')
    const outsider = await asPerson(g5.id)
    const list = await outsider.get('/messages')
    assert.ok(!visibleText(list.text).includes('Natuurmuseum'))
    const page = await outsider.get(`/messages/${messageId}`)
    assert.equal(page.status, 403)
    assert.equal((await outsider.get(`/messages/${messageId}/audio`)).status, 403)
    assert.ok(!page.text.includes('Natuurmuseum'))
  })

  it('is a 404 for staff of another school', async () => {
    const admin = await t.deps.db
      .selectFrom('memberships')
      .select('person_id')
      .where('school_id', '=', idOf('school:vlinderboom'))
      .where('role', '=', 'director')
      .executeTakeFirstOrThrow()
    const c = await asPerson(admin.person_id)
    const page = await c.get(`/messages/${messageId}`)
    assert.equal(page.status, 404)
  })

  it('shows the writer how far it reached, per language', async () => {
    const teacher = await as('teacher')
    const page = await teacher.get(`/messages/${messageId}`)
    assert.equal(page.status, 200)
    const text = visibleText(page.text)
    assert.match(text, /Hoe ver kwam het bericht\?/)
    assert.match(text, /العربية/)
  })
})

describe('who may write to whom', () => {
  it('a parent cannot open the writing form', async () => {
    const parent = await as('parent')
    assert.equal((await parent.get('/messages/new')).status, 403)
    const res = await parent.post('/messages/new', {
      ...TRIP,
      audience: 'school',
      intent: 'send',
    })
    assert.equal(res.status, 403)
  })

  it('a teacher writes to the groups they teach only, never to the school, never urgent', async () => {
    const teacher = await as('teacher')
    const g5 = await groupId('Groep 5')
    const other = await teacher.post('/messages/new', {
      ...TRIP,
      audience: 'groups',
      groups: g5,
      intent: 'send',
    })
    assert.equal(other.status, 403)
    const school = await teacher.post('/messages/new', {
      ...TRIP,
      audience: 'school',
      intent: 'send',
    })
    assert.equal(school.status, 403)
    const urgent = await teacher.post('/messages/new', {
      ...TRIP,
      audience: 'groups',
      groups: await groupId('Groep 1/2a'),
      urgent: 'on',
      intent: 'send',
    })
    assert.equal(urgent.status, 403)
    const form = await teacher.get('/messages/new?template=trip')
    assert.ok(!form.text.includes('value="school"'), 'the school is not offered')
  })

  it('a group of another school is not found', async () => {
    const director = await as('director')
    const foreign = await t.deps.db
      .selectFrom('groups')
      .select('id')
      .where('school_id', '=', idOf('school:vlinderboom'))
      .executeTakeFirstOrThrow()
    const res = await director.post('/messages/new', {
      ...TRIP,
      audience: 'groups',
      groups: foreign.id,
      intent: 'send',
    })
    assert.equal(res.status, 404)
  })
})

describe('the writing form', () => {
  it('keeps what was typed and names what is missing', async () => {
    const teacher = await as('teacher')
    const res = await teacher.post('/messages/new', {
      template: 'trip',
      audience: 'groups',
      place: 'de kinderboerderij',
      intent: 'send',
    })
    assert.equal(res.status, 400)
    assert.match(res.text, /value="de kinderboerderij"/)
    assert.match(visibleText(res.text), /Kies minstens één groep/)
    assert.match(visibleText(res.text), /Vul dit in/)
  })

  it('gives plain-language hints on free text, and still sends it', async () => {
    const director = await as('director')
    const fields = {
      template: '',
      audience: 'school',
      subject: 'Ouderbijdrage',
      body: 'De ouderbijdrage wordt door de medezeggenschapsraad jaarlijks vastgesteld en zal in het kader van de pedagogische doelstellingen worden aangewend.',
    }
    const preview = await director.post('/messages/new', { ...fields, intent: 'preview' })
    assert.equal(preview.status, 200)
    const text = visibleText(preview.text)
    assert.match(text, /Schrijf actief/)
    assert.match(text, /medezeggenschapsraad/)
    assert.match(text, /de groep ouders en leraren die meepraat over de school/)
    assert.match(text, /Deze zin heeft \d+ woorden/)
    const sent = await director.post('/messages/new', { ...fields, intent: 'send' })
    assert.equal(sent.status, 303)
    // A parent who reads Arabic gets the Dutch, marked as not yet translated.
    const id = sent.location?.split('/')[2]?.split('?')[0] ?? ''
    await t.deps.db
      .updateTable('people')
      .set({ language: 'ar' })
      .where('id', '=', idOf('person:persona:parent'))
      .execute()
    const parent = await as('parent')
    const page = await parent.get(`/messages/${id}`)
    assert.equal(page.status, 200)
    assert.match(page.text, /medezeggenschapsraad/)
    assert.ok(page.text.includes(catalogs.ar['messages.untranslated'] ?? '?'))
    await t.deps.db
      .updateTable('people')
      .set({ language: 'nl' })
      .where('id', '=', idOf('person:persona:parent'))
      .execute()
  })
})

describe('plain-language hints', () => {
  it('flag what the seed asks and stay quiet on a plain text', () => {
    const plain = plainHints(
      'Uitstapje',
      'Op dinsdag gaan de kinderen van groep 3 naar het bos. Ze zijn om drie uur terug op school.',
    )
    assert.deepEqual(plain, [])
    const kinds = plainHints('Iets', 'Dan moet u aan de bel trekken.').map((h) => h.kind)
    assert.ok(kinds.includes('figurative'))
    assert.ok(kinds.includes('missing'))
  })
})

describe('delivery', () => {
  const school = () => idOf('school:regenboog')
  const author = () => idOf('person:persona:director')
  // Tuesday 12 January 2027, in Amsterdam.
  const deps = () => ({ ...t.deps, baseUrl: 'http://kringwerk.test' })
  const at = (hhmm: string) => new Date(`2027-01-12T${hhmm}:00+01:00`)

  const outboxFor = async (personId: string) => {
    const person = await t.deps.db
      .selectFrom('people')
      .select('email')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow()
    // One row per mail (a digest's parts share their mail's id; the first part holds the subject).
    return t.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', person.email)
      .where('part', '=', 0)
      .orderBy('created_at', 'desc')
      .execute()
  }

  it('holds mail in the quiet hours and sends it at seven, in the reader’s language', async () => {
    const child = idOf('child:persona:parent:child1')
    const parent = idOf('person:persona:parent')
    await t.deps.db.updateTable('people').set({ language: 'tr' }).where('id', '=', parent).execute()
    // Whatever earlier tests left waiting goes first, so only this message is counted.
    await deliverMessages(deps(), at('19:59'))
    const before = (await outboxFor(parent)).length
    await sendMessage(
      t.deps.db,
      school(),
      author(),
      {
        audience: 'families',
        groupIds: [],
        childIds: [child],
        templateKey: 'dayOff',
        subject: 'Geen school',
        body: 'x',
        params: { date: '2027-01-15' },
        urgent: false,
      },
      at('20:00'),
    )
    await deliverMessages(deps(), at('21:00'))
    assert.equal((await outboxFor(parent)).length, before, 'nothing in the evening')
    await deliverMessages(deps(), new Date('2027-01-13T07:01:00+01:00'))
    const mails = await outboxFor(parent)
    assert.equal(mails.length, before + 1)
    const subject = (catalogs.tr['msgtpl.dayOff.subject'] ?? '').split('{date}')[0] ?? ''
    assert.ok(String(mails[0]?.subject).startsWith(subject.trim()), String(mails[0]?.subject))
    await t.deps.db.updateTable('people').set({ language: 'nl' }).where('id', '=', parent).execute()
  })

  it('a digest reader gets the day’s messages in one mail at half past four', async () => {
    const parent = idOf('person:persona:parent')
    await deliverMessages(deps(), at('09:59'))
    await setDigest(t.deps.db, school(), parent, true)
    const before = (await outboxFor(parent)).length
    for (const date of ['2027-01-20', '2027-01-21'])
      await sendMessage(
        t.deps.db,
        school(),
        author(),
        {
          audience: 'families',
          groupIds: [],
          childIds: [idOf('child:persona:parent:child0')],
          templateKey: 'dayOff',
          subject: 'Geen school',
          body: 'x',
          params: { date },
          urgent: false,
        },
        at('10:00'),
      )
    await deliverMessages(deps(), at('12:00'))
    assert.equal((await outboxFor(parent)).length, before, 'nothing before the digest')
    await deliverMessages(deps(), at('16:31'))
    const mails = await outboxFor(parent)
    assert.equal(mails.length, before + 1, 'one mail for two messages')
    const parts = await t.deps.db
      .selectFrom('outbox')
      .select('subject')
      .where('mail_id', '=', mails[0]?.mail_id ?? '')
      .orderBy('part')
      .execute()
    assert.equal(parts.length, 2, 'both messages are parts of that one mail')
    await setDigest(t.deps.db, school(), parent, false)
  })
})

describe('the template library', () => {
  it('every template is complete in every language, with the same placeholders', () => {
    for (const tpl of TEMPLATES) {
      for (const key of templateCatalogKeys(tpl)) {
        const nl = (catalogs.nl as Record<string, string | undefined>)[key]
        assert.ok(nl, `nl ${key}`)
        const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
        for (const lang of LANGUAGES) {
          const text = (catalogs[lang] as Record<string, string | undefined>)[key]
          assert.ok(text, `${lang} ${key}`)
          assert.deepEqual(names(text), names(nl), `${lang} ${key}`)
        }
      }
    }
  })

  it('keeps the writer’s Dutch words in order inside a right-to-left sentence', () => {
    const params = {
      date: '2026-12-14',
      time: '09:00',
      place: 'de kinderboerderij',
      bring: 'laarzen',
    }
    const ar = renderTemplate('trip', params, 'ar')
    const nl = renderTemplate('trip', params, 'nl')
    const text = (r: typeof ar) => r?.paragraphs.join(' ') ?? ''
    assert.ok(text(ar).includes('\u2068de kinderboerderij\u2069'), text(ar))
    assert.ok(text(ar).includes('\u2068laarzen\u2069'), text(ar))
    // A left-to-right reader gets the words as typed, without invisible marks.
    assert.ok(text(nl).includes('naar de kinderboerderij'), text(nl))
    assert.doesNotMatch(text(nl), /[\u2068\u2069]/)
  })

  it('every pictogram is shipped and served; nothing else is', async () => {
    const c = t.client()
    for (const tpl of TEMPLATES)
      for (const p of tpl.pictograms) {
        assert.ok(existsSync(new URL(`../static/pictograms/${p.hex}.svg`, import.meta.url)))
        const res = await c.get(`/static/pictograms/${p.hex}.svg`)
        assert.equal(res.status, 200)
        assert.equal(res.headers.get('content-type'), 'image/svg+xml')
      }
    for (const bad of ['LICENSE.txt', '..%2Fapp.scss', '1F600.svg'])
      assert.equal((await c.get(`/static/pictograms/${bad}`)).status, 404, bad)
  })
})
