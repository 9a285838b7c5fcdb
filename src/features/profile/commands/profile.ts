// Reading and saving one's own profile.
import type { Db } from '../../core/db/index.ts'
import type { ProfileInput } from './schema.ts'

export async function getProfile(db: Db, personId: string) {
  return db
    .selectFrom('people')
    .select(['name', 'email', 'language', 'contact_channel', 'phone'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
}

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
