// A recipient opened a message: the moment is kept once, for the writer's "not opened yet".
import type { Db } from '../../../core/db/index.ts'

export async function markOpened(
  db: Db,
  schoolId: string,
  messageId: string,
  personId: string,
): Promise<void> {
  await db
    .updateTable('message_recipients')
    .set({ opened_at: new Date() })
    .where('message_id', '=', messageId)
    .where('person_id', '=', personId)
    .where('school_id', '=', schoolId)
    .where('opened_at', 'is', null)
    .execute()
}
