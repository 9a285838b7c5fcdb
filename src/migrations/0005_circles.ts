// Kringen: circles, their facilitators register, members, meetings, attendance, topic
// proposals and anonymous evaluations. What is said in a circle is never stored: meetings and
// attendance hold times, codes and yes/no only; topic proposals are deleted when a meeting
// closes; an evaluation keeps running sums, never one person's answers.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table facilitators (
      id uuid primary key default gen_random_uuid(),
      school_id uuid references schools(id) on delete cascade,
      municipality_id uuid references municipalities(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      training text not null check (length(training) between 1 and 120),
      trained_on date not null,
      created_at timestamptz not null default now(),
      check ((school_id is null) <> (municipality_id is null)),
      unique nulls not distinct (school_id, municipality_id, person_id)
    );

    create table circles (
      id uuid primary key default gen_random_uuid(),
      school_id uuid references schools(id) on delete cascade,
      municipality_id uuid references municipalities(id) on delete cascade,
      kind text not null check (kind in ('kinder','puber','jongeren','ouder','leerkracht','mantelzorg','eigen')),
      kind_label text check (length(kind_label) between 1 and 60),
      audience text not null check (audience in ('child','adult')),
      name text not null check (length(name) between 1 and 120),
      place text not null check (length(place) between 1 and 160),
      capacity int not null check (capacity between 2 and 40),
      languages text[] not null default '{nl}' check (cardinality(languages) between 1 and 7),
      agreements text[] not null default '{}',
      autonomous boolean not null default false,
      convener_id uuid references people(id) on delete set null,
      status text not null default 'open' check (status in ('open','closed')),
      created_by uuid references people(id) on delete set null,
      created_at timestamptz not null default now(),
      check ((school_id is null) <> (municipality_id is null)),
      check ((kind = 'eigen') = (kind_label is not null))
    );
    create index circles_school on circles (school_id);
    create index circles_municipality on circles (municipality_id);

    -- A bovenschoolse kring (hosted by the municipality) is open to these schools' people.
    create table circle_schools (
      circle_id uuid not null references circles(id) on delete cascade,
      school_id uuid not null references schools(id) on delete cascade,
      primary key (circle_id, school_id)
    );
    create index circle_schools_school on circle_schools (school_id);

    create table circle_facilitators (
      circle_id uuid not null references circles(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      primary key (circle_id, person_id)
    );
    create index circle_facilitators_person on circle_facilitators (person_id);

    -- A place in a circle: an adult's own, or a child's taken by a parent with consent.
    -- There is no reason, referral or problem column, by design.
    create table circle_members (
      id uuid primary key default gen_random_uuid(),
      circle_id uuid not null references circles(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      child_id uuid references children(id) on delete cascade,
      status text not null default 'asked' check (status in ('asked','waitlist','confirmed','declined','left')),
      parent_consent_at timestamptz,
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      check (child_id is null or parent_consent_at is not null),
      unique nulls not distinct (circle_id, person_id, child_id)
    );
    create index circle_members_person on circle_members (person_id);
    -- One place per child, whichever guardian asked for it.
    create unique index circle_members_one_per_child on circle_members (circle_id, child_id)
      where child_id is not null and status in ('asked','waitlist','confirmed');

    create table circle_meetings (
      id uuid primary key default gen_random_uuid(),
      circle_id uuid not null references circles(id) on delete cascade,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      status text not null default 'planned' check (status in ('planned','open','closed','cancelled')),
      reminder_sent_at timestamptz,
      opened_at timestamptz,
      closed_at timestamptz,
      check (ends_at > starts_at),
      unique (circle_id, starts_at)
    );
    create index circle_meetings_start on circle_meetings (starts_at);

    create table circle_attendance (
      meeting_id uuid not null references circle_meetings(id) on delete cascade,
      member_id uuid not null references circle_members(id) on delete cascade,
      present boolean not null,
      primary key (meeting_id, member_id)
    );

    -- Topics members propose before a meeting: deleted when the meeting closes.
    create table circle_topics (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references circle_meetings(id) on delete cascade,
      member_id uuid references circle_members(id) on delete cascade,
      topic text not null check (length(topic) between 1 and 200)
    );
    create index circle_topics_meeting on circle_topics (meeting_id);

    -- Anonymous by construction: running sums per pillar, never a row per answer.
    create table circle_evaluations (
      id uuid primary key default gen_random_uuid(),
      circle_id uuid not null references circles(id) on delete cascade,
      opened_at timestamptz not null default now(),
      closed_at timestamptz,
      answers int not null default 0 check (answers >= 0),
      sums int[] not null default '{0,0,0,0,0,0}' check (cardinality(sums) = 6)
    );
    create index circle_evaluations_circle on circle_evaluations (circle_id);
    create unique index circle_evaluations_one_open on circle_evaluations (circle_id)
      where closed_at is null;
    -- Who may answer, fixed when the evaluation opens (one row per person, not per place, and
    -- never the people who run the circle), and whether they did; never what they answered.
    create table circle_evaluation_voters (
      evaluation_id uuid not null references circle_evaluations(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      answered boolean not null default false,
      primary key (evaluation_id, person_id)
    );

    -- Mail about circles tells who takes part: an admin's outbox view leaves it out.
    alter table outbox add column confidential boolean not null default false;
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
