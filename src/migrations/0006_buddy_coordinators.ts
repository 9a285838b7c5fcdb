// Per-theme buddy coordinators: by default the IB coordinates every theme; for "nieuw op
// school" and "taal" a director may name another staff member of the school (a director,
// bouwcoördinator or groep 1/2 teacher). One row per school and theme; no row means the IB.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table buddy_theme_coordinators (
      school_id uuid not null references schools(id) on delete cascade,
      theme text not null check (theme in ('nieuw', 'taal')),
      person_id uuid not null references people(id) on delete cascade,
      named_by uuid references people(id) on delete set null,
      named_at timestamptz not null default now(),
      primary key (school_id, theme)
    );
    create index buddy_theme_coordinators_person on buddy_theme_coordinators (person_id);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
