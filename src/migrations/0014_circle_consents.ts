// A parent's consent for a child's circle place moves into the one consent ledger (scope
// 'circle.child:<circle_members.id>', features/circles/consents.ts), so "Mijn toestemmingen"
// lists it and withdrawing it there ends the place. The column that held it goes.
import { type Kysely, sql } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per child place, in the child's school, given by the parent who took the place
    -- (only they could: the join form asked their consent in their own session).
    -- A place still in play (asked, waiting, confirmed) keeps a standing consent. A place that
    -- ended no longer rests on one: withdrawn when it ended (decided_at), or when it was given
    -- if that time is unknown. Who withdrew: the parent for a place they left (only they could
    -- leave it); nobody is named for a declined place, since which facilitator declined it was
    -- never recorded (a facilitator's decisions about places are not audit-logged). A place
    -- whose parent is no longer the child's guardian had already lapsed (the app no longer
    -- counted it): its consent is withdrawn now, by nobody named, as the time is not known.
    insert into consents (school_id, person_id, scope, granted_at, granted_by, withdrawn_at,
                          withdrawn_by)
    select ch.school_id, cm.person_id, 'circle.child:' || cm.id::text, cm.parent_consent_at,
           cm.person_id,
           case when cm.status in ('left', 'declined')
                then coalesce(cm.decided_at, cm.parent_consent_at)
                when not exists (select 1 from guardianships g
                                 where g.child_id = cm.child_id and g.person_id = cm.person_id)
                then now() end,
           case when cm.status = 'left' then cm.person_id end
    from circle_members cm
    join children ch on ch.id = cm.child_id
    where cm.child_id is not null;

    -- Drops the check (child_id is null or parent_consent_at is not null) with it.
    alter table circle_members drop column parent_consent_at;
  `.execute(db)
}
