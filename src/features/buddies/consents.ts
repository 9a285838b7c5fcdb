// Ouderbuddy's kinds of consent in the one ledger (core/consent.ts). The kinds are stored in
// the database as they are named here; what ends with a withdrawal runs in the ledger's
// transaction. Only a referral may be given again from the consents page: an offer is made
// again on /buddies (with its choices), a request asked again, a link proposed again.
import { defineScope } from '../../core/consent.ts'
import { endLinkOf } from './commands/links.ts'
import { endOffer, hideName } from './commands/offers.ts'
import { dropRequests } from './commands/requests.ts'
import { programmeNames } from './read/settings.ts'
import { themeNames } from './read/themes.ts'

/** "Buddy zijn": withdrawing it is stopping as a buddy (the offer ends, open proposals end). */
export const offerScope = defineScope({
  kind: 'buddy.offer',
  label: 'consent.offer',
  onWithdraw: (db, k) => endOffer(db, k.schoolId, k.personId),
})

/** "Mijn naam mag genoemd worden": withdrawing it takes the buddy off the list parents see. */
export const showNameScope = defineScope({
  kind: 'buddy.showName',
  label: 'consent.showName',
  onWithdraw: (db, k) => hideName(db, k.schoolId, k.personId),
})

/** "Een buddy vragen: {theme}": withdrawing it ends the open request and any waiting proposal. */
export const requestScope = defineScope({
  kind: 'buddy.request',
  label: 'consent.request',
  param: 'theme',
  describe: themeNames,
  onWithdraw: (db, k) => dropRequests(db, k.schoolId, k.personId, k.subject ?? ''),
})

/** "Kennismaken met een buddy" (subject: the link): withdrawing it ends the link. */
export const linkScope = defineScope({
  kind: 'buddy.link',
  label: 'consent.link',
  onWithdraw: (db, k) => endLinkOf(db, k.schoolId, k.personId, k.subject ?? ''),
})

/**
 * Sharing name and contact with an outside programme (subject: the programme). Nothing else
 * ends with it: a referral made stays made, a new one needs a new yes. Only the parent may
 * give it again; a coordinator never records a yes over a withdrawal (commands/referrals.ts).
 */
export const referralScope = defineScope({
  kind: 'buddy.referral',
  label: 'consent.referral',
  param: 'programme',
  describe: (db, schoolId, subjects) => programmeNames(db, schoolId, subjects),
  onWithdraw: async () => {},
  regrant: true,
})

export const buddyScopes = [offerScope, showNameScope, requestScope, linkScope, referralScope]
