import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { openDatabase, migrate } from '../src/core/db/index.ts'
const h = await openDatabase({})
await migrate(h.db)
const q = async (s: any) => (await s.execute(h.db)).rows
console.log(await q(sql`select table_name, column_name, column_default, is_identity, is_generated, data_type from information_schema.columns where table_schema='public' and (column_default like 'nextval%' or is_identity='YES' or is_generated='ALWAYS')`))
console.log(await q(sql`select conrelid::regclass::text as t, confrelid::regclass::text as r from pg_constraint where contype='f' and connamespace='public'::regnamespace order by 1`))
console.log(await q(sql`select distinct data_type from information_schema.columns where table_schema='public'`))
console.log((await q(sql`select table_name from information_schema.tables where table_schema='public' and table_type='BASE TABLE' order by 1`)).map((r:any)=>r.table_name).join(' '))
await h.close()
