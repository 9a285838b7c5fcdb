// Follow-up of a buddy link: after 2 and after 6 weeks the parent is asked "helpt het?".
// Only the answer code is stored, never a comment.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table buddy_checkins (
      link_id uuid not null references buddy_links(id) on delete cascade,
      school_id uuid not null references schools(id) on delete cascade,
      week int not null check (week in (2, 6)),
      answer text not null check (answer in ('yes', 'somewhat', 'no')),
      at timestamptz not null default now(),
      primary key (link_id, week)
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
