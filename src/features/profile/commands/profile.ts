// Saving one's own profile: the route acts on the principal, never on a person id it is given.
import type { Db } from '../../../core/db/index.ts'
import type { ProfileInput } from '../schema.ts'

export async function saveProfile(db: Db, personId: string, input: ProfileInput): Promise<void> {
  await db
    .updateTable('people')
    .set({
      name: input.name,
      first_name: input.name.split(/\s+/)[0] ?? input.name,
      language: input.language,
      contact_channel: input.contactChannel,
      phone: input.phone,
    })
    .where('id', '=', personId)
    .execute()
}
