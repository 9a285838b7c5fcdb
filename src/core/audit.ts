// The audit log: who did what to which record, when. Detail holds ids and codes only.
import type { Db } from './db/index.ts'

export type AuditAction =
  | 'signin'
  | 'signin.failed'
  | 'signout'
  | 'invite.staff'
  | 'invite.parent'
  | 'import.parents'
  | 'role.grant'
  | 'role.revoke'
  | 'school.create'
  | 'buddy.signal'
  | 'buddy.propose'
  | 'buddy.link'
  | 'buddy.batch'
  | 'buddy.registry.view'
  | 'buddy.close'
  | 'buddy.recruit'
  | 'circle.create'
  | 'circle.settings'
  | 'circle.autonomy'
  | 'circle.facilitator'
  | 'buddy.coordinator'
  | 'buddy.referral'

export interface AuditEntry {
  schoolId: string | null
  actorId: string | null
  action: AuditAction
  subjectId?: string | null
  detail?: Record<string, string | number | boolean | null>
}

export async function audit(db: Db, e: AuditEntry): Promise<void> {
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
