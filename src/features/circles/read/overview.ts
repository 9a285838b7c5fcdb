// The host's and the municipality's view of circles: counts only, never a name. Evaluation
// averages pool only evaluations that closed with at least K answers.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { CircleKind } from '../../../core/db/schema.ts'
import { K_ANONYMITY, PILLARS } from '../kinds.ts'

/** Whose circles: one school's, or those of the schools a municipal user oversees. */
export type Scope = { schoolId: string } | { schoolIds: readonly string[] }

export interface OverviewRow {
  host: string
  kind: CircleKind
  kindLabel: string | null
  circles: number
  members: number
  meetings: number
  /** Present marks over all attendance marks, 0..1; null before any meeting closed. */
  attendance: number | null
  answers: number
  averages: number[] | null
}

export async function overview(db: Db, scope: Scope): Promise<OverviewRow[]> {
  const schoolIds = 'schoolId' in scope ? [scope.schoolId] : [...scope.schoolIds]
  if (schoolIds.length === 0) return []
  const rows = await db
    .selectFrom('circles as c')
    .leftJoin('schools as s', 's.id', 'c.school_id')
    .leftJoin('municipalities as m', 'm.id', 'c.municipality_id')
    .select([
      sql<string>`coalesce(s.name, m.name)`.as('host'),
      'c.kind',
      'c.kind_label as kindLabel',
      sql<string>`(select count(*) from circle_members cm
        where cm.circle_id = c.id and cm.status = 'confirmed')`.as('members'),
      sql<string>`(select count(*) from circle_meetings mt
        where mt.circle_id = c.id and mt.status = 'closed')`.as('meetings'),
      sql<string>`(select count(*) filter (where a.present) from circle_attendance a
        join circle_meetings mt on mt.id = a.meeting_id where mt.circle_id = c.id)`.as('present'),
      sql<string>`(select count(*) from circle_attendance a
        join circle_meetings mt on mt.id = a.meeting_id where mt.circle_id = c.id)`.as('marks'),
      sql<{ answers: number; sums: number[] }[]>`coalesce((select json_agg(json_build_object(
        'answers', e.answers, 'sums', e.sums)) from circle_evaluations e
        where e.circle_id = c.id and e.closed_at is not null and e.answers >= ${K_ANONYMITY}),
        '[]'::json)`.as('evaluations'),
    ])
    .where((eb) =>
      'schoolId' in scope
        ? eb('c.school_id', '=', scope.schoolId)
        : eb.or([
            eb('c.school_id', 'in', schoolIds),
            eb(
              'c.municipality_id',
              'in',
              eb.selectFrom('schools').select('municipality_id').where('id', 'in', schoolIds),
            ),
          ]),
    )
    .execute()
  const groups = new Map<string, OverviewRow & { present: number; marks: number; sums: number[] }>()
  for (const r of rows) {
    const key = `${r.host}\u0000${r.kind}\u0000${r.kindLabel ?? ''}`
    let g = groups.get(key)
    if (!g) {
      g = {
        host: r.host,
        kind: r.kind,
        kindLabel: r.kindLabel,
        circles: 0,
        members: 0,
        meetings: 0,
        attendance: null,
        answers: 0,
        averages: null,
        present: 0,
        marks: 0,
        sums: PILLARS.map(() => 0),
      }
      groups.set(key, g)
    }
    g.circles++
    g.members += Number(r.members)
    g.meetings += Number(r.meetings)
    g.present += Number(r.present)
    g.marks += Number(r.marks)
    for (const e of r.evaluations) {
      g.answers += e.answers
      e.sums.forEach((s, i) => {
        g.sums[i] = (g.sums[i] ?? 0) + s
      })
    }
  }
  return [...groups.values()]
    .map(({ present, marks, sums, ...g }) => ({
      ...g,
      attendance: marks > 0 ? present / marks : null,
      averages: g.answers >= K_ANONYMITY ? sums.map((s) => s / g.answers) : null,
    }))
    .sort((a, b) => a.host.localeCompare(b.host) || a.kind.localeCompare(b.kind))
}
