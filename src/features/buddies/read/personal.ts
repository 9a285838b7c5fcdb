// What the buddies feature holds about a person, for their own download: what they offered and
// asked, their links (the other side's name only once both said yes, as on /buddies), their
// referrals and the themes they coordinate.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const buddiesPersonalData: PersonalData = {
  covers: [
    'buddy_offers.person_id',
    'buddy_requests.person_id',
    'buddy_referrals.person_id',
    'buddy_theme_coordinators.person_id',
  ],
  async read(db: Db, personId: string) {
    const offers = await db
      .selectFrom('buddy_offers')
      .select([
        'themes',
        'languages',
        'show_name as showName',
        'contact_channel as contactChannel',
        'capacity',
        'until',
        'status',
        'created_at as since',
      ])
      .where('person_id', '=', personId)
      .execute()
    const requests = await db
      .selectFrom('buddy_requests')
      .select(['theme', 'source', 'status', 'created_at as since'])
      .where('person_id', '=', personId)
      .execute()
    const both = sql<boolean>`l.parent_consent_at is not null and l.buddy_consent_at is not null`
    const links = await db
      .selectFrom('buddy_links as l')
      .innerJoin('buddy_requests as r', 'r.id', 'l.request_id')
      .innerJoin('buddy_offers as o', 'o.id', 'l.offer_id')
      .innerJoin('people as parent', 'parent.id', 'r.person_id')
      .innerJoin('people as buddy', 'buddy.id', 'o.person_id')
      .select([
        'r.theme',
        sql<string>`case when r.person_id = ${personId} then 'parent' else 'buddy' end`.as('side'),
        sql<string | null>`case when ${both}
          then case when r.person_id = ${personId} then buddy.name else parent.name end end`.as(
          'other',
        ),
        'l.parent_consent_at as parentYes',
        'l.buddy_consent_at as buddyYes',
        'l.closed_at as closed',
        'l.created_at as since',
      ])
      .where((eb) => eb.or([eb('r.person_id', '=', personId), eb('o.person_id', '=', personId)]))
      .orderBy('l.created_at')
      .execute()
    const referrals = await db
      .selectFrom('buddy_referrals as f')
      .innerJoin('buddy_programmes as p', 'p.id', 'f.programme_id')
      .select(['p.name as programme', 'f.referred_at as referred', 'f.mailed_at as mailed'])
      .where('f.person_id', '=', personId)
      .execute()
    const themes = await db
      .selectFrom('buddy_theme_coordinators as c')
      .innerJoin('schools as s', 's.id', 'c.school_id')
      .select(['c.theme', 's.name as school', 'c.named_at as since'])
      .where('c.person_id', '=', personId)
      .execute()
    return [
      {
        name: 'buddyOffers',
        rows: offers.map((o) => ({
          ...o,
          themes: o.themes.join(', '),
          languages: o.languages.join(', '),
        })),
      },
      { name: 'buddyRequests', rows: requests },
      { name: 'buddyLinks', rows: links },
      { name: 'buddyReferrals', rows: referrals },
      { name: 'buddyThemes', rows: themes },
    ]
  },
}
