// What the people feature holds about a person, for their own download (core/personal-data.ts):
// their account, their roles, their children and the classes they teach.
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const peoplePersonalData: PersonalData = {
  covers: ['memberships.person_id', 'guardianships.person_id', 'group_teachers.person_id'],
  async read(db: Db, personId: string) {
    const person = await db
      .selectFrom('people')
      .select([
        'name',
        'first_name as firstName',
        'email',
        'phone',
        'language',
        'contact_channel as contactChannel',
        'home_languages as homeLanguages',
        'message_digest as messageDigest',
        'created_at as created',
        'last_signin_at as lastSignIn',
      ])
      .where('id', '=', personId)
      .execute()
    const roles = await db
      .selectFrom('memberships as m')
      .innerJoin('schools as s', 's.id', 'm.school_id')
      .select(['s.name as school', 'm.role', 'm.created_at as since'])
      .where('m.person_id', '=', personId)
      .orderBy('s.name')
      .orderBy('m.role')
      .execute()
    const children = await db
      .selectFrom('guardianships as g')
      .innerJoin('children as ch', 'ch.id', 'g.child_id')
      .innerJoin('groups as gr', 'gr.id', 'ch.group_id')
      .innerJoin('schools as s', 's.id', 'ch.school_id')
      .select(['ch.first_name as child', 'gr.name as group', 's.name as school'])
      .where('g.person_id', '=', personId)
      .orderBy('ch.first_name')
      .execute()
    const classes = await db
      .selectFrom('group_teachers as gt')
      .innerJoin('groups as gr', 'gr.id', 'gt.group_id')
      .innerJoin('schools as s', 's.id', 'gt.school_id')
      .select(['gr.name as group', 's.name as school'])
      .where('gt.person_id', '=', personId)
      .orderBy('gr.name')
      .execute()
    return [
      {
        name: 'person',
        rows: person.map((p) => ({ ...p, homeLanguages: (p.homeLanguages ?? []).join(', ') })),
      },
      { name: 'roles', rows: roles },
      { name: 'children', rows: children },
      { name: 'classes', rows: classes },
    ]
  },
}
