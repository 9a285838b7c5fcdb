// The themes a school offers, in the reader's words: the built-in ones from the catalog and
// the school's own as the school typed them. Loaded once in each page's load step.
import type { Db } from '../../../core/db/index.ts'
import type { T } from '../../../core/i18n/index.ts'
import { SCHOOL_THEME_CODE, schoolThemeCode, THEMES, themeLabel, themeName } from '../themes.ts'

export interface SchoolTheme {
  code: string
  label: string
}

/** The school's own themes, as the school typed them. */
export async function schoolThemes(db: Db, schoolId: string): Promise<SchoolTheme[]> {
  const rows = await db
    .selectFrom('buddy_school_themes')
    .select(['id', 'label'])
    .where('school_id', '=', schoolId)
    .orderBy('label')
    .execute()
  return rows.map((r) => ({ code: schoolThemeCode(r.id), label: r.label }))
}

/** The school's themes for one page: the built-in ones, then the school's own. */
export interface Themes {
  codes: readonly [string, ...string[]]
  /** Codes of the school's own themes (their labels are Dutch, as the school typed them). */
  own: ReadonlyMap<string, string>
  name: (code: string) => string
  options: { value: string; label: string }[]
}

export async function loadThemes(db: Db, schoolId: string, t: T): Promise<Themes> {
  const own = new Map((await schoolThemes(db, schoolId)).map((x) => [x.code, x.label]))
  const name = (code: string) => themeName(t, code, own)
  const codes: [string, ...string[]] = [...THEMES, ...own.keys()]
  return { codes, own, name, options: codes.map((v) => ({ value: v, label: name(v) })) }
}

/** Names theme codes for a reader (the consents page): the catalog's, or the school's own. */
export async function themeNames(
  db: Db,
  schoolId: string,
  codes: readonly string[],
  t: T,
): Promise<Map<string, string>> {
  const own = new Map((await schoolThemes(db, schoolId)).map((x) => [x.code, x.label]))
  return new Map(codes.map((code) => [code, themeName(t, code, own)]))
}

/** A theme in words for a mail: the catalog's for built-in themes, the school's own label else. */
export async function themeWords(db: Db, code: string): Promise<(t: T) => string> {
  const id = code.match(SCHOOL_THEME_CODE)?.[1]
  if (!id) return (t) => t(themeLabel(code))
  const row = await db
    .selectFrom('buddy_school_themes')
    .select('label')
    .where('id', '=', id)
    .executeTakeFirst()
  return (t) => row?.label ?? t(themeLabel(code))
}
