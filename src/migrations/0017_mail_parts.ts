// Mail to one person at one moment goes out as one mail (core/mail.ts): its parts are stored
// as rows that share a mail id, in order. Each part keeps its own subject, confidentiality
// and validity, so an admin's view still leaves out a confidential part, and an expired
// sign-in link drops out of a mail that waited while the rest still goes.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table mail_queue add column mail_id uuid not null default gen_random_uuid();
    alter table mail_queue add column part int not null default 0 check (part >= 0);
    create index mail_queue_mail on mail_queue (mail_id);
    alter table outbox add column mail_id uuid not null default gen_random_uuid();
    alter table outbox add column part int not null default 0 check (part >= 0);
    create index outbox_mail on outbox (mail_id);
  `.execute(db)
}
