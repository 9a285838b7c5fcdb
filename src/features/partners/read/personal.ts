// What the partners feature holds about a person, for their own download: their bookings (with
// the topic they gave), their wishes to talk, and, for a partner, their profile and hours. The
// partner's name is public to the school (seed 004); a parent's name is never in a partner's
// download: the wishes addressed to a partner are the parents' data.
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const partnersPersonalData: PersonalData = {
  covers: [
    'partner_bookings.person_id',
    'partner_requests.person_id',
    'partner_people.person_id',
    'partner_hours.partner_id',
  ],
  async read(db: Db, personId: string) {
    const bookings = await db
      .selectFrom('partner_bookings as b')
      .innerJoin('partner_hours as h', 'h.id', 'b.hour_id')
      .innerJoin('people as partner', 'partner.id', 'h.partner_id')
      .select([
        'partner.name as partner',
        'b.starts_at as when',
        'h.place',
        'b.topic',
        'b.with_teacher as withTeacher',
        'b.cancelled_at as cancelled',
      ])
      .where('b.person_id', '=', personId)
      .orderBy('b.starts_at')
      .execute()
    const wishes = await db
      .selectFrom('partner_requests as r')
      .leftJoin('people as partner', 'partner.id', 'r.partner_id')
      .select([
        'partner.name as partner',
        'r.channel',
        'r.phone',
        'r.note',
        'r.created_at as since',
        'r.contacted_at as contacted',
        'r.withdrawn_at as withdrawn',
      ])
      .where('r.person_id', '=', personId)
      .orderBy('r.created_at')
      .execute()
    const profile = await db
      .selectFrom('partner_people as pp')
      .innerJoin('partner_organisations as o', 'o.id', 'pp.organisation_id')
      .select(['o.name as organisation', 'pp.job', 'pp.phone', 'pp.about'])
      .where('pp.person_id', '=', personId)
      .execute()
    const hours = await db
      .selectFrom('partner_hours')
      .select(['kind', 'starts_at as when', 'minutes', 'place'])
      .where('partner_id', '=', personId)
      .orderBy('starts_at')
      .execute()
    return [
      { name: 'partnerBookings', rows: bookings },
      { name: 'partnerWishes', rows: wishes },
      { name: 'partnerProfile', rows: profile },
      { name: 'partnerHours', rows: hours },
    ]
  },
}
