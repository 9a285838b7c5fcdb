// "Every new family gets a buddy offer": a per-school setting, and requests the school opens
// for a new groep-1 family itself (source 'auto'). Such a request shares nothing: the parent
// can decline it, and a proposal still waits for both yeses.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table buddy_settings (
      school_id uuid primary key references schools(id) on delete cascade,
      offer_new_families boolean not null default false,
      updated_by uuid references people(id) on delete set null,
      updated_at timestamptz not null default now()
    );
    alter table buddy_requests drop constraint buddy_requests_source_check;
    alter table buddy_requests add constraint buddy_requests_source_check
      check (source in ('parent', 'signal', 'auto'));
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
