// Beyond school: programmes a school refers parents to (Home-Start, a municipal mentoring
// scheme), and the referrals themselves. A referral needs the parent's recorded consent
// (consents scope 'buddy.referral:<programmeId>'); the referral row only says who, where, when.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table buddy_programmes (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      name text not null check (length(name) between 2 and 100),
      description text not null default '' check (length(description) <= 300),
      contact text not null check (length(contact) between 3 and 254),
      created_by uuid references people(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (id, school_id)
    );
    create table buddy_referrals (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      programme_id uuid not null,
      person_id uuid not null references people(id) on delete cascade,
      referred_by uuid references people(id) on delete set null,
      referred_at timestamptz not null default now(),
      mailed_at timestamptz,
      foreign key (programme_id, school_id) references buddy_programmes(id, school_id) on delete cascade
    );
    create index buddy_referrals_person on buddy_referrals (school_id, person_id);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
