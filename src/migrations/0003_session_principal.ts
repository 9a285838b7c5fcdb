// Each session keeps a snapshot of its principal (person, roles, children) so a signed-in
// request costs one primary-key lookup. Triggers forget the snapshot whenever anything in it
// may have changed, on every engine and across processes; a version number stops a snapshot
// built from old data from being stored after a change.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table sessions add column principal jsonb;
    alter table sessions add column principal_version int not null default 0;

    create function kw_forget_principal_of_person() returns trigger language plpgsql as $$
    begin
      if TG_OP <> 'INSERT' then
        update sessions set principal = null, principal_version = principal_version + 1
          where person_id = OLD.person_id;
      end if;
      if TG_OP <> 'DELETE' then
        update sessions set principal = null, principal_version = principal_version + 1
          where person_id = NEW.person_id;
      end if;
      return null;
    end $$;

    create function kw_forget_principal_of_self() returns trigger language plpgsql as $$
    begin
      update sessions set principal = null, principal_version = principal_version + 1
        where person_id = OLD.id;
      return null;
    end $$;

    create function kw_forget_all_principals() returns trigger language plpgsql as $$
    begin
      update sessions set principal = null, principal_version = principal_version + 1;
      return null;
    end $$;

    create trigger people_forget_principal after update or delete on people
      for each row execute function kw_forget_principal_of_self();
    create trigger memberships_forget_principal after insert or update or delete on memberships
      for each row execute function kw_forget_principal_of_person();
    create trigger guardianships_forget_principal after insert or update or delete on guardianships
      for each row execute function kw_forget_principal_of_person();
    create trigger children_forget_principals after update or delete on children
      for each statement execute function kw_forget_all_principals();
    create trigger groups_forget_principals after update or delete on groups
      for each statement execute function kw_forget_all_principals();
    create trigger schools_forget_principals after update or delete on schools
      for each statement execute function kw_forget_all_principals();
  `.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are append-only; restore from a backup instead.')
}
