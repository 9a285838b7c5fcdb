// Bevragingen (features/surveys): the school asks its parents, and its team alongside, and tells
// every respondent what it will do. Who was asked and whether they answered is kept apart from
// what was answered: an answer row names no person and carries no time, so no query, and no
// reader of the table, can tie an answer to a parent (the circles' evaluations do the same).
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table surveys (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      owner_id uuid references people(id) on delete set null,
      title text not null,
      kind text not null check (kind in ('newParents', 'afterActivity')),
      asker text not null check (asker in ('teacher', 'brugfiguur', 'ib', 'partner')),
      purpose text not null,
      audience text not null check (audience in ('school', 'groups')),
      ask_team boolean not null default false,
      status text not null default 'open' check (status in ('open', 'closed')),
      created_at timestamptz not null default now(),
      closed_at timestamptz,
      feedback_do text,
      feedback_not text,
      feedback_at timestamptz
    );
    create index surveys_school on surveys (school_id, created_at desc);

    create table survey_groups (
      survey_id uuid not null references surveys(id) on delete cascade,
      group_id uuid not null references groups(id) on delete cascade,
      primary key (survey_id, group_id)
    );

    create table survey_invitees (
      survey_id uuid not null references surveys(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      school_id uuid not null references schools(id) on delete cascade,
      side text not null check (side in ('parents', 'team')),
      answered boolean not null default false,
      primary key (survey_id, person_id)
    );
    create index survey_invitees_person on survey_invitees (person_id, school_id);

    create table survey_answers (
      survey_id uuid not null references surveys(id) on delete cascade,
      side text not null check (side in ('parents', 'team')),
      question text not null,
      scale smallint check (scale between 1 and 5),
      answer text,
      check ((scale is null) <> (answer is null))
    );
    create index survey_answers_survey on survey_answers (survey_id, side, question);
  `.execute(db)
}
