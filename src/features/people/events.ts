// What the people feature tells the others (wired in src/composition.ts).
import { defineEvent } from '../../core/events.ts'

/** Parents were invited (one by one or by import) and their invitation mail went out. */
export const parentsInvited = defineEvent<{ schoolId: string; parentIds: readonly string[] }>(
  'people.parentsInvited',
)
