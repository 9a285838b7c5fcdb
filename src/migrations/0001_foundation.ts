// Foundation tables: schools, people, roles per school, classes, children, sessions,
// sign-in tokens, the mail outbox and the audit log.
// Composite foreign keys (id, school_id) make a cross-school link impossible in the data itself.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table municipalities (
      id uuid primary key default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now()
    );
    create table schools (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid references municipalities(id),
      name text not null check (length(name) between 1 and 200),
      city text,
      created_at timestamptz not null default now()
    );
    create table people (
      id uuid primary key default gen_random_uuid(),
      email text not null check (position('@' in email) > 1 and length(email) <= 254),
      name text not null check (length(name) between 1 and 200),
      first_name text not null check (length(first_name) between 1 and 100),
      language text not null default 'nl' check (language in ('nl','en','fr','ar','tr','pl','uk')),
      contact_channel text not null default 'email' check (contact_channel in ('email','phone','school')),
      phone text check (length(phone) <= 40),
      home_languages text[] not null default '{}',
      created_at timestamptz not null default now(),
      last_signin_at timestamptz
    );
    create unique index people_email_key on people (lower(email));
    create table memberships (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      role text not null check (role in ('parent','teacher','ib','director','brugfiguur','facilitator','partner','municipal','admin')),
      invited_by uuid references people(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (school_id, person_id, role)
    );
    create index memberships_person on memberships (person_id);
    create table groups (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      name text not null check (length(name) between 1 and 40),
      grade int not null check (grade between 1 and 8),
      unique (school_id, name),
      unique (id, school_id)
    );
    create table group_teachers (
      group_id uuid not null,
      person_id uuid not null references people(id) on delete cascade,
      school_id uuid not null,
      primary key (group_id, person_id),
      foreign key (group_id, school_id) references groups(id, school_id) on delete cascade
    );
    create table children (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null,
      group_id uuid not null,
      first_name text not null check (length(first_name) between 1 and 100),
      created_at timestamptz not null default now(),
      unique (id, school_id),
      foreign key (group_id, school_id) references groups(id, school_id) on delete cascade
    );
    create index children_group on children (group_id);
    create table guardianships (
      child_id uuid not null,
      person_id uuid not null references people(id) on delete cascade,
      school_id uuid not null,
      primary key (child_id, person_id),
      foreign key (child_id, school_id) references children(id, school_id) on delete cascade
    );
    create index guardianships_person on guardianships (person_id);
    create table sessions (
      id text primary key,
      person_id uuid not null references people(id) on delete cascade,
      school_id uuid references schools(id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index sessions_person on sessions (person_id);
    create table signin_tokens (
      id uuid primary key default gen_random_uuid(),
      person_id uuid not null references people(id) on delete cascade,
      link_hash text not null unique,
      code_hash text not null,
      attempts int not null default 0,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index signin_tokens_person on signin_tokens (person_id, created_at desc);
    create table rate_events (
      bucket text not null,
      at timestamptz not null default now()
    );
    create index rate_events_bucket on rate_events (bucket, at);
    create table outbox (
      id uuid primary key default gen_random_uuid(),
      person_id uuid references people(id) on delete cascade,
      to_address text not null,
      subject text not null,
      body_text text not null,
      created_at timestamptz not null default now()
    );
    create index outbox_created on outbox (created_at desc);
    create table audit_log (
      id uuid primary key default gen_random_uuid(),
      school_id uuid references schools(id) on delete cascade,
      actor_id uuid references people(id) on delete set null,
      action text not null,
      subject_id uuid,
      detail jsonb not null default '{}',
      at timestamptz not null default now()
    );
    create index audit_log_school on audit_log (school_id, at desc);
    create table app_secrets (
      name text primary key,
      value text not null
    );
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
