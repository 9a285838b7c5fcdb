// A school's own ouderbuddy themes, next to the built-in ones: a short label the school typed
// (shown as typed, in every language). Requests and offers refer to them as 's:<id>'.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table buddy_school_themes (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      label text not null check (length(label) between 2 and 60),
      created_by uuid references people(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (id, school_id)
    );
    create unique index buddy_school_themes_label on buddy_school_themes (school_id, lower(label));
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
