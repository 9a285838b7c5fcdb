// What the people feature tells the others (wired in src/composition.ts).
import { defineEvent } from '../../core/events.ts'

/**
 * Parents were invited (one by one or by import). Handlers run in the invitation's moment
 * (core/mail.ts `gatherMail`): what they mail a parent goes out in the invitation's mail.
 */
export const parentsInvited = defineEvent<{ schoolId: string; parentIds: readonly string[] }>(
  'people.parentsInvited',
)
