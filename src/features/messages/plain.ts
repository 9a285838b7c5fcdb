// Plain Dutch at the source: hints for the writer of a free-text message, never a block.
// The seed's rules (seed 003, L4285–4295, L2070, L4373–4377): active sentences, no figures of
// speech, a clear who / what / where / when, school jargon avoided or explained, short
// sentences. Readability is Flesch–Douma (the Dutch Flesch), with syllables counted by the
// Liang hyphenation patterns for Dutch (the `hyphen` package, the TeX patterns).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { hyphenateSync } = require('hyphen/nl') as {
  hyphenateSync: (text: string, opts?: { hyphenChar?: string; minWordLength?: number }) => string
}

export type Hint =
  | { kind: 'missing'; part: 'who' | 'what' | 'where' | 'when' }
  | { kind: 'readability'; level: 'hard' | 'fair'; score: number }
  | { kind: 'longSentence'; words: number; sentence: string }
  | { kind: 'passive'; phrase: string }
  | { kind: 'jargon'; word: string; plain: string }
  | { kind: 'figurative'; phrase: string }

/** School words parents name as hard (seed 003, L2070), with a plain alternative. */
export const JARGON: ReadonlyArray<readonly [RegExp, string, string]> = [
  [
    /\bzorgco[öo]rdinator(en)?\b/i,
    'zorgcoördinator',
    'de juf of meester die helpt als het moeilijk gaat',
  ],
  [
    /\bintern(e)? begeleider(s)?\b|\bIB'?er\b/i,
    'intern begeleider',
    'de juf of meester die helpt als het moeilijk gaat',
  ],
  [
    /\bleerlingvolgsysteem\b/i,
    'leerlingvolgsysteem',
    'de lijst waarin de school bijhoudt hoe uw kind leert',
  ],
  [/\bhandelingsplan(nen)?\b/i, 'handelingsplan', 'een plan met extra hulp voor uw kind'],
  [
    /\bmedezeggenschapsraad\b|\bMR\b/,
    'medezeggenschapsraad',
    'de groep ouders en leraren die meepraat over de school',
  ],
  [/\bstudiedag(en)?\b/i, 'studiedag', 'een dag zonder school: de leraren leren dan zelf'],
  [/\bremedi[ëe]ring\b/i, 'remediëring', 'extra hulp bij het leren'],
  [/\bzorgteam\b/i, 'zorgteam', 'de mensen op school die kinderen extra helpen'],
  [/\bfacultatief\b/i, 'facultatief', 'als u wilt'],
  [/\bpedagogisch(e)?\b/i, 'pedagogisch', 'over opvoeden en leren'],
  [
    /\bdifferenti[ëe]ren\b|\bdifferentiatie\b/i,
    'differentiatie',
    'elk kind werkt op zijn eigen niveau',
  ],
  [
    /\bdoorstroomtoets\b|\bcito(-toets)?\b/i,
    'doorstroomtoets',
    'de toets in groep 8 die helpt bij de keuze van een middelbare school',
  ],
  [/\bouderbijdrage\b/i, 'ouderbijdrage', 'geld dat de school vraagt voor uitstapjes en feesten'],
  [/\bCLB\b/, 'CLB', 'het centrum dat helpt bij leren en gezondheid (CLB)'],
]

/** Dutch figures of speech a newcomer reads literally. */
const FIGURATIVE: readonly string[] = [
  'een oogje in het zeil',
  'aan de bel trekken',
  'de handen ineen',
  'in de steigers',
  'op de rails',
  'een vinger aan de pols',
  'de kat uit de boom',
  'het ijs breken',
  'over de brug komen',
  'in het zonnetje',
  'een steentje bijdragen',
  'de puntjes op de i',
  'in de startblokken',
  'een kijkje in de keuken',
  'op één lijn',
  'uit de hand lopen',
  'met de deur in huis',
  'op de hoogte houden',
]

const WHEN =
  /\b(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|vandaag|morgen|overmorgen|volgende week|deze week|januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}[-/]\d{1,2}\b|\b\d{1,2} uur\b/i
const WHERE =
  /\b(school|klas|lokaal|aula|gymzaal|speelplaats|schoolplein|plein|zaal|ingang|poort|hal|bibliotheek|adres|straat|buurthuis|kerk|moskee|park|museum|thuis|online)\b/i
const WHO =
  /\b(u|jij|je|ouders?|verzorgers?|kinderen|kind|leerlingen|groep|klas|iedereen|alle|juf|meester|leraren|leerkracht(en)?)\b/i

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu
const words = (text: string): string[] => text.match(WORD) ?? []

/** Sentences: split after . ! ? or a line break, keeping "bijv." style abbreviations rare. */
export const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => words(s).length > 0)

/** Syllables of one Dutch word, by the hyphenation patterns (at least one). */
export function syllables(word: string): number {
  if (/^\d+$/.test(word)) return word.length <= 2 ? 2 : 3
  return hyphenateSync(word.toLowerCase(), { hyphenChar: '\u00ad', minWordLength: 2 }).split(
    '\u00ad',
  ).length
}

/** Flesch–Douma: 206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence. */
export function fleschDouma(text: string): number | null {
  const all = words(text)
  const count = sentences(text).length
  if (all.length === 0 || count === 0) return null
  const syl = all.reduce((n, w) => n + syllables(w), 0)
  return 206.84 - 0.77 * ((100 * syl) / all.length) - 0.93 * (all.length / count)
}

/** A sentence longer than this is hard to read at B1. */
export const LONG_SENTENCE = 15

const PASSIVE =
  /\b(?:word|wordt|worden|werd|werden)\b(?:\s+[\p{L}'’-]+){0,6}?\s+(?:ge\p{L}+(?:d|t|en)|(?:aan|af|bij|door|in|mee|na|om|op|over|terug|toe|uit|vast|voor|weg)ge\p{L}+(?:d|t|en)|(?:be|ver|ont|her)\p{L}+(?:d|t|en))\b/giu

/** Hints on a subject and text in Dutch, most important first. */
export function plainHints(subject: string, body: string): Hint[] {
  const text = `${subject}\n${body}`
  const hints: Hint[] = []
  if (words(body).length < 5) hints.push({ kind: 'missing', part: 'what' })
  if (!WHO.test(text)) hints.push({ kind: 'missing', part: 'who' })
  if (!WHERE.test(text)) hints.push({ kind: 'missing', part: 'where' })
  if (!WHEN.test(text)) hints.push({ kind: 'missing', part: 'when' })
  const score = fleschDouma(body)
  if (score !== null && score < 60)
    hints.push({ kind: 'readability', level: score < 45 ? 'hard' : 'fair', score })
  for (const s of sentences(body)) {
    const n = words(s).length
    if (n > LONG_SENTENCE) hints.push({ kind: 'longSentence', words: n, sentence: s })
  }
  for (const m of body.matchAll(PASSIVE)) hints.push({ kind: 'passive', phrase: m[0].trim() })
  const seen = new Set<string>()
  for (const [pattern, word, plain] of JARGON) {
    if (pattern.test(text) && !seen.has(word)) {
      seen.add(word)
      hints.push({ kind: 'jargon', word, plain })
    }
  }
  const lower = text.toLowerCase()
  for (const phrase of FIGURATIVE)
    if (lower.includes(phrase)) hints.push({ kind: 'figurative', phrase })
  return hints
}
