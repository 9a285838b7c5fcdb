// The sociale kaart (features/map): the local services a family can turn to, per
// municipality, stored in the shape of Open Referral's Human Services Data Specification
// (HSDS 3: organization, service, location, service_at_location, phone, language, schedule),
// so an export is a plain mapping and an import from another register needs no guessing.
// Names and descriptions are written in Dutch; translations sit beside them per language.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table map_organizations (
      id uuid primary key default gen_random_uuid(),
      municipality_id uuid not null references municipalities(id) on delete cascade,
      name text not null check (length(name) between 1 and 160),
      description text not null check (length(description) <= 2000),
      website text check (length(website) <= 300),
      email text check (length(email) <= 200)
    );
    create index map_organizations_municipality on map_organizations (municipality_id);

    create table map_services (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references map_organizations(id) on delete cascade,
      name text not null check (length(name) between 1 and 160),
      description text not null check (length(description) <= 2000),
      status text not null default 'active'
        check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
      url text check (length(url) <= 300),
      email text check (length(email) <= 200),
      interpretation_services text check (length(interpretation_services) <= 500),
      fees_description text check (length(fees_description) <= 500),
      eligibility_description text check (length(eligibility_description) <= 500),
      minimum_age int check (minimum_age between 0 and 120),
      maximum_age int check (maximum_age between 0 and 120),
      last_modified timestamptz not null default now()
    );
    create index map_services_organization on map_services (organization_id);

    create table map_locations (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null references map_organizations(id) on delete cascade,
      name text check (length(name) <= 160),
      address_1 text not null check (length(address_1) between 1 and 200),
      postal_code text not null check (length(postal_code) <= 20),
      city text not null check (length(city) between 1 and 100),
      latitude double precision check (latitude between -90 and 90),
      longitude double precision check (longitude between -180 and 180)
    );

    create table map_service_locations (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references map_services(id) on delete cascade,
      location_id uuid not null references map_locations(id) on delete cascade,
      unique (service_id, location_id)
    );

    create table map_phones (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references map_services(id) on delete cascade,
      number text not null check (length(number) between 1 and 40)
    );
    create index map_phones_service on map_phones (service_id);

    -- The languages the service's people speak (ISO 639-1), not those only via an interpreter.
    create table map_languages (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references map_services(id) on delete cascade,
      code text not null check (code ~ '^[a-z]{2,3}$'),
      unique (service_id, code)
    );
    create index map_languages_code on map_languages (code);

    create table map_schedules (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references map_services(id) on delete cascade,
      description text not null check (length(description) between 1 and 300)
    );
    create index map_schedules_service on map_schedules (service_id);

    create table map_service_translations (
      service_id uuid not null references map_services(id) on delete cascade,
      language text not null,
      name text not null check (length(name) between 1 and 160),
      description text not null check (length(description) <= 2000),
      primary key (service_id, language)
    );
  `.execute(db)
}
