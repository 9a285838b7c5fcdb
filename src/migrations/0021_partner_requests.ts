// "Ik wil graag praten met de opvoedadviseur" (features/partners): a parent's wish to be
// contacted by a partner of the school, given with their consent in the ledger (scope
// `partner.talk:<request>`). It names how the parent wants to be reached, nothing about why;
// the partner records that the first contact was made. Withdrawing the consent ends it.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partner_requests (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      -- Null: any of the school's partners may answer.
      partner_id uuid references people(id) on delete cascade,
      channel text not null check (channel in ('phone', 'email', 'school')),
      phone text check (length(phone) <= 40),
      -- When it suits the parent ("liefst 's ochtends"), never a reason.
      note text check (length(note) <= 200),
      created_at timestamptz not null default now(),
      contacted_at timestamptz,
      contacted_by uuid references people(id) on delete set null,
      withdrawn_at timestamptz
    );
    create index partner_requests_open on partner_requests (school_id, partner_id)
      where contacted_at is null and withdrawn_at is null;
    create index partner_requests_person on partner_requests (person_id, created_at desc);
    -- One open wish per parent per school at a time.
    create unique index partner_requests_one_open on partner_requests (school_id, person_id)
      where contacted_at is null and withdrawn_at is null;
  `.execute(db)
}
