// Ouderbuddy's: offers of experience, requests and signals, proposed and active links, and a
// consent trail. Nothing here holds a story or a diagnosis: themes are codes, nothing more.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table consents (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      scope text not null check (length(scope) between 1 and 100),
      granted_at timestamptz not null default now(),
      withdrawn_at timestamptz
    );
    create index consents_person on consents (person_id, scope);

    create table buddy_offers (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      themes text[] not null check (cardinality(themes) between 1 and 20),
      languages text[] not null default '{}',
      show_name boolean not null default false,
      contact_channel text not null default 'email' check (contact_channel in ('email','phone','school')),
      capacity int not null default 1 check (capacity between 1 and 5),
      until date,
      status text not null default 'active' check (status in ('active','paused','withdrawn')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (school_id, person_id),
      unique (id, school_id)
    );

    create table buddy_requests (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      theme text not null check (length(theme) between 1 and 40),
      source text not null check (source in ('parent','signal')),
      signalled_by uuid references people(id) on delete set null,
      status text not null default 'open' check (status in ('open','proposed','linked','closed')),
      created_at timestamptz not null default now(),
      unique (id, school_id)
    );
    create index buddy_requests_school on buddy_requests (school_id, status);

    create table buddy_links (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null,
      request_id uuid not null,
      offer_id uuid not null,
      proposed_by uuid references people(id) on delete set null,
      parent_consent_at timestamptz,
      buddy_consent_at timestamptz,
      declined_by text check (declined_by in ('parent','buddy')),
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      foreign key (request_id, school_id) references buddy_requests(id, school_id) on delete cascade,
      foreign key (offer_id, school_id) references buddy_offers(id, school_id) on delete cascade
    );
    create index buddy_links_request on buddy_links (request_id);
    create index buddy_links_offer on buddy_links (offer_id);
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
