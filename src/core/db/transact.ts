// The one way to run work in a transaction: `transact(db, trx => …)`. Inside one, work that
// is handed the transaction and asks for another gets a savepoint in it, so a command can be
// called alone or as part of a larger moment (core/mail.ts `gatherMail`: the writes and their
// mail commit together) and still undoes its own writes when it fails, also when its caller
// catches the error and goes on.
//
// A query on the outer handle inside a transaction is a bug on both engines: on PostgreSQL it
// reads around the transaction's own uncommitted rows, and on PGlite (one connection) it waits
// for the transaction that waits for it, for ever. Under the test runner the pools are guarded:
// such a query throws.
import { AsyncLocalStorage } from 'node:async_hooks'
import { type PostgresPool, sql } from 'kysely'
import type { Db } from './index.ts'

interface Held {
  /** True while the work runs with its connection taken. */
  held: boolean
}

const current = new AsyncLocalStorage<Held>()

/**
 * The guard runs under the test runner (and with KRINGWERK_CHECK_TRANSACTIONS=1). On Node 20
 * the first AsyncLocalStorage.run() turns on promise hooks for the whole process, a cost on
 * every request that decision 0004 took out; the suite finds the mistakes the guard is for.
 */
const GUARDED =
  process.env.NODE_TEST_CONTEXT !== undefined || process.env.KRINGWERK_CHECK_TRANSACTIONS === '1'

export class QueryOutsideTransaction extends Error {
  constructor() {
    super(
      'A query on the outer database handle while a transaction is open: use the transaction handle the work was given.',
    )
  }
}

let savepoints = 0

/** Runs `work` in a transaction, or under a savepoint in the one `db` already is. */
export async function transact<R>(db: Db, work: (trx: Db) => Promise<R>): Promise<R> {
  if (db.isTransaction) {
    const name = sql.raw(`kw_${++savepoints % 1_000_000}`)
    await sql`savepoint ${name}`.execute(db)
    let result: R
    try {
      result = await work(db)
    } catch (e) {
      await sql`rollback to savepoint ${name}`.execute(db)
      throw e
    }
    await sql`release savepoint ${name}`.execute(db)
    return result
  }
  // A new transaction opened on the outer handle from inside one: its first query would wait
  // for the transaction that waits for it (PGlite).
  if (GUARDED && current.getStore()?.held) throw new QueryOutsideTransaction()
  if (!GUARDED) return db.transaction().execute(work)
  const state: Held = { held: false }
  return current.run(state, () =>
    db.transaction().execute(async (trx) => {
      state.held = true
      try {
        return await work(trx)
      } finally {
        state.held = false
      }
    }),
  )
}

/** A pool that refuses a connection asked for from inside a transaction's work. */
export function guardPool(pool: PostgresPool): PostgresPool {
  return {
    connect() {
      if (GUARDED && current.getStore()?.held) return Promise.reject(new QueryOutsideTransaction())
      return pool.connect()
    },
    end: () => pool.end(),
  }
}
