// The all-or-nothing parent import: every line checked first and every problem reported with
// its line number; only a clean list is written, in one transaction, then invited.
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import type { Language } from '../../../core/db/schema.ts'
import { transact } from '../../../core/db/transact.ts'
import { issuesToErrors } from '../../../core/http/forms.ts'
import type { MessageKey } from '../../../core/i18n/index.ts'
import { gatherMail } from '../../../core/mail.ts'
import { peopleAudit } from '../audit.ts'
import type { GroupRow } from '../read/groups.ts'
import { CSV_COLUMNS, MAX_IMPORT_ROWS, ParentRow } from '../schema.ts'
import {
  addRole,
  announceParents,
  ensurePerson,
  type Invitation,
  type PeopleDeps,
} from './invitations.ts'

export interface LineError {
  line: number
  field: string
  key: MessageKey
}

export type ImportResult =
  | { ok: true; rows: number; newParents: number; newChildren: number }
  | { ok: false; errors: LineError[] }

/**
 * Reads a parent list: comma- or semicolon-separated, optional header line
 * (name,email,child,group,language). Returns raw records with their line numbers.
 */
export function parseParentCsv(
  text: string,
): { line: number; record: Record<string, string> }[] | LineError {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (!trimmed) return { line: 1, field: 'file', key: 'import.empty' }
  const firstLine = trimmed.split(/\r?\n/, 1)[0] ?? ''
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ','
  let records: string[][]
  try {
    records = parse(trimmed, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: false,
    }) as string[][]
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1
    return { line, field: 'file', key: 'import.unreadable' }
  }
  const header = records[0]?.map((h) => h.toLowerCase().replace(/[^a-z]/g, '')) ?? []
  const aliases: Record<string, (typeof CSV_COLUMNS)[number]> = {
    name: 'name',
    naam: 'name',
    email: 'email',
    mail: 'email',
    emailadres: 'email',
    child: 'child',
    kind: 'child',
    group: 'group',
    groep: 'group',
    klas: 'group',
    language: 'language',
    taal: 'language',
  }
  const hasHeader =
    header.some((h) => h in aliases) &&
    header.includes(header.find((h) => aliases[h] === 'email') ?? '∅')
  const columns = hasHeader ? header.map((h) => aliases[h] ?? h) : [...CSV_COLUMNS]
  const body = hasHeader ? records.slice(1) : records
  if (body.length > MAX_IMPORT_ROWS)
    return { line: MAX_IMPORT_ROWS + 1, field: 'file', key: 'import.tooMany' }
  return body.map((cells, i) => ({
    line: i + (hasHeader ? 2 : 1),
    record: Object.fromEntries(columns.map((col, j) => [col, cells[j] ?? ''])),
  }))
}

const normaliseGroup = (g: string) =>
  g
    .toLowerCase()
    .replace(/^groep\s*/, '')
    .replace(/\s+/g, '')

export interface ImportScope {
  schoolId: string
  actorId: string | null
  /** Groups the actor may invite into. */
  groups: readonly GroupRow[]
  /** Used when a line leaves the group empty. */
  defaultGroupId?: string
}

/**
 * Imports parents all-or-nothing: every line is checked first and every problem reported
 * with its line number; only a clean list is written, in one transaction.
 */
export async function importParents(
  deps: PeopleDeps,
  scope: ImportScope,
  lines: { line: number; record: Record<string, unknown> }[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const errors: LineError[] = []
  const valid: { line: number; row: ParentRow; groupId: string }[] = []
  const byName = new Map(scope.groups.map((g) => [normaliseGroup(g.name), g.id]))
  for (const { line, record } of lines) {
    const parsed = ParentRow.safeParse(record)
    if (!parsed.success) {
      for (const [field, key] of Object.entries(issuesToErrors(parsed.error.issues))) {
        errors.push({ line, field, key: key as MessageKey })
      }
      continue
    }
    const groupId = parsed.data.group
      ? byName.get(normaliseGroup(parsed.data.group))
      : scope.defaultGroupId
    if (!groupId) {
      errors.push({
        line,
        field: 'group',
        key: parsed.data.group ? 'import.groupUnknown' : 'form.required',
      })
      continue
    }
    valid.push({ line, row: parsed.data, groupId })
  }
  if (errors.length) return { ok: false, errors }
  if (!valid.length) return { ok: false, errors: [{ line: 1, field: 'file', key: 'import.empty' }] }

  const invitations: Invitation[] = []
  let newChildren = 0
  // One moment: the parents, their children and every mail that follows commit together, or
  // nothing does (a line in error rolls back the whole list).
  return gatherMail(deps, async (d) => {
    const result = await transact(d.db, async (trx) => {
      const childKey = new Map<string, string>()
      let done = 0
      for (const { line, row, groupId } of valid) {
        const person = await ensurePerson(trx, row)
        // Which child? Never guessed from a first name alone across families: an existing
        // child is linked only when the school picked it (childId, from the class page) or this
        // parent is already its guardian. Within one list, the same name in the same class is
        // one child (two parents on two lines).
        const key = `${groupId}:${row.child.toLowerCase()}`
        let childId = row.childId ?? childKey.get(key)
        if (row.childId) {
          const picked = await trx
            .selectFrom('children')
            .select('id')
            .where('id', '=', row.childId)
            .where('school_id', '=', scope.schoolId)
            .where('group_id', '=', groupId)
            .executeTakeFirst()
          if (!picked) {
            errors.push({ line, field: 'child', key: 'import.childUnknown' })
            continue
          }
        }
        if (!childId) {
          const own = await trx
            .selectFrom('children as ch')
            .innerJoin('guardianships as gu', 'gu.child_id', 'ch.id')
            .select('ch.id')
            .where('ch.school_id', '=', scope.schoolId)
            .where('ch.group_id', '=', groupId)
            .where('gu.person_id', '=', person.id)
            .where(sql`lower(ch.first_name)`, '=', row.child.toLowerCase())
            .executeTakeFirst()
          childId =
            own?.id ??
            (
              await trx
                .insertInto('children')
                .values({ school_id: scope.schoolId, group_id: groupId, first_name: row.child })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id
          if (!own) newChildren++
        }
        childKey.set(key, childId)
        await trx
          .insertInto('guardianships')
          .values({ child_id: childId, person_id: person.id, school_id: scope.schoolId })
          .onConflict((oc) => oc.columns(['child_id', 'person_id']).doNothing())
          .execute()
        if (await addRole(trx, scope.schoolId, person.id, 'parent', scope.actorId)) {
          invitations.push({
            personId: person.id,
            email: row.email,
            firstName: person.first_name,
            language: person.language as Language,
            role: 'parent',
          })
        }
        onProgress?.(++done, valid.length)
      }
      if (errors.length) {
        // Roll back: nothing half-imported stays.
        throw new ImportAborted()
      }
      await peopleAudit.record(trx, {
        schoolId: scope.schoolId,
        actorId: scope.actorId,
        action: valid.length === 1 ? 'invite.parent' : 'import.parents',
        detail: { rows: valid.length, newParents: invitations.length },
      })
      return { ok: true as const, rows: valid.length, newParents: invitations.length, newChildren }
    })
    // Other features follow up (buddies offers a new groep-1 family a buddy), in the same mail.
    await announceParents(d, scope.schoolId, invitations)
    return result
  }).catch((e): ImportResult => {
    if (e instanceof ImportAborted) return { ok: false, errors }
    throw e
  })
}

class ImportAborted extends Error {}
