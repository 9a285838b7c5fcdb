// A consent says who recorded it: the person themselves, or a coordinator who records the yes
// the person gave them (a referral, features/buddies). Likewise for a withdrawal.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table consents
      add column granted_by uuid references people(id) on delete set null,
      add column withdrawn_by uuid references people(id) on delete set null;
    -- Until now only a referral's consent could be recorded by someone else; every other
    -- consent, and every withdrawal, was made by the person in their own session. Who recorded
    -- an earlier referral consent is not known, so it stays empty.
    update consents set granted_by = person_id where scope not like 'buddy.referral:%';
    update consents set withdrawn_by = person_id where withdrawn_at is not null;
  `.execute(db)
}
