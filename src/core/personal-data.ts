// A person's own data, for their right of access and portability (AVG art. 15 and 20): each
// feature says what it holds about a person and reads it (its read/personal.ts), and the
// profile page puts it together, as a readable page in the person's language and as JSON.
//
// Each feature also names the columns that point to a person it has covered (`covers`):
// test/personal-data.test.ts fails when a column that refers to people is in no feature's list
// and not on its short list of columns left out with a reason. A new table about people is
// therefore either in the export or explained.
import type { Db } from './db/index.ts'

/** One fact, as stored: dates stay dates until the view formats them in the reader's language. */
export type Fact = string | number | boolean | Date | null

export interface PersonalSection {
  /** Names the section: `data.section.<name>` is its heading. */
  name: string
  /** The records, each a set of named facts (`data.field.<name>` is a fact's label). */
  rows: Record<string, Fact>[]
}

export interface PersonalData {
  /** The columns that refer to a person whose rows this feature exports, as table.column. */
  covers: readonly string[]
  /** Everything the feature holds about the person; never another person's data. */
  read(db: Db, personId: string): Promise<PersonalSection[]>
}

/** Every feature's part, in the order the features are composed. */
export class PersonalDataRegistry {
  constructor(private readonly parts: readonly { feature: string; data: PersonalData }[]) {}

  covered(): string[] {
    return this.parts.flatMap((p) => p.data.covers)
  }

  async collect(
    db: Db,
    personId: string,
  ): Promise<{ feature: string; sections: PersonalSection[] }[]> {
    const out: { feature: string; sections: PersonalSection[] }[] = []
    for (const { feature, data } of this.parts) {
      const sections = (await data.read(db, personId)).filter((s) => s.rows.length > 0)
      if (sections.length) out.push({ feature, sections })
    }
    return out
  }
}
