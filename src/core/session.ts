// Sessions: an opaque random cookie, stored only as its SHA-256. loadPrincipal is the one
// query every signed-in request pays: the session's principal snapshot (person, roles,
// children), rebuilt in one statement when a trigger has cleared it.
import { CompiledQuery, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { randomToken, sha256 } from './crypto.ts'
import type { Db } from './db/index.ts'
import type { Language, Role } from './db/schema.ts'
import type { ChildRef, Membership, Principal } from './principal.ts'

export const SESSION_COOKIE = 'kw_session'
export const SESSION_DAYS = 30

export async function createSession(db: Db, personId: string): Promise<string> {
  const token = randomToken()
  const first = await db
    .selectFrom('memberships')
    .innerJoin('schools', 'schools.id', 'memberships.school_id')
    .select('memberships.school_id')
    .where('memberships.person_id', '=', personId)
    .orderBy('schools.name')
    .executeTakeFirst()
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      person_id: personId,
      school_id: first?.school_id ?? null,
      expires_at: sql<Date>`now() + make_interval(days => ${SESSION_DAYS})`,
    })
    .execute()
  return token
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute()
}

export async function switchSchool(db: Db, sessionId: string, schoolId: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set((eb) => ({
      school_id: schoolId,
      principal: null,
      principal_version: eb('principal_version', '+', 1),
    }))
    .where('id', '=', sessionId)
    .execute()
}

/**
 * The principal behind a session cookie. Usually one primary-key lookup that returns the
 * stored snapshot; after a change (see migration 0003) the snapshot is rebuilt once and kept.
 */
export async function loadPrincipal(db: Db, token: string): Promise<Principal | null> {
  const id = sha256(token)
  const session = (await db.executeQuery(sessionLookup(db, id))).rows[0]
  if (!session) return null
  if (session.principal) return session.principal as unknown as Principal
  const principal = await buildPrincipal(db, id)
  if (principal) {
    // Stored only if nothing changed meanwhile: a trigger would have bumped the version.
    await db
      .updateTable('sessions')
      .set({ principal: JSON.stringify(principal) })
      .where('id', '=', id)
      .where('principal_version', '=', session.principal_version)
      .execute()
  }
  return principal
}

/**
 * The lookup every request makes, built by Kysely once and then only given its parameter:
 * compiling the query anew on each request cost more CPU than the query's round trip.
 */
const lookups = new WeakMap<Db, string>()
function sessionLookup(db: Db, id: string) {
  let text = lookups.get(db)
  if (text === undefined) {
    const compiled = db
      .selectFrom('sessions')
      .select(['principal', 'principal_version'])
      .where('id', '=', id)
      .where('expires_at', '>', sql<Date>`now()`)
      .compile()
    // The template must take exactly the id as its one parameter, or it is not reusable.
    if (compiled.parameters.length !== 1) throw new Error('session lookup changed shape')
    text = compiled.sql
    lookups.set(db, text)
  }
  return CompiledQuery.raw(text, [id]) as CompiledQuery<{
    principal: Record<string, unknown> | null
    principal_version: number
  }>
}

async function buildPrincipal(db: Db, id: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select((eb) => [
      's.id as sessionId',
      's.school_id as sessionSchool',
      'p.id as personId',
      'p.name',
      'p.first_name as firstName',
      'p.email',
      'p.language',
      jsonArrayFrom(
        eb
          .selectFrom('memberships as m')
          .innerJoin('schools as sc', 'sc.id', 'm.school_id')
          .select(['m.school_id as schoolId', 'sc.name as schoolName', 'm.role'])
          .whereRef('m.person_id', '=', 'p.id')
          .orderBy('sc.name')
          .orderBy('m.role'),
      ).as('memberships'),
      jsonArrayFrom(
        eb
          .selectFrom('guardianships as gu')
          .innerJoin('children as ch', 'ch.id', 'gu.child_id')
          .innerJoin('groups as g', 'g.id', 'ch.group_id')
          .select([
            'ch.id',
            'ch.first_name as firstName',
            'g.name as groupName',
            'ch.school_id as schoolId',
          ])
          .whereRef('gu.person_id', '=', 'p.id')
          .orderBy('ch.first_name'),
      ).as('children'),
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst()
  if (!row) return null
  const memberships = row.memberships as Membership[]
  const current =
    memberships.find((m) => m.schoolId === row.sessionSchool) ?? memberships[0] ?? null
  const schoolId = current?.schoolId ?? null
  return {
    sessionId: row.sessionId,
    personId: row.personId,
    name: row.name,
    firstName: row.firstName,
    email: row.email,
    language: row.language as Language,
    schoolId,
    schoolName: current?.schoolName ?? null,
    roles: memberships.filter((m) => m.schoolId === schoolId).map((m) => m.role as Role),
    memberships,
    children: (row.children as (ChildRef & { schoolId: string })[])
      .filter((ch) => ch.schoolId === schoolId)
      .map(({ id, firstName, groupName }) => ({ id, firstName, groupName })),
  }
}
