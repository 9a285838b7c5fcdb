// The audit log as the director and admin read it: the latest entries of their school, with
// the names of who acted and, where an entry has one, whom it was about.
import type { Db } from '../../../core/db/index.ts'

export async function listAudit(db: Db, schoolId: string, limit = 200) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('people as actor', 'actor.id', 'a.actor_id')
    .leftJoin('people as subject', 'subject.id', 'a.subject_id')
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.detail',
      'actor.name as actorName',
      'subject.name as subjectName',
    ])
    .where('a.school_id', '=', schoolId)
    .orderBy('a.at', 'desc')
    .limit(limit)
    .execute()
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number]
