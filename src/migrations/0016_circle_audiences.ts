// Circles open only to their audience, and an open door that finishes in one go.
// A children's circle may name the groups (grades 1..8) it is for: a kinderkring for groep 6
// to 8 holds {6,7,8}; null is every group. A child's grade is its class's (groups.grade).
// A sign-up without an account waits in circle_join_links until its mailed link confirms it:
// the circle and the person are bound to the link here, on the server, never in the link's
// text; only the link's SHA-256 is kept, it works once (the row goes when it is used) and
// for a short while (the upkeep deletes it after), so a replayed or stale link does nothing.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table circles add column grades int[]
      check (grades is null or (audience = 'child' and cardinality(grades) between 1 and 8
        and grades <@ '{1,2,3,4,5,6,7,8}'::int[]));

    create table circle_join_links (
      id uuid primary key default gen_random_uuid(),
      circle_id uuid not null references circles(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      link_hash text not null unique,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    );
    create index circle_join_links_person on circle_join_links (person_id);
    create index circle_join_links_expiry on circle_join_links (expires_at);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
