// A person's calendar feed link (ics.ts): replacing it when it has gone where it should not.
import type { Db } from '../../../core/db/index.ts'

/** Replaces the person's calendar feed link: every earlier link stops working. */
export async function renewFeed(db: Db, personId: string): Promise<void> {
  await db
    .updateTable('people')
    .set((eb) => ({ calendar_feed: eb('calendar_feed', '+', 1) }))
    .where('id', '=', personId)
    .execute()
}
