// The school's own buddy arrangements: the director's switch for new families, the school's
// own themes, and who coordinates 'nieuw' and 'taal' (audit-logged).
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import { transact } from '../../../core/db/transact.ts'
import { buddyAudit } from '../audit.ts'

export async function setOfferNewFamilies(db: Db, schoolId: string, actorId: string, on: boolean) {
  await db
    .insertInto('buddy_settings')
    .values({ school_id: schoolId, offer_new_families: on, updated_by: actorId })
    .onConflict((oc) =>
      oc.column('school_id').doUpdateSet({
        offer_new_families: on,
        updated_by: actorId,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute()
}

export async function addSchoolTheme(db: Db, schoolId: string, actorId: string, label: string) {
  await db
    .insertInto('buddy_school_themes')
    .values({ school_id: schoolId, label, created_by: actorId })
    .execute()
}

/** Names a coordinator for a theme, or (personId null) gives the theme back to the IB. */
export async function nameCoordinator(
  db: Db,
  schoolId: string,
  actorId: string,
  theme: string,
  personId: string | null,
) {
  await transact(db, async (trx) => {
    if (personId === null) {
      await trx
        .deleteFrom('buddy_theme_coordinators')
        .where('school_id', '=', schoolId)
        .where('theme', '=', theme)
        .execute()
    } else {
      await trx
        .insertInto('buddy_theme_coordinators')
        .values({ school_id: schoolId, theme, person_id: personId, named_by: actorId })
        .onConflict((oc) =>
          oc
            .columns(['school_id', 'theme'])
            .doUpdateSet({ person_id: personId, named_by: actorId, named_at: sql<Date>`now()` }),
        )
        .execute()
    }
    await buddyAudit.record(trx, {
      schoolId,
      actorId,
      action: 'buddy.coordinator',
      subjectId: personId,
      detail: { theme },
    })
  })
}

/** Who looked at the registry of buddies, and how many rows they saw: every view is on record. */
export async function recordRegistryView(db: Db, schoolId: string, actorId: string, rows: number) {
  await buddyAudit.record(db, {
    schoolId,
    actorId,
    action: 'buddy.registry.view',
    detail: { rows },
  })
}
