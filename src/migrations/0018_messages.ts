// Messages from school (features/messages): who wrote what to whom, and for each recipient when
// its mail may go (quiet hours, a daily digest), whether it went and whether it was opened.
// A template message keeps its key and parameters, so every reader gets it in their own
// language; free text is Dutch, with translations made by people. Read-aloud audio is made once
// per message and language and kept.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table messages (
      id uuid primary key default gen_random_uuid(),
      school_id uuid not null references schools(id) on delete cascade,
      author_id uuid references people(id) on delete set null,
      audience text not null check (audience in ('school', 'groups', 'families')),
      template_key text,
      subject text not null,
      body text not null,
      params jsonb not null default '{}'::jsonb,
      urgent boolean not null default false,
      recipients int not null default 0,
      created_at timestamptz not null default now()
    );
    create index messages_school on messages (school_id, created_at desc);
    create index messages_author on messages (author_id, created_at desc);

    create table message_groups (
      message_id uuid not null references messages(id) on delete cascade,
      group_id uuid not null references groups(id) on delete cascade,
      primary key (message_id, group_id)
    );
    create table message_children (
      message_id uuid not null references messages(id) on delete cascade,
      child_id uuid not null references children(id) on delete cascade,
      primary key (message_id, child_id)
    );

    create table message_recipients (
      message_id uuid not null references messages(id) on delete cascade,
      person_id uuid not null references people(id) on delete cascade,
      school_id uuid not null references schools(id) on delete cascade,
      language text not null,
      due_at timestamptz not null,
      mailed_at timestamptz,
      outcome text check (outcome in ('sent', 'stored', 'queued', 'failed')),
      opened_at timestamptz,
      primary key (message_id, person_id)
    );
    create index message_recipients_due on message_recipients (due_at) where mailed_at is null;
    create index message_recipients_person on message_recipients (person_id, school_id);

    create table message_translations (
      message_id uuid not null references messages(id) on delete cascade,
      language text not null,
      subject text not null,
      body text not null,
      translated_by uuid references people(id) on delete set null,
      reviewed_by uuid references people(id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (message_id, language)
    );

    create table message_audio (
      message_id uuid not null references messages(id) on delete cascade,
      language text not null,
      version text not null,
      audio bytea not null,
      created_at timestamptz not null default now(),
      primary key (message_id, language)
    );

    alter table people add column message_digest boolean not null default false;
  `.execute(db)
}
