// The demo school's messages: a coffee morning for the whole school and a trip for Groep 1/2a
// from the library (so every parent reads them in their own language, with pictograms), an
// invitation to talk for one family, and a free text from the director that Samira Haddad, a
// parent of the school, translated into Arabic for other parents (not yet checked by a second
// reader). Sent at seeding, so the mail of those that may go now goes with the next delivery.
import type { Db } from '../core/db/index.ts'
import { type NewMessage, renderTemplate, sendMessage } from '../features/messages/index.ts'

const FREE_TEXT = {
  subject: 'Een nieuwe speelplaats',
  body: [
    'Na de kerstvakantie krijgt de school een nieuwe speelplaats.',
    'De kinderen denken mee. Op woensdag tekenen ze in de klas hun eigen plan.',
    'In het voorjaar planten we samen bomen en struiken. Wilt u helpen? Zeg het tegen de juf of meester van uw kind.',
  ].join('\n\n'),
  ar: {
    subject: 'ساحة لعب جديدة',
    body: [
      'بعد عطلة عيد الميلاد تحصل المدرسة على ساحة لعب جديدة.',
      'الأطفال يشاركون في التفكير. يوم الأربعاء يرسم كل طفل في الصف خطته الخاصة.',
      'في الربيع نزرع معًا الأشجار والشجيرات. هل تريد المساعدة؟ أخبر معلم أو معلمة طفلك.',
    ].join('\n\n'),
  },
}

const isoIn = (now: Date, days: number): string => {
  const d = new Date(now.getTime() + days * 86_400_000)
  // A school day: Saturday and Sunday move to Monday.
  const dow = d.getUTCDay()
  if (dow === 6) d.setUTCDate(d.getUTCDate() + 2)
  if (dow === 0) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** A library message as the writing form makes it: its Dutch subject and text from the catalog. */
function fromLibrary(templateKey: string, params: Record<string, string>) {
  const nl = renderTemplate(templateKey, params, 'nl')
  if (!nl) throw new Error(`no template ${templateKey}`)
  return { templateKey, params, subject: nl.subject, body: nl.paragraphs.join('\n\n') }
}

export async function seedMessages(
  db: Db,
  ids: ReadonlyMap<string, string>,
  now = new Date(),
): Promise<void> {
  const school = ids.get('school:regenboog')
  const director = ids.get('person:persona:director')
  const teacher = ids.get('person:persona:teacher')
  const ib = ids.get('person:persona:ib')
  const parent = ids.get('person:persona:parent')
  const group = ids.get('group:regenboog:Groep 1/2a')
  const child = ids.get('child:persona:parent:child0')
  if (!school || !director || !teacher || !ib || !parent || !group || !child) return
  const none: Pick<NewMessage, 'groupIds' | 'childIds' | 'urgent'> = {
    groupIds: [],
    childIds: [],
    urgent: false,
  }
  await sendMessage(db, school, director, {
    ...none,
    audience: 'school',
    ...fromLibrary('coffee', {
      date: isoIn(now, 7),
      time: '08:30',
      place: 'de aula',
      endTime: '09:30',
    }),
  })
  await sendMessage(db, school, teacher, {
    ...none,
    audience: 'groups',
    groupIds: [group],
    ...fromLibrary('trip', {
      date: isoIn(now, 10),
      time: '09:00',
      place: 'de kinderboerderij',
      endTime: '14:30',
      bring: 'laarzen en een regenjas',
    }),
  })
  await sendMessage(db, school, ib, {
    ...none,
    audience: 'families',
    childIds: [child],
    ...fromLibrary('talk', {
      date: isoIn(now, 5),
      time: '15:15',
      place: 'het lokaal van groep 1/2a',
    }),
  })
  const free = await sendMessage(db, school, director, {
    ...none,
    audience: 'school',
    templateKey: null,
    subject: FREE_TEXT.subject,
    body: FREE_TEXT.body,
    params: {},
  })
  await db
    .insertInto('message_translations')
    .values({
      message_id: free.id,
      language: 'ar',
      subject: FREE_TEXT.ar.subject,
      body: FREE_TEXT.ar.body,
      translated_by: parent,
    })
    .execute()
}
