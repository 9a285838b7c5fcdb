// The library of recurring messages. Each template is written once in plain Dutch and
// translated ahead of time into every language of the catalogs (msgtpl.<key>.*), so a parent
// reads a template message in their own language the moment it is sent, with its date written
// in that language. The writer only fills in the details; the words are the catalog's.
//
// Pictograms are OpenMoji (CC BY-SA 4.0, static/pictograms/LICENSE.txt): always with their
// meaning written beside them, never instead of words (seed 003, ch. 5 §2).

export const TEMPLATE_FIELDS = ['date', 'time', 'endTime', 'place', 'bring', 'amount'] as const
export type TemplateField = (typeof TEMPLATE_FIELDS)[number]

export interface MessageTemplate {
  key: string
  /** The details the writer fills in, in the order of the form. */
  fields: readonly TemplateField[]
  /** Fields the body needs; the others add their own sentence only when filled in. */
  required: readonly TemplateField[]
  /** OpenMoji code points (file static/pictograms/<hex>.svg); meanings in msgtpl.<key>.pict.<n>. */
  pictograms: readonly { hex: string }[]
  /** Important enough to also tell parents at the door who read little. */
  sayAtDoor?: boolean
}

export const TEMPLATES: readonly MessageTemplate[] = [
  {
    key: 'trip',
    fields: ['date', 'time', 'place', 'endTime', 'bring'],
    required: ['date', 'time', 'place'],
    pictograms: [{ hex: '1F68C' }, { hex: '1F4C5' }, { hex: '1F392' }],
    // The boots of seed 003 (L3816–3822): what to bring is best said and shown at the door.
    sayAtDoor: true,
  },
  {
    key: 'coffee',
    fields: ['date', 'time', 'place', 'endTime'],
    required: ['date', 'time', 'place'],
    pictograms: [{ hex: '2615' }, { hex: '1F552' }, { hex: '1F4CD' }],
  },
  {
    key: 'dayOff',
    fields: ['date'],
    required: ['date'],
    pictograms: [{ hex: '1F3EB' }, { hex: '1F6AB' }, { hex: '1F4C5' }],
    sayAtDoor: true,
  },
  {
    key: 'photo',
    fields: ['date', 'bring'],
    required: ['date'],
    pictograms: [{ hex: '1F4F7' }, { hex: '1F4C5' }],
  },
  {
    key: 'payment',
    fields: ['amount', 'date'],
    required: ['amount', 'date'],
    pictograms: [{ hex: '1F4B6' }, { hex: '1F4C5' }],
  },
  {
    key: 'talk',
    fields: ['date', 'time', 'place'],
    required: ['date', 'time', 'place'],
    pictograms: [{ hex: '1F4AC' }, { hex: '1F46A' }, { hex: '1F552' }],
    sayAtDoor: true,
  },
]

const byKey = new Map(TEMPLATES.map((t) => [t.key, t]))

export const templateByKey = (key: string | null | undefined): MessageTemplate | null =>
  (key && byKey.get(key)) || null

/** The catalog keys one template needs in every language. */
export function templateCatalogKeys(tpl: MessageTemplate): string[] {
  const optional = tpl.fields.filter((f) => !tpl.required.includes(f))
  return [
    ...['name', 'subject', 'body'].map((p) => `msgtpl.${tpl.key}.${p}`),
    ...optional.map((f) => `msgtpl.${tpl.key}.${f}`),
    ...tpl.pictograms.map((_p, i) => `msgtpl.${tpl.key}.pict.${i + 1}`),
  ]
}
