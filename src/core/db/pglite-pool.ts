// Lets Kysely's own PostgresDialect drive an embedded PGlite database.
// PGlite is a single connection, so the "pool" hands it to one borrower at a time: a
// transaction can never interleave with another request's queries.
//
// A query with parameters goes to PGlite as one wire-protocol message, the way a server driver
// sends it: Parse (once per statement text, then kept by name), Bind, Describe, Execute,
// Sync. PGlite's own query() makes six separate calls into the database for each query and
// plans it anew every time; on the parent home that was most of the request
// (docs/decisions/0004-request-cost.md). Parameters are turned into text by node-postgres's
// own prepareValue, so both engines receive exactly the same values.
import { type PGlite, parse, protocol, messages as wire } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'
import pgUtils from 'pg/lib/utils.js'

const { serialize } = protocol
const { prepareValue } = pgUtils

/** How many parsed statements PGlite keeps; the least recently used one is closed first. */
export const STATEMENT_CACHE_SIZE = 500

/**
 * A kept statement the server no longer has (after DEALLOCATE), or whose result columns
 * changed under it (after DDL): parse it again.
 */
const STALE_STATEMENT = new Set(['26000', '0A000'])
/**
 * Statements without parameters that cannot change what a kept statement means: queries,
 * data changes and transaction control. Anything else (DDL, or SQL that starts with a
 * comment) makes the pool forget its statements.
 */
const KEEPS_STATEMENTS =
  /^\s*(select|with|values|insert|update|delete|begin|commit|rollback|start|savepoint|release|set|show|lock)\b/i

export class PGlitePool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve()
  /** Statement text → the name it was parsed under, in order of last use. */
  readonly #statements = new Map<string, string>()
  #named = 0

  constructor(private readonly pg: PGlite) {}

  connect(): Promise<PostgresPoolClient> {
    let release!: () => void
    const released = new Promise<void>((r) => {
      release = r
    })
    const turn = this.#queue.then(() => client)
    this.#queue = this.#queue.then(() => released)
    const client = {
      query: async <R>(sql: string, parameters: readonly unknown[]) => {
        // Without parameters, use the simple protocol (as pg does) so a migration may hold
        // several statements.
        if (parameters.length === 0) {
          const result = (await this.pg.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 }
          // DDL (a migration, a test's table) can change what kept statements return, also
          // inside a transaction where a retry is impossible: start afresh.
          if (!KEEPS_STATEMENTS.test(sql) && this.#statements.size) await this.#forgetStatements()
          return {
            command: (result as { command?: string }).command,
            rowCount: result.affectedRows ?? result.rows.length,
            rows: result.rows,
          } as PostgresQueryResult<R>
        }
        return this.#extended<R>(sql, parameters, true)
      },
      release: () => release(),
    } as unknown as PostgresPoolClient
    return turn
  }

  async #forgetStatements(): Promise<void> {
    this.#statements.clear()
    await this.pg.exec('deallocate all')
  }

  /** How many statements are kept parsed right now (tests check the bound). */
  get statementCount(): number {
    return this.#statements.size
  }

  async #extended<R>(
    text: string,
    parameters: readonly unknown[],
    mayRetry: boolean,
  ): Promise<PostgresQueryResult<R>> {
    const parts: Uint8Array[] = []
    let name = this.#statements.get(text)
    const fresh = name === undefined
    if (name === undefined) {
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) {
        const [oldText, oldName] = this.#statements.entries().next().value as [string, string]
        this.#statements.delete(oldText)
        parts.push(serialize.close({ type: 'S', name: oldName }))
      }
      name = `kw_${++this.#named}`
      parts.push(serialize.parse({ name, text }))
    } else {
      // Most recently used goes last, so the first entry is always the one to close.
      this.#statements.delete(text)
    }
    this.#statements.set(text, name)
    parts.push(
      serialize.bind({ statement: name, values: parameters.map((v) => prepareValue(v)) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    )
    // Inside PGlite's own lock, like its query(): nothing else (close() at shutdown) can run
    // between this message and the reading of its results.
    const { messages } = await this.pg.runExclusive(() => {
      if (this.pg.closed) throw new Error('the embedded database is closed')
      return this.pg.execProtocol(concat(parts), { throwOnError: false })
    })
    const error = messages.find((m) => m instanceof wire.DatabaseError)
    if (error) {
      const parsed = !fresh || messages.some((m) => m.name === 'parseComplete')
      if (!parsed) this.#statements.delete(text)
      if (STALE_STATEMENT.has(error.code ?? '') && !fresh) {
        // Parse it again. Outside a transaction nothing happened yet, so the query can simply
        // run once more; inside one the transaction has failed and the caller sees the error.
        this.#statements.delete(text)
        await this.pg.runExclusive(() =>
          this.pg.execProtocol(concat([serialize.close({ type: 'S', name }), serialize.sync()])),
        )
        if (mayRetry && !this.pg.isInTransaction()) return this.#extended(text, parameters, false)
      }
      throw error
    }
    const [result] = parse.parseResults(messages, this.pg.parsers)
    return {
      command: result?.command,
      rowCount: result?.affectedRows ?? result?.rows.length ?? 0,
      rows: (result?.rows ?? []) as R[],
    } as PostgresQueryResult<R>
  }

  /** Lets the borrowers of the moment finish (at most 5 s), then closes the database. */
  async end(): Promise<void> {
    await Promise.race([this.#queue, new Promise((r) => setTimeout(r, 5000).unref())])
    await this.pg.close()
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0] as Uint8Array
  let length = 0
  for (const p of parts) length += p.length
  const out = new Uint8Array(length)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
