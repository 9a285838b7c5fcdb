// What a poster says, before any layout: the circle's public facts (name, kind, host, place,
// the coming meetings with start and end) and, in each of the circle's languages, the open
// door, the confidentiality rule and how to sign up. A circle for children speaks to parents.
// Nobody is named: the host is a school or municipality, the contact line sends people to it.
import type { Language } from '../../../core/db/schema.ts'
import { direction, isLanguage, LANGUAGE_NAMES, translator } from '../../../core/i18n/index.ts'
import { SCHOOL_ZONE } from '../../../core/time.ts'
import { kindName } from '../kinds.ts'
import type { Circle } from '../read/circle.ts'
import type { Direction } from './bidi.ts'

/**
 * A meeting as the poster shows it. The database always has its end (circle_meetings.ends_at
 * is not null); a caller without one gets the start alone, never an invented end.
 */
export interface PosterMeeting {
  starts_at: Date
  ends_at?: Date
}

export interface PosterInput {
  circle: Circle
  meetings: readonly PosterMeeting[]
  joinUrl: string
}

/** One language's part: the open door and the rule of the circle, addressed to the reader. */
export interface LanguageBlock {
  lang: Language
  dir: Direction
  /** The language's own name, so a reader finds their part. */
  label: string
  heading: string
  body: string
  /** The confidentiality rule, set apart. */
  rule: string
  signUp: string
  ask: string
}

export interface PosterContent {
  lang: Language
  dir: Direction
  kind: string
  host: string
  title: string
  whereLabel: string
  place: string
  whenLabel: string
  /** One row per coming meeting, in the poster's first language. */
  dates: { date: string; time: string }[]
  /** When there are no dates yet. */
  noDates: string
  /** "And {count} more", for dates beyond those shown. */
  more: (count: number) => string
  signUpHeading: string
  joinUrl: string
  blocks: LanguageBlock[]
}

const dayFormats = new Map<Language, Intl.DateTimeFormat>()
const timeFormats = new Map<Language, Intl.DateTimeFormat>()

function formatter(cache: Map<Language, Intl.DateTimeFormat>, lang: Language, day: boolean) {
  let f = cache.get(lang)
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      timeZone: SCHOOL_ZONE,
      ...(day
        ? { weekday: 'long', day: 'numeric', month: 'long' }
        : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    })
    cache.set(lang, f)
  }
  return f
}

/** "dinsdag 12 januari" and "08:45–10:15", in the language and the school's zone. */
export function meetingRow(lang: Language, m: PosterMeeting): { date: string; time: string } {
  const times = formatter(timeFormats, lang, false)
  return {
    date: formatter(dayFormats, lang, true).format(m.starts_at),
    time: m.ends_at ? times.formatRange(m.starts_at, m.ends_at) : times.format(m.starts_at),
  }
}

/** The poster's languages: the circle's, in its order; Dutch when it names none we know. */
export function posterLanguages(circle: Circle): Language[] {
  const langs = [...new Set(circle.languages.filter(isLanguage))]
  return langs.length ? langs : ['nl']
}

export function posterContent({ circle, meetings, joinUrl }: PosterInput): PosterContent {
  const languages = posterLanguages(circle)
  const lang = languages[0] ?? 'nl'
  const t = translator(lang)
  // Children and teens take a place through a parent: the poster speaks to the parent.
  const forChild = circle.audience === 'child'
  return {
    lang,
    dir: direction(lang),
    kind: kindName(t, circle),
    host: circle.hostName,
    title: circle.name,
    whereLabel: t('circles.poster.where'),
    place: circle.place,
    whenLabel: t('circles.poster.when'),
    dates: meetings.map((m) => meetingRow(lang, m)),
    noDates: t('circles.poster.noDates'),
    more: (count) => t('circles.poster.more', { count }),
    signUpHeading: forChild ? t('circles.poster.signUpChild') : t('circles.poster.signUpSelf'),
    joinUrl,
    blocks: languages.map((l): LanguageBlock => {
      const t = translator(l)
      return {
        lang: l,
        dir: direction(l),
        label: LANGUAGE_NAMES[l],
        heading: forChild ? t('circles.poster.childWelcome') : t('circles.poster.welcome'),
        body: forChild ? t('circles.poster.childNoReason') : t('circles.poster.noReason'),
        rule: t('circles.agreement.confidential'),
        signUp: forChild ? t('circles.poster.scanChild') : t('circles.poster.scanSelf'),
        ask: t('circles.poster.ask'),
      }
    }),
  }
}
