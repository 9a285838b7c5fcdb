// The circles' kind of consent in the one ledger (core/consent.ts): a parent's yes to their
// child's place in a circle. Its subject is the place (circle_members.id); withdrawing it on
// "Mijn toestemmingen" ends the place, as leaving does. Taking the place again is a new yes,
// from the join page (not a button on the consents page: the place may be gone, or full).
import { defineScope } from '../../core/consent.ts'
import { endPlace } from './commands/places.ts'
import { childPlaceNames } from './read/member.ts'

export const circleChildScope = defineScope({
  kind: 'circle.child',
  label: 'consent.circleChild',
  param: 'place',
  // "Amira · Kinderkring groep 3-5"; a place forgotten a year after it ended has no name left.
  describe: async (db, schoolId, subjects, t) => {
    const names = await childPlaceNames(db, schoolId, subjects)
    return new Map(subjects.map((s) => [s, names.get(s) ?? t('consent.circleChildForgotten')]))
  },
  onWithdraw: async (db, consent) => {
    if (consent.subject)
      await endPlace(db, { memberId: consent.subject, personId: consent.personId })
  },
})
