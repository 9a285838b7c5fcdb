// The one consent ledger. Every yes a person gives (or a coordinator records for them) is a
// row in `consents` with its scope, time and who recorded it; a withdrawal keeps the row and
// sets withdrawn_at, so the person's newest word decides. Features declare their scopes with
// defineScope() and never touch the table themselves; the app lists every scope once where it
// is composed (src/composition.ts), so "Mijn toestemmingen" can show them all.
import { sql } from 'kysely'
import type { Db } from './db/index.ts'
import { transact } from './db/transact.ts'
import type { ServiceDeps } from './events.ts'
import type { MessageKey, T } from './i18n/index.ts'

/** A scope as stored: its kind, and the record it is about (a theme, a programme, a place). */
export interface ScopeRef {
  readonly kind: string
  readonly subject: string | null
}

/** A consent row as the ledger hands it out. */
export interface ConsentRecord {
  id: string
  schoolId: string
  personId: string
  kind: string
  subject: string | null
  grantedAt: Date
  /** The person themselves, a coordinator they told, or null when not known (before 0013). */
  grantedBy: string | null
  grantedByName: string | null
  withdrawnAt: Date | null
}

/** What a feature says about one of its kinds of consent. */
export interface ScopeDefinition<K extends string> {
  kind: K
  /** The parent's words for it; its `{<param>}` is the subject's name from `describe`. */
  label: MessageKey
  /** The label's parameter for the subject's name (default `subject`). */
  param?: string
  /** Names the subjects for the label (a theme, a programme, a child and circle). */
  describe?: (
    db: Db,
    schoolId: string,
    subjects: readonly string[],
    t: T,
  ) => Promise<Map<string, string>>
  /**
   * Present when the person may withdraw this consent from their consents page: what else
   * ends with it (a circle place, a link), in the ledger's transaction.
   */
  onWithdraw?: (db: Db, consent: ConsentRecord) => Promise<void>
  /** Whether the person may give it again themselves from their consents page. */
  regrant?: boolean
}

export interface Scope<K extends string = string> extends ScopeDefinition<K> {
  /** The stored scope for a subject (or none, for a kind without one). */
  of(subject?: string): ScopeRef
}

export function defineScope<const K extends string>(def: ScopeDefinition<K>): Scope<K> {
  return { ...def, of: (subject) => ({ kind: def.kind, subject: subject ?? null }) }
}

/**
 * A subject's name (a child, a circle, a theme a school typed) keeps its own direction inside
 * a sentence of another: Unicode's first-strong isolate, so "Ilyas · Kinderkring" reads right
 * inside an Arabic line.
 */
const isolate = (text: string): string => (text ? `\u2068${text}\u2069` : text)

const encode = (s: ScopeRef): string => (s.subject === null ? s.kind : `${s.kind}:${s.subject}`)

function decode(scope: string): { kind: string; subject: string | null } {
  const at = scope.indexOf(':')
  return at < 0
    ? { kind: scope, subject: null }
    : { kind: scope.slice(0, at), subject: scope.slice(at + 1) }
}

export interface ConsentWho {
  schoolId: string
  personId: string
  scope: ScopeRef
}

/** Records a yes: `by` is the person themselves, or the coordinator they told. */
export async function grantConsent(db: Db, w: ConsentWho & { by: string }): Promise<void> {
  await db
    .insertInto('consents')
    .values({
      school_id: w.schoolId,
      person_id: w.personId,
      scope: encode(w.scope),
      granted_by: w.by,
    })
    .execute()
}

/** Takes back every standing yes for this scope. */
export async function withdrawConsent(db: Db, w: ConsentWho & { by: string }): Promise<void> {
  await db
    .updateTable('consents')
    .set({ withdrawn_at: sql<Date>`now()`, withdrawn_by: w.by })
    .where('school_id', '=', w.schoolId)
    .where('person_id', '=', w.personId)
    .where('scope', '=', encode(w.scope))
    .where('withdrawn_at', 'is', null)
    .execute()
}

/**
 * Retention: forgets withdrawn consents about records that are themselves forgotten (a circle
 * place a year after it ended). A consent that still stands is never deleted here.
 */
export async function forgetWithdrawnConsents(
  db: Db,
  scopes: readonly ScopeRef[],
): Promise<number> {
  if (!scopes.length) return 0
  const r = await db
    .deleteFrom('consents')
    .where('scope', 'in', scopes.map(encode))
    .where('withdrawn_at', 'is not', null)
    .executeTakeFirst()
  return Number(r.numDeletedRows)
}

export type ConsentState = 'given' | 'withdrawn' | 'none'

/** Whether the person's consent for the scope is on record now: their newest word decides. */
export async function consentState(db: Db, w: ConsentWho): Promise<ConsentState> {
  const row = await db
    .selectFrom('consents')
    .select('withdrawn_at')
    .where('school_id', '=', w.schoolId)
    .where('person_id', '=', w.personId)
    .where('scope', '=', encode(w.scope))
    .orderBy('granted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
  return !row ? 'none' : row.withdrawn_at ? 'withdrawn' : 'given'
}

const consentColumns = [
  'k.id',
  'k.school_id',
  'k.person_id',
  'k.scope',
  'k.granted_at',
  'k.granted_by',
  'k.withdrawn_at',
  // The recorder's name is shown to the person the consent is about, and to nobody else.
  'by.name as grantedByName',
] as const

type ConsentRow = {
  id: string
  school_id: string
  person_id: string
  scope: string
  granted_at: Date
  granted_by: string | null
  withdrawn_at: Date | null
  grantedByName: string | null
}

const toRecord = (r: ConsentRow): ConsentRecord => ({
  id: r.id,
  schoolId: r.school_id,
  personId: r.person_id,
  ...decode(r.scope),
  grantedAt: r.granted_at,
  grantedBy: r.granted_by,
  grantedByName: r.grantedByName,
  withdrawnAt: r.withdrawn_at,
})

/** A person's consents in one school, oldest first. */
export async function consentsOf(
  db: Db,
  schoolId: string,
  personId: string,
): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom('consents as k')
    .leftJoin('people as by', 'by.id', 'k.granted_by')
    .select(consentColumns)
    .where('k.school_id', '=', schoolId)
    .where('k.person_id', '=', personId)
    .orderBy('k.granted_at')
    .orderBy('k.id')
    .execute()
  return rows.map(toRecord)
}

/** One consent row in this school, or null; the caller's policy decides whose it may be. */
export async function consentById(
  db: Db,
  schoolId: string,
  consentId: string,
): Promise<ConsentRecord | null> {
  const row = await db
    .selectFrom('consents as k')
    .leftJoin('people as by', 'by.id', 'k.granted_by')
    .select(consentColumns)
    .where('k.school_id', '=', schoolId)
    .where('k.id', '=', consentId)
    .executeTakeFirst()
  return row ? toRecord(row) : null
}

/** A consent as the person reads it on their consents page. */
export interface ConsentLine extends ConsentRecord {
  text: string
  /** Recorded by someone the person told (a coordinator), named in grantedByName. */
  recordedByOther: boolean
  /** A withdraw button: the consent stands and its kind may be withdrawn. */
  withdrawable: boolean
  /** A give-again button: withdrawn, the newest word on its scope, and its kind allows it. */
  regrantable: boolean
}

/** Every kind of consent in the app, listed once where the app is composed. */
export class ConsentLedger {
  private readonly scopes = new Map<string, Scope>()

  constructor(scopes: readonly Scope[]) {
    for (const s of scopes) {
      if (this.scopes.has(s.kind)) throw new Error(`Consent scope defined twice: ${s.kind}`)
      this.scopes.set(s.kind, s)
    }
  }

  /** The person's consents, newest first, each in their words with what they may do. */
  async linesFor(db: Db, schoolId: string, personId: string, t: T): Promise<ConsentLine[]> {
    const records = await consentsOf(db, schoolId, personId)
    const subjects = new Map<string, Set<string>>()
    for (const r of records) {
      if (r.subject === null) continue
      const set = subjects.get(r.kind) ?? new Set()
      set.add(r.subject)
      subjects.set(r.kind, set)
    }
    const names = new Map<string, Map<string, string>>()
    await Promise.all(
      [...subjects].map(async ([kind, set]) => {
        const describe = this.scopes.get(kind)?.describe
        if (describe) names.set(kind, await describe(db, schoolId, [...set], t))
      }),
    )
    // The newest row of each scope is the person's word now.
    const newest = new Map<string, string>()
    for (const r of records) newest.set(`${r.kind}:${r.subject ?? ''}`, r.id)
    return records
      .map((r) => {
        const scope = this.scopes.get(r.kind)
        const isNewest = newest.get(`${r.kind}:${r.subject ?? ''}`) === r.id
        return {
          ...r,
          text: scope
            ? t(scope.label, {
                [scope.param ?? 'subject']: isolate(
                  (r.subject && names.get(r.kind)?.get(r.subject)) || '',
                ),
              })
            : r.kind,
          recordedByOther: r.grantedBy !== null && r.grantedBy !== r.personId,
          withdrawable: r.withdrawnAt === null && scope?.onWithdraw !== undefined,
          regrantable: r.withdrawnAt !== null && isNewest && scope?.regrant === true,
        }
      })
      .reverse()
  }

  /**
   * The person takes back one of their consents (loaded and authorized by the caller), and
   * what rests on it ends in the same transaction. False when there was nothing to withdraw.
   */
  async withdraw(deps: Pick<ServiceDeps, 'db'>, consent: ConsentRecord): Promise<boolean> {
    const scope = this.scopes.get(consent.kind)
    // An old row (already withdrawn) does not speak for the person's word now.
    if (!scope?.onWithdraw || consent.withdrawnAt) return false
    const onWithdraw = scope.onWithdraw
    return transact(deps.db, async (trx) => {
      const who = { schoolId: consent.schoolId, personId: consent.personId }
      const ref = scope.of(consent.subject ?? undefined)
      if ((await consentState(trx, { ...who, scope: ref })) !== 'given') return false
      await withdrawConsent(trx, { ...who, scope: ref, by: consent.personId })
      await onWithdraw(trx, consent)
      return true
    })
  }

  /** The person gives a withdrawn consent again themselves (only kinds that allow it). */
  async regrant(deps: Pick<ServiceDeps, 'db'>, consent: ConsentRecord): Promise<boolean> {
    const scope = this.scopes.get(consent.kind)
    if (!scope?.regrant) return false
    return transact(deps.db, async (trx) => {
      const who = { schoolId: consent.schoolId, personId: consent.personId }
      const ref = scope.of(consent.subject ?? undefined)
      if ((await consentState(trx, { ...who, scope: ref })) !== 'withdrawn') return false
      await grantConsent(trx, { ...who, scope: ref, by: consent.personId })
      return true
    })
  }
}
