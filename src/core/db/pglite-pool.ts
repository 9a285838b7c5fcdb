// Lets Kysely's own PostgresDialect drive an embedded PGlite database.
// PGlite is a single connection, so the "pool" hands it to one borrower at a time: a
// transaction can never interleave with another request's queries.
import type { PGlite } from '@electric-sql/pglite'
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely'

export class PGlitePool implements PostgresPool {
  #queue: Promise<void> = Promise.resolve()

  constructor(private readonly pg: PGlite) {}

  connect(): Promise<PostgresPoolClient> {
    let release!: () => void
    const released = new Promise<void>((r) => {
      release = r
    })
    const turn = this.#queue.then(() => client)
    this.#queue = this.#queue.then(() => released)
    const pg = this.pg
    const client = {
      async query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
        // Without parameters, use the simple protocol (as pg does) so a migration may hold
        // several statements.
        const result =
          parameters.length === 0
            ? ((await pg.exec(sql)).at(-1) ?? { rows: [], affectedRows: 0 })
            : await pg.query<R>(sql, parameters as unknown[])
        return {
          command: (result as { command?: string }).command as PostgresQueryResult<R>['command'],
          rowCount: result.affectedRows ?? result.rows.length,
          rows: result.rows as R[],
        }
      },
      release: () => release(),
    } as unknown as PostgresPoolClient
    return turn
  }

  async end(): Promise<void> {
    await this.pg.close()
  }
}
