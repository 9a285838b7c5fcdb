// What the circles feature holds about a person, for their own download: their places (and
// their children's), the circles they facilitate, convene or set up, their training as a
// facilitator and the evaluations they were asked to fill in. Never who else is in a circle.
import type { Db } from '../../../core/db/index.ts'
import type { PersonalData } from '../../../core/personal-data.ts'

export const circlesPersonalData: PersonalData = {
  covers: [
    'circle_members.person_id',
    'circle_facilitators.person_id',
    'circles.convener_id',
    'circles.created_by',
    'facilitators.person_id',
    'circle_evaluation_voters.person_id',
  ],
  async read(db: Db, personId: string) {
    const places = await db
      .selectFrom('circle_members as cm')
      .innerJoin('circles as c', 'c.id', 'cm.circle_id')
      .leftJoin('children as ch', 'ch.id', 'cm.child_id')
      .select([
        'c.name as circle',
        'ch.first_name as child',
        'cm.status',
        'cm.created_at as since',
        'cm.decided_at as decided',
      ])
      .where('cm.person_id', '=', personId)
      .orderBy('cm.created_at')
      .execute()
    const runs = await db
      .selectFrom('circles as c')
      .leftJoin('circle_facilitators as f', (j) =>
        j.onRef('f.circle_id', '=', 'c.id').on('f.person_id', '=', personId),
      )
      .select((eb) => [
        'c.name as circle',
        'c.status',
        eb('f.person_id', 'is not', null).as('facilitator'),
        eb('c.convener_id', '=', personId).as('convener'),
        eb('c.created_by', '=', personId).as('setUp'),
      ])
      .where((eb) =>
        eb.or([
          eb('f.person_id', 'is not', null),
          eb('c.convener_id', '=', personId),
          eb('c.created_by', '=', personId),
        ]),
      )
      .orderBy('c.name')
      .execute()
    const training = await db
      .selectFrom('facilitators')
      .select(['training', 'trained_on as trainedOn', 'created_at as since'])
      .where('person_id', '=', personId)
      .execute()
    const evaluations = await db
      .selectFrom('circle_evaluation_voters as v')
      .innerJoin('circle_evaluations as e', 'e.id', 'v.evaluation_id')
      .innerJoin('circles as c', 'c.id', 'e.circle_id')
      .select(['c.name as circle', 'v.answered'])
      .where('v.person_id', '=', personId)
      .execute()
    return [
      { name: 'circlePlaces', rows: places },
      { name: 'circlesRun', rows: runs },
      { name: 'facilitatorTraining', rows: training },
      { name: 'circleEvaluations', rows: evaluations },
    ]
  },
}
