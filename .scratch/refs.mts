import { sql } from 'kysely'
import { openDatabase, migrate } from '../src/core/db/index.ts'
const h = await openDatabase({})
await migrate(h.db)
const { rows } = await sql<any>`select c.conrelid::regclass::text as t, a.attname as col from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey) where c.contype='f' and c.confrelid = 'people'::regclass order by 1,2`.execute(h.db)
console.log(rows.map((r: any) => `${r.t}.${r.col}`).join('\n'))
await h.close()
