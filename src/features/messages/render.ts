// A message in a reader's language, for the page, the mail and the read-aloud alike. A template
// message is written anew from the catalog of the reader's language, with its date in that
// language; free text shows the translation people made, or else the Dutch, marked as not yet
// translated. A Flemish school shows the Dutch first with the translation beside it, labelled
// as a translation, as the Flemish language law asks of official school communication.
import type { Language } from '../../core/db/schema.ts'
import { catalogs, direction, type MessageKey, translator } from '../../core/i18n/index.ts'
import { formatStyled, schoolTime } from '../../core/time.ts'
import type { MessageContent } from './read/message.ts'
import { type TemplateField, templateByKey } from './templates.ts'

export interface Pictogram {
  src: string
  meaning: string
}

export interface RenderedText {
  language: Language
  subject: string
  paragraphs: string[]
}

export interface RenderedMessage extends RenderedText {
  /** 'template': from the reviewed library; 'people': translated by a parent or staff member;
   * 'dutch': the Dutch, because no translation exists (yet) or the reader reads Dutch. */
  source: 'template' | 'people' | 'dutch'
  /** Free text the reader asked in another language that nobody translated yet. */
  untranslated: boolean
  /** A translation by people that no second reader checked yet. */
  unreviewed: boolean
  pictograms: Pictogram[]
  /** The Dutch, shown beside a translation (first, in a Flemish school). */
  dutch: RenderedText | null
  sayAtDoor: boolean
}

const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)

const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (m, name: string) => values[name] ?? m)

/** The writer's own words (a place, what to bring) stay in Dutch inside a translated sentence:
 * in a right-to-left text each is isolated (FSI … PDI), so its letters and the full stop after
 * it keep their order on the page, in the mail and when read aloud. */
const WRITTEN = new Set(['place', 'bring'])
const isolate = (text: string) => `\u2068${text}\u2069`

/** A template's parameters as the reader reads them: the date in their language. */
function valuesFor(params: Record<string, string>, lang: Language): Record<string, string> {
  const values: Record<string, string> = { ...params }
  if (direction(lang) === 'rtl')
    for (const name of WRITTEN) if (values[name]) values[name] = isolate(values[name])
  if (params.date && /^\d{4}-\d{2}-\d{2}$/.test(params.date))
    values.date = formatStyled(lang, schoolTime(params.date, '12:00'), 'full')
  return values
}

const has = (lang: Language, key: string): boolean =>
  (catalogs[lang] as Record<string, string | undefined>)[key] !== undefined

/** A template message written out in one language, or null when the key is unknown. */
export function renderTemplate(
  templateKey: string,
  params: Record<string, string>,
  lang: Language,
): (RenderedText & { pictograms: Pictogram[]; sayAtDoor: boolean }) | null {
  const tpl = templateByKey(templateKey)
  if (!tpl) return null
  const t = translator(lang)
  const k = (suffix: string) => `msgtpl.${tpl.key}.${suffix}` as MessageKey
  const values = valuesFor(params, lang)
  const body = [fill(t(k('body')), values)]
  // An optional field adds its own sentence, only when it was filled in.
  for (const field of tpl.fields as readonly TemplateField[]) {
    if (tpl.required.includes(field) || !params[field]?.trim()) continue
    if (has('nl', `msgtpl.${tpl.key}.${field}`)) body.push(fill(t(k(field)), values))
  }
  return {
    language: lang,
    subject: fill(t(k('subject')), values),
    paragraphs: [body.join(' ')],
    pictograms: tpl.pictograms.map((pict, i) => ({
      src: `/static/pictograms/${pict.hex}.svg`,
      meaning: t(k(`pict.${i + 1}`)),
    })),
    sayAtDoor: tpl.sayAtDoor === true,
  }
}

export function renderMessage(
  m: MessageContent,
  lang: Language,
  opts: { flemish: boolean },
): RenderedMessage {
  const dutchText: RenderedText = {
    language: 'nl',
    subject: m.subject,
    paragraphs: paragraphsOf(m.body),
  }
  const beside = (shown: RenderedText) =>
    shown.language !== 'nl' || opts.flemish ? (shown.language === 'nl' ? null : dutchText) : null
  if (m.templateKey) {
    const shown = renderTemplate(m.templateKey, m.params, lang)
    if (shown) {
      const { pictograms, sayAtDoor, ...text } = shown
      return {
        ...text,
        source: lang === 'nl' ? 'dutch' : 'template',
        untranslated: false,
        unreviewed: false,
        pictograms,
        sayAtDoor,
        dutch: beside(text),
      }
    }
  }
  if (lang !== 'nl' && m.translation && m.translation.language === lang) {
    const text: RenderedText = {
      language: lang,
      subject: m.translation.subject,
      paragraphs: paragraphsOf(m.translation.body),
    }
    return {
      ...text,
      source: 'people',
      untranslated: false,
      unreviewed: !m.translation.reviewed,
      pictograms: [],
      sayAtDoor: false,
      dutch: dutchText,
    }
  }
  return {
    ...dutchText,
    source: 'dutch',
    untranslated: lang !== 'nl',
    unreviewed: false,
    pictograms: [],
    sayAtDoor: false,
    dutch: null,
  }
}

/** The words read aloud and mailed: subject, then the text. */
export const plainText = (r: RenderedText): string => [r.subject, ...r.paragraphs].join('\n\n')
