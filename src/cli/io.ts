// The light part of the CLI, loaded even for --help: its two kinds of error, its two output
// streams and option reading. Nothing here touches the database.

/** Wrong command line or environment: exit code 2, with a pointer to the help. */
export class UsageError extends Error {}

/** The command ran but could not do its job (not found, rejected input): exit code 1. */
export class Failure extends Error {
  constructor(
    message: string,
    /** Further lines printed after the message, e.g. one per bad CSV line. */
    readonly details: string[] = [],
  ) {
    super(message)
  }
}

/** Results go to stdout (one can pipe them); progress, notes and errors go to stderr. */
export const out = (line = '') => process.stdout.write(`${line}\n`)
export const note = (line = '') => process.stderr.write(`${line}\n`)

/** Option values as util.parseArgs returns them. */
export type Values = Record<string, string | boolean | undefined>

/** The trimmed string values of the named options, or a usage error naming every missing one. */
export function required<K extends string>(values: Values, ...names: K[]): Record<K, string> {
  const missing = names.filter((n) => typeof values[n] !== 'string' || !values[n].trim())
  if (missing.length) throw new UsageError(`missing ${missing.map((n) => `--${n}`).join(', ')}`)
  return Object.fromEntries(names.map((n) => [n, String(values[n]).trim()])) as Record<K, string>
}

/** The trimmed value of an optional string option; undefined when absent or blank. */
export function optional(values: Values, name: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' && v.trim() ? v.trim() : undefined
}
