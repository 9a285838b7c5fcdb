// The partners' kind of consent in the one ledger (core/consent.ts): "Contact met {partner}",
// the yes that lets a partner have a parent's name and how to reach them. Withdrawing it (here
// or on "Mijn toestemmingen") ends the wish in the same transaction.
import { defineScope } from '../../core/consent.ts'
import { endTalk } from './commands/talk.ts'
import { talkNames } from './read/talk.ts'

export const talkScope = defineScope({
  kind: 'partner.talk',
  label: 'consent.partnerTalk',
  param: 'partner',
  describe: talkNames,
  onWithdraw: (db, k) => endTalk(db, k.schoolId, k.personId, k.subject ?? ''),
})
