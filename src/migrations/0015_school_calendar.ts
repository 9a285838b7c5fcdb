// A school's holiday calendar: the region whose official holidays it keeps (the Dutch regions
// noord, midden and zuid, or Flanders; features/schools/holidays.ts), and the days off it adds
// itself. Planning a circle's season skips both.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Null: not chosen yet; then only the school's own days off count.
    alter table schools add column holiday_region text
      check (holiday_region in ('noord', 'midden', 'zuid', 'vlaanderen'));

    -- One day (starts_on = ends_on) or a period, both days included.
    create table school_days_off (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      starts_on date not null,
      ends_on date not null,
      label text not null check (length(label) between 1 and 80),
      created_by uuid references people(id) on delete set null,
      created_at timestamptz not null default now(),
      check (ends_on >= starts_on),
      check (ends_on - starts_on <= 366)
    );
    create index school_days_off_school on school_days_off (school_id, starts_on);
  `.execute(db)
}
