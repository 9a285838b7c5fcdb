// The people of a school: staff and their roles, classes and their parents, invitations and
// the all-or-nothing parent import. Every query is scoped to one school id.
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import type { Db } from '../../core/db/index.ts'
import type { Language, Role } from '../../core/db/schema.ts'
import { NotFound } from '../../core/errors.ts'
import type { ServiceDeps } from '../../core/events.ts'
import { issuesToErrors } from '../../core/http/forms.ts'
import { type MessageKey, translator } from '../../core/i18n/index.ts'
import { peopleAudit } from './audit.ts'
import { parentsInvited } from './events.ts'
import type { GroupResource, MemberResource } from './policy.ts'
import { CSV_COLUMNS, MAX_IMPORT_ROWS, ParentRow, type StaffInvite } from './schema.ts'

export type PeopleDeps = ServiceDeps

type Trx = Db

const firstNameOf = (name: string) => name.trim().split(/\s+/)[0] ?? name

/** Finds a person by address or creates them; an existing person's own details are kept. */
async function ensurePerson(trx: Trx, p: { name: string; email: string; language: Language }) {
  const found = await trx
    .selectFrom('people')
    .select(['id', 'language', 'first_name'])
    .where(sql`lower(email)`, '=', p.email.toLowerCase())
    .executeTakeFirst()
  if (found) return { ...found, created: false }
  const row = await trx
    .insertInto('people')
    .values({ email: p.email, name: p.name, first_name: firstNameOf(p.name), language: p.language })
    .returning(['id', 'language', 'first_name'])
    .executeTakeFirstOrThrow()
  return { ...row, created: true }
}

async function addRole(
  trx: Trx,
  schoolId: string,
  personId: string,
  role: Role,
  invitedBy: string | null,
) {
  const res = await trx
    .insertInto('memberships')
    .values({ school_id: schoolId, person_id: personId, role, invited_by: invitedBy })
    .onConflict((oc) => oc.columns(['school_id', 'person_id', 'role']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return res !== undefined
}

interface Invitation {
  personId: string
  email: string
  firstName: string
  language: Language
  role: Role
}

async function sendInvitations(
  deps: PeopleDeps,
  schoolId: string,
  list: Invitation[],
): Promise<void> {
  if (!list.length) return
  const school = await deps.db
    .selectFrom('schools')
    .select('name')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow()
  for (const inv of list) {
    const t = translator(inv.language)
    await deps.mailer.send({
      to: inv.email,
      personId: inv.personId,
      subject: t('mail.invite.subject', { school: school.name }),
      text: t('mail.invite.body', {
        name: inv.firstName,
        school: school.name,
        role: t(`role.${inv.role}` as MessageKey),
        url: `${deps.baseUrl}/signin`,
      }),
    })
  }
}

export async function inviteStaff(
  deps: PeopleDeps,
  schoolId: string,
  actorId: string | null,
  input: StaffInvite,
) {
  const role = input.role as Role
  const invitation = await deps.db.transaction().execute(async (trx) => {
    const person = await ensurePerson(trx, input)
    const added = await addRole(trx, schoolId, person.id, role, actorId)
    if (added) {
      await peopleAudit.record(trx, {
        schoolId,
        actorId,
        action: 'invite.staff',
        subjectId: person.id,
        detail: { role },
      })
    }
    return added
      ? {
          personId: person.id,
          email: input.email,
          firstName: person.first_name,
          language: person.language as Language,
          role,
        }
      : null
  })
  if (invitation) await sendInvitations(deps, schoolId, [invitation])
  return invitation !== null
}

export async function memberOf(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<MemberResource> {
  const row = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('school_id', '=', schoolId)
    .where('person_id', '=', personId)
    .executeTakeFirst()
  if (!row) throw new NotFound()
  return { schoolId, personId }
}

export async function changeRole(
  db: Db,
  schoolId: string,
  actorId: string,
  personId: string,
  role: Role,
  op: 'grant' | 'revoke',
) {
  await db.transaction().execute(async (trx) => {
    if (op === 'grant') {
      if (await addRole(trx, schoolId, personId, role, actorId)) {
        await peopleAudit.record(trx, {
          schoolId,
          actorId,
          action: 'role.grant',
          subjectId: personId,
          detail: { role },
        })
      }
    } else {
      const res = await trx
        .deleteFrom('memberships')
        .where('school_id', '=', schoolId)
        .where('person_id', '=', personId)
        .where('role', '=', role)
        .executeTakeFirst()
      if (res.numDeletedRows > 0n) {
        await peopleAudit.record(trx, {
          schoolId,
          actorId,
          action: 'role.revoke',
          subjectId: personId,
          detail: { role },
        })
      }
    }
  })
}

export interface StaffMember {
  id: string
  name: string
  email: string
  roles: Role[]
}

export async function listStaff(db: Db, schoolId: string): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select([
      'p.id',
      'p.name',
      'p.email',
      sql<Role[]>`array_agg(m.role order by m.role)`.as('roles'),
    ])
    .where('m.school_id', '=', schoolId)
    .where('m.role', '!=', 'parent')
    .groupBy(['p.id', 'p.name', 'p.email'])
    .orderBy('p.name')
    .execute()
  return rows
}

export interface GroupRow {
  id: string
  name: string
  grade: number
}

export async function listGroups(
  db: Db,
  schoolId: string,
  teacherId?: string,
): Promise<GroupRow[]> {
  let q = db
    .selectFrom('groups as g')
    .select(['g.id', 'g.name', 'g.grade'])
    .where('g.school_id', '=', schoolId)
  if (teacherId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('group_teachers as gt')
          .select('gt.person_id')
          .whereRef('gt.group_id', '=', 'g.id')
          .where('gt.person_id', '=', teacherId),
      ),
    )
  }
  return q.orderBy('g.grade').orderBy('g.name').execute()
}

/** A group of this school with its teachers, or NotFound: another school's id finds nothing. */
export async function loadGroup(
  db: Db,
  schoolId: string,
  groupId: string,
): Promise<GroupRow & GroupResource> {
  if (!/^[0-9a-f-]{36}$/i.test(groupId)) throw new NotFound()
  const g = await db
    .selectFrom('groups as g')
    .select([
      'g.id',
      'g.name',
      'g.grade',
      'g.school_id as schoolId',
      sql<
        string[]
      >`coalesce((select array_agg(gt.person_id) from group_teachers gt where gt.group_id = g.id), '{}')`.as(
        'teacherIds',
      ),
    ])
    .where('g.school_id', '=', schoolId)
    .where('g.id', '=', groupId)
    .executeTakeFirst()
  if (!g) throw new NotFound()
  return g
}

export interface RosterChild {
  id: string
  firstName: string
  parents: { name: string; email: string }[]
}

export async function groupRoster(
  db: Db,
  schoolId: string,
  groupId: string,
): Promise<RosterChild[]> {
  const rows = await db
    .selectFrom('children as ch')
    .leftJoin('guardianships as gu', 'gu.child_id', 'ch.id')
    .leftJoin('people as p', 'p.id', 'gu.person_id')
    .select(['ch.id', 'ch.first_name', 'p.name', 'p.email'])
    .where('ch.school_id', '=', schoolId)
    .where('ch.group_id', '=', groupId)
    .orderBy('ch.first_name')
    .orderBy('p.name')
    .execute()
  const byChild = new Map<string, RosterChild>()
  for (const r of rows) {
    let child = byChild.get(r.id)
    if (!child) {
      child = { id: r.id, firstName: r.first_name, parents: [] }
      byChild.set(r.id, child)
    }
    if (r.name && r.email) child.parents.push({ name: r.name, email: r.email })
  }
  return [...byChild.values()]
}

export async function teachersOf(db: Db, schoolId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name'])
    .where('m.school_id', '=', schoolId)
    .where('m.role', '=', 'teacher')
    .orderBy('p.name')
    .execute()
}

export async function assignTeacher(
  db: Db,
  group: GroupResource & { id: string },
  personId: string,
) {
  const teacher = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('school_id', '=', group.schoolId)
    .where('person_id', '=', personId)
    .where('role', '=', 'teacher')
    .executeTakeFirst()
  if (!teacher) throw new NotFound()
  await db
    .insertInto('group_teachers')
    .values({ group_id: group.id, person_id: personId, school_id: group.schoolId })
    .onConflict((oc) => oc.columns(['group_id', 'person_id']).doNothing())
    .execute()
}

// ---------------------------------------------------------------- parent import

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
  const result = await deps.db
    .transaction()
    .execute(async (trx) => {
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
    .catch((e) => {
      if (e instanceof ImportAborted) return { ok: false as const, errors }
      throw e
    })
  if (result.ok) {
    await sendInvitations(deps, scope.schoolId, invitations)
    // Other features follow up (buddies offers a new groep-1 family a buddy).
    await deps.events.emit(deps, parentsInvited, {
      schoolId: scope.schoolId,
      parentIds: invitations.map((i) => i.personId),
    })
  }
  return result
}

class ImportAborted extends Error {}
