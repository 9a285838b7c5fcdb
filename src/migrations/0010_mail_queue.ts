// Mail over SMTP is queued before it is sent: a mail server that is down or refuses loses
// nothing. A row lives until the mail is delivered (then it is deleted: sent mail is not
// kept) or until the attempts run out; then only address, subject and the error code stay,
// for the admin's list of undelivered mail, and go after 30 days.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mail_queue (
      id uuid primary key default gen_random_uuid(),
      person_id uuid references people(id) on delete cascade,
      to_address text not null,
      subject text not null,
      body_text text not null,
      confidential boolean not null default false,
      attempts int not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz not null default now(),
      -- An SMTP reply code or a transport error code, never the server's text (it may repeat
      -- the address or more).
      last_error text check (last_error ~ '^[A-Z0-9_]{1,40}$'),
      failed_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index mail_queue_due on mail_queue (next_attempt_at) where failed_at is null;
  `.execute(db)
}
