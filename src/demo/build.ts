// The one deterministic demo-data builder: the demo school on `npm start` and the fixtures in
// tests both come from here. Same seed, same people, same classes, every time.
import type { HolidayRegion, Language, Role } from '../core/db/schema.ts'
import { DEMO_DOMAIN, type Persona, personaEmail } from './personas.ts'

export interface DemoPerson {
  key: string
  name: string
  email: string
  language: Language
  homeLanguages: string[]
  /** school key → roles there */
  roles: Record<string, Role[]>
}

export interface DemoGroup {
  key: string
  school: string
  name: string
  grade: number
  teachers: string[]
}

export interface DemoChild {
  key: string
  school: string
  group: string
  firstName: string
  guardians: string[]
}

export interface DemoSchool {
  key: string
  name: string
  city: string
  /** Whose official holidays the school keeps (features/schools/holidays.ts). */
  region: HolidayRegion
  /** Days off the school added itself: studiedagen, both days included. */
  daysOff: { start: string; end: string; label: string }[]
}

/** An ouderbuddy offer: the parent's own confirmed choice. */
export interface DemoOffer {
  person: string
  school: string
  themes: string[]
  languages: string[]
  showName: boolean
  capacity: number
}

/** A request or signal; `link` makes it proposed (parent asked) or active (both said yes). */
export interface DemoRequest {
  person: string
  school: string
  theme: string
  signalledBy?: string
  /** Opened by the school for a new groep-1 family (the school offers every one a buddy). */
  auto?: boolean
  link?: { buddy: string; state: 'proposed' | 'active' }
  /** How many days ago it was asked (0 to about a month, as a real work list has). */
  waitingDays: number
}

/** A staff member named to coordinate a theme instead of the IB. */
export interface DemoCoordinator {
  school: string
  theme: string
  person: string
}

/** A school's own theme; offers and requests name it as `school-theme:<key>`. */
export interface DemoSchoolTheme {
  key: string
  school: string
  label: string
}

/** An outside programme a school refers to. */
export interface DemoProgramme {
  key: string
  school: string
  name: string
  description: string
  contact: string
}

/** A parent referred to a programme, with their consent on record. */
export interface DemoReferral {
  programme: string
  person: string
}

export interface DemoData {
  municipality: string
  schools: DemoSchool[]
  groups: DemoGroup[]
  people: DemoPerson[]
  children: DemoChild[]
  offers: DemoOffer[]
  requests: DemoRequest[]
  coordinators: DemoCoordinator[]
  schoolThemes: DemoSchoolTheme[]
  /** Schools where every new groep-1 family is offered a buddy. */
  offerNewFamilies: string[]
  programmes: DemoProgramme[]
  referrals: DemoReferral[]
}

/** Small, fast, seedable PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface NameSet {
  first: string[]
  last: string[]
  kids: string[]
}

const NAMES: Record<string, NameSet> = {
  nl: {
    first: [
      'Anouk',
      'Sanne',
      'Marieke',
      'Eva',
      'Lotte',
      'Femke',
      'Joost',
      'Bram',
      'Daan',
      'Jeroen',
      'Mark',
      'Ruud',
      'Inge',
      'Wendy',
      'Niels',
      'Sven',
      'Karin',
      'Esther',
      'Thijs',
      'Maarten',
    ],
    last: [
      'de Vries',
      'Jansen',
      'Bakker',
      'Visser',
      'Smit',
      'Meijer',
      'de Boer',
      'Mulder',
      'de Groot',
      'Bos',
      'Vos',
      'Peters',
      'Hendriks',
      'van Dijk',
      'Dekker',
      'Brouwer',
      'van Leeuwen',
      'Kok',
      'Willems',
      'Schouten',
    ],
    kids: [
      'Sem',
      'Noah',
      'Liam',
      'Lucas',
      'Finn',
      'Tess',
      'Emma',
      'Julia',
      'Mila',
      'Saar',
      'Daan',
      'Nova',
      'Levi',
      'Jesse',
      'Fleur',
      'Lieke',
      'Bram',
      'Roos',
      'Ties',
      'Isa',
    ],
  },
  tr: {
    first: [
      'Ayşe',
      'Fatma',
      'Elif',
      'Zeynep',
      'Mehmet',
      'Mustafa',
      'Emre',
      'Hakan',
      'Özlem',
      'Serkan',
    ],
    last: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan'],
    kids: ['Yusuf', 'Eymen', 'Ecrin', 'Zehra', 'Ömer', 'Defne', 'Kerem', 'Asel'],
  },
  ar: {
    first: [
      'Fatima',
      'Khadija',
      'Nadia',
      'Samira',
      'Mohamed',
      'Youssef',
      'Ahmed',
      'Rachid',
      'Amal',
      'Omar',
    ],
    last: ['El Amrani', 'Benali', 'Haddad', 'Bouzid', 'Al-Khatib', 'Mansour', 'Saleh', 'Nasser'],
    kids: ['Adam', 'Amira', 'Ilyas', 'Nour', 'Yasmina', 'Rayan', 'Salma', 'Zakaria'],
  },
  pl: {
    first: ['Agnieszka', 'Katarzyna', 'Magdalena', 'Piotr', 'Tomasz', 'Krzysztof', 'Anna', 'Paweł'],
    last: ['Nowak', 'Kowalski', 'Wiśniewska', 'Wójcik', 'Kamiński', 'Lewandowska'],
    kids: ['Zuzanna', 'Jakub', 'Antoni', 'Hanna', 'Maja', 'Szymon'],
  },
  uk: {
    first: ['Olena', 'Iryna', 'Natalia', 'Oksana', 'Andriy', 'Dmytro', 'Serhiy', 'Yulia'],
    last: ['Shevchenko', 'Kovalenko', 'Bondarenko', 'Tkachenko', 'Kravchenko', 'Melnyk'],
    kids: ['Sofiia', 'Artem', 'Anna', 'Maksym', 'Veronika', 'Matvii'],
  },
  en: {
    first: ['Emily', 'Sarah', 'James', 'Daniel', 'Grace', 'Oliver'],
    last: ['Smith', 'Taylor', 'Brown', 'Wilson', 'Clarke'],
    kids: ['Harry', 'Olivia', 'Jack', 'Amelia', 'Leo'],
  },
  fr: {
    first: ['Camille', 'Chloé', 'Julien', 'Mathieu', 'Aminata', 'Moussa'],
    last: ['Martin', 'Dubois', 'Lefèvre', 'Diallo', 'Traoré'],
    kids: ['Louise', 'Gabriel', 'Jade', 'Hugo', 'Awa'],
  },
}

const DUTCH = NAMES.nl as NameSet

/** Home-language spread of the demo families (weights out of 100). */
const LANGUAGE_MIX: [Language, number][] = [
  ['nl', 56],
  ['tr', 11],
  ['ar', 11],
  ['pl', 7],
  ['uk', 7],
  ['en', 4],
  ['fr', 4],
]

const SCHOOLS: DemoSchool[] = [
  {
    key: 'regenboog',
    name: 'Basisschool De Regenboog',
    city: 'Lindenhoeve',
    region: 'noord',
    daysOff: [
      { start: '2026-11-23', end: '2026-11-23', label: 'Studiedag' },
      { start: '2027-01-26', end: '2027-01-26', label: 'Studiedag' },
      { start: '2027-03-15', end: '2027-03-16', label: 'Studiedagen team' },
      { start: '2027-06-18', end: '2027-06-18', label: 'Studiedag' },
    ],
  },
  {
    key: 'vlinderboom',
    name: 'IKC De Vlinderboom',
    city: 'Lindenhoeve',
    region: 'noord',
    daysOff: [
      { start: '2026-10-07', end: '2026-10-07', label: 'Studiedag' },
      { start: '2027-02-10', end: '2027-02-10', label: 'Studiedag' },
    ],
  },
]

/** Every child's name the demo knows, for a class that already has one of each of its own. */
const ALL_KIDS = [...new Set(Object.values(NAMES).flatMap((n) => n.kids))]

/**
 * A first name no other child in the class has, so a class list never shows one child twice:
 * the name picked if it is free, else the next free one after it in the family's own names,
 * then in all names; else the name with the initial of the family name ("Daan V.").
 */
function freeName(picked: string, own: readonly string[], surname: string, taken: Set<string>) {
  const from = Math.max(own.indexOf(picked), 0)
  const candidates = [picked, ...own.slice(from + 1), ...own.slice(0, from), ...ALL_KIDS]
  const free = candidates.find((n) => !taken.has(n))
  if (free) return free
  const initial = `${picked} ${(surname.split(' ').pop() ?? surname).charAt(0)}.`
  let name = initial
  for (let i = 2; taken.has(name); i++) name = `${initial} ${i}`
  return name
}

const GROUPS: { name: string; grade: number }[] = [
  { name: 'Groep 1/2a', grade: 1 },
  { name: 'Groep 1/2b', grade: 1 },
  { name: 'Groep 3', grade: 3 },
  { name: 'Groep 4', grade: 4 },
  { name: 'Groep 5', grade: 5 },
  { name: 'Groep 6', grade: 6 },
  { name: 'Groep 7', grade: 7 },
  { name: 'Groep 8', grade: 8 },
]

/**
 * How long each request has waited: 0 to 30 days, from a PRNG of its own so that the rest of
 * the demo stays as it was. A link came later than its request (seed.ts).
 */
function withWaitingTimes(requests: Omit<DemoRequest, 'waitingDays'>[]): DemoRequest[] {
  const rnd = prng(3_0000)
  return requests.map((r) => ({ ...r, waitingDays: Math.floor(rnd() * 31) }))
}

export interface BuildOptions {
  seed?: number
  families?: Record<string, number>
}

export function buildDemo(opts: BuildOptions = {}): DemoData {
  const rnd = prng(opts.seed ?? 2026)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const families = opts.families ?? { regenboog: 150, vlinderboom: 110 }
  const people: DemoPerson[] = []
  const groups: DemoGroup[] = []
  const children: DemoChild[] = []
  /** First names per class: the parent persona's children are in theirs from the start. */
  const namesIn = new Map<string, Set<string>>([
    ['regenboog:Groep 1/2a', new Set(['Amira'])],
    ['regenboog:Groep 5', new Set(['Ilyas'])],
  ])
  const used = new Set<string>()
  const emailFor = (name: string) => {
    const base = name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/ı/g, 'i')
      .replace(/[^a-z]+/g, '.')
      .replace(/^\.|\.$/g, '')
    let email = `${base}@${DEMO_DOMAIN}`
    for (let n = 2; used.has(email); n++) email = `${base}${n}@${DEMO_DOMAIN}`
    used.add(email)
    return email
  }
  const personName = (lang: string) => {
    const set = NAMES[lang] ?? DUTCH
    return `${pick(set.first)} ${pick(set.last)}`
  }
  const pickLanguage = (): Language => {
    let r = rnd() * 100
    for (const [lang, w] of LANGUAGE_MIX) {
      r -= w
      if (r < 0) return lang
    }
    return 'nl'
  }

  // Personas: fixed names and addresses, all in the first school; municipal and partner
  // work for both schools, so they show the school switcher.
  const personaNames: Record<Persona, [string, Language, string[]]> = {
    parent: ['Samira Haddad', 'nl', ['nl', 'ar']],
    teacher: ['Marieke Bos', 'nl', ['nl']],
    ib: ['Esther van Dijk', 'nl', ['nl', 'en']],
    director: ['Joost Hendriks', 'nl', ['nl']],
    brugfiguur: ['Hatice Kaya', 'nl', ['nl', 'tr']],
    facilitator: ['Inge Willems', 'nl', ['nl']],
    partner: ['Karin Mulder', 'nl', ['nl']],
    municipal: ['Ruud Peters', 'nl', ['nl']],
    admin: ['Niels Visser', 'nl', ['nl', 'en']],
  }
  for (const [persona, [name, language, homeLanguages]] of Object.entries(personaNames) as [
    Persona,
    [string, Language, string[]],
  ][]) {
    const roles: Record<string, Role[]> = { regenboog: [persona] }
    if (persona === 'municipal' || persona === 'partner' || persona === 'admin')
      roles.vlinderboom = [persona]
    if (persona === 'facilitator') roles.regenboog = ['facilitator', 'teacher']
    used.add(personaEmail(persona))
    people.push({
      key: `persona:${persona}`,
      name,
      email: personaEmail(persona),
      language,
      homeLanguages,
      roles,
    })
  }

  for (const school of SCHOOLS) {
    // Staff beyond the personas: a teacher for every class, plus leadership in school two.
    const staffRoles: Role[] =
      school.key === 'regenboog' ? [] : ['director', 'ib', 'brugfiguur', 'facilitator']
    for (const role of staffRoles) {
      const name = personName('nl')
      people.push({
        key: `${school.key}:${role}`,
        name,
        email: emailFor(name),
        language: 'nl',
        homeLanguages: ['nl'],
        roles: { [school.key]: [role] },
      })
    }
    for (const g of GROUPS) {
      const key = `${school.key}:${g.name}`
      let teacher: string
      if (school.key === 'regenboog' && g.name === 'Groep 1/2a') teacher = 'persona:teacher'
      else if (school.key === 'regenboog' && g.name === 'Groep 6') teacher = 'persona:facilitator'
      else {
        const name = personName(rnd() < 0.85 ? 'nl' : pick(['tr', 'ar', 'en']))
        teacher = `${key}:teacher`
        people.push({
          key: teacher,
          name,
          email: emailFor(name),
          language: 'nl',
          homeLanguages: ['nl'],
          roles: { [school.key]: ['teacher'] },
        })
      }
      groups.push({ key, school: school.key, name: g.name, grade: g.grade, teachers: [teacher] })
    }
    const schoolGroups = groups.filter((g) => g.school === school.key)
    const count = families[school.key] ?? 0
    for (let f = 0; f < count; f++) {
      const lang = pickLanguage()
      const set = NAMES[lang] ?? DUTCH
      const surname = pick(set.last)
      const guardians: string[] = []
      const parentCount = rnd() < 0.65 ? 2 : 1
      for (let i = 0; i < parentCount; i++) {
        const name = `${pick(set.first)} ${surname}`
        const key = `${school.key}:family${f}:parent${i}`
        const homeLanguages = lang === 'nl' ? ['nl'] : rnd() < 0.6 ? [lang, 'nl'] : [lang]
        people.push({
          key,
          name,
          email: emailFor(name),
          language: homeLanguages.includes('nl') && rnd() < 0.5 ? 'nl' : lang,
          homeLanguages,
          roles: { [school.key]: ['parent'] },
        })
        guardians.push(key)
      }
      const kids = rnd() < 0.55 ? 1 : rnd() < 0.8 ? 2 : 3
      const taken = new Set<string>()
      for (let k = 0; k < kids; k++) {
        const group = pick(schoolGroups)
        let firstName = pick(set.kids)
        while (taken.has(firstName)) firstName = pick(DUTCH.kids)
        const inClass = namesIn.get(group.key) ?? new Set<string>()
        namesIn.set(group.key, inClass)
        firstName = freeName(firstName, set.kids, surname, new Set([...inClass, ...taken]))
        inClass.add(firstName)
        taken.add(firstName)
        children.push({
          key: `${school.key}:family${f}:child${k}`,
          school: school.key,
          group: group.key,
          firstName,
          guardians,
        })
      }
    }
  }

  // The parent persona: two children in De Regenboog, one a new kleuter.
  children.push(
    {
      key: 'persona:parent:child0',
      school: 'regenboog',
      group: 'regenboog:Groep 1/2a',
      firstName: 'Amira',
      guardians: ['persona:parent'],
    },
    {
      key: 'persona:parent:child1',
      school: 'regenboog',
      group: 'regenboog:Groep 5',
      firstName: 'Ilyas',
      guardians: ['persona:parent'],
    },
  )
  // Ouderbuddy's in De Regenboog: the parent persona helps with language and new families and
  // has one proposal waiting for her own answer; other parents offer, ask and are linked.
  const parents = people.filter(
    (p) => p.key.startsWith('regenboog:family') && p.key.endsWith('parent0'),
  )
  const themesFor = [
    'adhd',
    'scheiding',
    'dyslexie',
    'cultuur',
    'taal',
    'nieuw',
    'pesten',
    'ziekte',
  ]
  const offers: DemoOffer[] = [
    {
      person: 'persona:parent',
      school: 'regenboog',
      themes: ['taal', 'nieuw'],
      languages: ['nl', 'ar'],
      showName: true,
      capacity: 2,
    },
  ]
  for (const [i, p] of parents.slice(0, 14).entries()) {
    const themes = [themesFor[i % themesFor.length] as string]
    if (i % 3 === 0) themes.push(themesFor[(i + 3) % themesFor.length] as string)
    offers.push({
      person: p.key,
      school: 'regenboog',
      themes,
      languages: p.homeLanguages,
      showName: i % 2 === 0,
      capacity: 1 + (i % 3),
    })
  }
  const askers = parents.slice(20, 34)
  const requests: Omit<DemoRequest, 'waitingDays'>[] = askers.slice(0, 8).map((p, i) => ({
    person: p.key,
    school: 'regenboog',
    theme: themesFor[(i * 3) % themesFor.length] as string,
  }))
  for (const p of askers.slice(8, 11)) {
    requests.push({
      person: p.key,
      school: 'regenboog',
      theme: 'nieuw',
      signalledBy: 'persona:teacher',
    })
  }
  const taalAsker = askers[11]
  if (taalAsker)
    requests.push({
      person: taalAsker.key,
      school: 'regenboog',
      theme: 'taal',
      link: { buddy: 'persona:parent', state: 'active' },
    })
  const adhdBuddy = offers.find((o) => o.themes.includes('adhd') && o.person !== 'persona:parent')
  if (adhdBuddy)
    requests.push({
      person: 'persona:parent',
      school: 'regenboog',
      theme: 'adhd',
      link: { buddy: adhdBuddy.person, state: 'proposed' },
    })
  const scheidingBuddy = offers.find((o) => o.themes.includes('scheiding'))
  const scheidingAsker = askers[12]
  if (scheidingBuddy && scheidingAsker) {
    requests.push({
      person: scheidingAsker.key,
      school: 'regenboog',
      theme: 'scheiding',
      link: { buddy: scheidingBuddy.person, state: 'active' },
    })
  }

  // De Vlinderboom has its own, smaller buddy practice (and tenancy tests need its records).
  const vlinder = people.filter(
    (p) => p.key.startsWith('vlinderboom:family') && p.key.endsWith('parent0'),
  )
  for (const [i, p] of vlinder.slice(0, 4).entries()) {
    offers.push({
      person: p.key,
      school: 'vlinderboom',
      themes: [themesFor[i] as string, 'nieuw'],
      languages: p.homeLanguages,
      showName: true,
      capacity: 2,
    })
  }
  for (const [i, p] of vlinder.slice(4, 8).entries()) {
    const buddy = vlinder[i]
    requests.push({
      person: p.key,
      school: 'vlinderboom',
      theme: 'nieuw',
      link:
        i < 2 && buddy ? { buddy: buddy.key, state: i === 0 ? 'active' : 'proposed' } : undefined,
    })
  }

  // De Regenboog added a theme of its own; one parent offers it and one asks for it.
  const schoolThemes: DemoSchoolTheme[] = [
    { key: 'hoogbegaafd', school: 'regenboog', label: 'Hoogbegaafd kind' },
  ]
  const ownTheme = 'school-theme:hoogbegaafd'
  const ownBuddy = parents[14]
  if (ownBuddy)
    offers.push({
      person: ownBuddy.key,
      school: 'regenboog',
      themes: [ownTheme, 'dyslexie'],
      languages: ownBuddy.homeLanguages,
      showName: false,
      capacity: 1,
    })
  const ownAsker = askers[13]
  if (ownAsker) requests.push({ person: ownAsker.key, school: 'regenboog', theme: ownTheme })

  // De Regenboog offers every new groep-1 family a buddy: six new kleuter families wait for
  // the start-of-year batch match.
  const busy = new Set([...offers.map((o) => o.person), ...requests.map((r) => r.person)])
  const kleuterParents = children
    .filter((ch) => ch.school === 'regenboog' && /^regenboog:Groep 1\/2/.test(ch.group))
    .map((ch) => ch.guardians[0])
    .filter((g): g is string => g?.startsWith('regenboog:family') === true)
  for (const person of [...new Set(kleuterParents)].filter((g) => !busy.has(g)).slice(0, 6))
    requests.push({ person, school: 'regenboog', theme: 'nieuw', auto: true })

  // Beyond school: De Regenboog refers to Home-Start; one parent said yes and was referred.
  const programmes: DemoProgramme[] = [
    {
      key: 'home-start',
      school: 'regenboog',
      name: 'Home-Start Lindenhoeve',
      description: 'Getrainde vrijwilligers steunen gezinnen met jonge kinderen, thuis en gratis.',
      contact: 'coordinator@home-start.example',
    },
  ]
  const referred = parents[15]
  const referrals: DemoReferral[] = referred
    ? [{ programme: 'home-start', person: referred.key }]
    : []

  // De Regenboog: the groep 1/2b teacher arranges the buddies of new families; the IB (the
  // persona) keeps every other theme and the overview.
  const coordinators: DemoCoordinator[] = [
    { school: 'regenboog', theme: 'nieuw', person: 'regenboog:Groep 1/2b:teacher' },
  ]

  return {
    municipality: 'Gemeente Lindenhoeve',
    schools: SCHOOLS,
    groups,
    people,
    children,
    offers,
    requests: withWaitingTimes(requests),
    coordinators,
    schoolThemes,
    offerNewFamilies: ['regenboog'],
    programmes,
    referrals,
  }
}
