// Partners at school (features/partners): the organisations that come to a school (CJG, JGZ,
// schoolmaatschappelijk werk, …), the schools each serves, its people, their hours at each
// school (a spreekuur of bookable slots, or a walk-in inloop) and the bookings. A booking asks
// no reason: its topic is optional and for the partner's eyes only (policy `partners.seeTopic`).
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table partner_organisations (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid references municipalities(id) on delete set null,
      kind text not null check (kind in ('cjg', 'jgz', 'smw', 'wijkteam', 'okc',
        'huisVanHetKind', 'kindEnGezin', 'homeStart', 'ocmw')),
      name text not null check (length(name) between 1 and 120),
      phone text check (length(phone) <= 40),
      created_at timestamptz not null default now()
    );

    -- The schools an organisation serves; its people hold the partner role at those only.
    create table partner_schools (
      organisation_id uuid not null references partner_organisations(id) on delete cascade,
      school_id uuid not null references schools(id) on delete cascade,
      primary key (organisation_id, school_id)
    );
    create index partner_schools_school on partner_schools (school_id);

    -- A partner's place in their organisation, and what the school's families read of them.
    create table partner_people (
      person_id uuid primary key references people(id) on delete cascade,
      organisation_id uuid not null references partner_organisations(id) on delete cascade,
      job text not null check (length(job) between 1 and 80),
      phone text check (length(phone) <= 40),
      -- "Waarvoor u terecht kunt": what families can come for, in plain Dutch.
      about text check (length(about) <= 600)
    );

    -- One spreekuur or inloop, at one school, on one day.
    create table partner_hours (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      partner_id uuid not null references people(id) on delete cascade,
      kind text not null check (kind in ('spreekuur', 'inloop')),
      starts_at timestamptz not null,
      minutes int not null check (minutes between 15 and 480),
      -- A spreekuur's slots: starts_at, + slot_minutes, … within minutes. Null for an inloop.
      slot_minutes int check (slot_minutes between 10 and 120),
      place text not null check (length(place) between 1 and 120),
      created_at timestamptz not null default now(),
      check ((kind = 'spreekuur') = (slot_minutes is not null))
    );
    create index partner_hours_school on partner_hours (school_id, starts_at);
    create index partner_hours_partner on partner_hours (partner_id, starts_at);

    create table partner_bookings (
      id uuid primary key default gen_random_uuid(),
      hour_id uuid not null references partner_hours(id) on delete cascade,
      school_id uuid not null references schools(id) on delete cascade,
      starts_at timestamptz not null,
      person_id uuid not null references people(id) on delete cascade,
      -- Optional, never asked for; read by the partner only.
      topic text check (length(topic) <= 300),
      -- The booker asked for a talk with the three of them: their child's teacher may know.
      with_teacher boolean not null default false,
      created_at timestamptz not null default now(),
      cancelled_at timestamptz
    );
    create unique index partner_bookings_slot on partner_bookings (hour_id, starts_at)
      where cancelled_at is null;
    create index partner_bookings_person on partner_bookings (person_id, starts_at);
    -- One live booking per person per spreekuur (a second time is for someone else).
    create unique index partner_bookings_one_each on partner_bookings (hour_id, person_id)
      where cancelled_at is null;
  `.execute(db)
}
