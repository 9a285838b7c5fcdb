// The audit log: who did what to which record, when. Detail holds ids and codes only. Each
// feature names its own actions with defineAudit() and writes through what it returns; the
// audit page shows every action with its `audit.action.<name>` label.
import type { Db } from './db/index.ts'

export interface AuditEntry<A extends string = string> {
  schoolId: string | null
  actorId: string | null
  action: A
  subjectId?: string | null
  detail?: Record<string, string | number | boolean | null>
}

const known = new Set<string>()
/** The app registers every feature's actions where it is composed. */
export const registerAuditActions = (actions: readonly string[]): void => {
  for (const a of actions) known.add(a)
}
/** Every registered action (the test checks each has a label in every catalog). */
export const auditActions = (): string[] => [...known].sort()

/** A feature's audit actions; `record` accepts only those. */
export function defineAudit<const A extends string>(actions: readonly A[]) {
  return {
    actions,
    record: (db: Db, e: AuditEntry<A>): Promise<void> => audit(db, e),
  }
}

async function audit(db: Db, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      school_id: e.schoolId,
      actor_id: e.actorId,
      action: e.action,
      subject_id: e.subjectId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
    })
    .execute()
}
