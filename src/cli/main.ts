// The `kringwerk` command line (bin/kringwerk.mjs runs this file through tsx).
// Exit codes: 0 done, 1 the command failed, 2 unknown command or bad arguments.
// Errors print one readable line (and details); a stack trace only when KRINGWERK_DEBUG=1.
import { parseArgs } from 'node:util'
import { COMMANDS, type Command } from './commands.ts'
import { Failure, note, out, required, UsageError, type Values } from './io.ts'

const indent = (lines: string[], n: number) => lines.map((l) => `${' '.repeat(n)}${l}`)

const ENVIRONMENT = [
  'DATABASE_URL     PostgreSQL connection string, e.g. postgres://user:pass@host:5432/kringwerk.',
  '                 When unset, the embedded database (PGlite) in DATA_DIR is used.',
  'DATA_DIR         Directory of the embedded database (default ./data). Stop the server first:',
  '                 an embedded database must not be open in two processes at once.',
  'SMTP_URL         Send invitation mail over SMTP, e.g. smtp://user:pass@mail.example:587.',
  '                 When unset, mails are stored in the outbox table (readable at /outbox).',
  'MAIL_FROM        Sender of invitation mail.',
  'BASE_URL         Public address of Kringwerk, for the sign-in link in invitation mail.',
  'LOG_LEVEL        Log level of the JSON log on stderr (default for the CLI: warn).',
  'KRINGWERK_DEBUG  Set to 1 to print stack traces on errors.',
]

function commandHelp(c: Command): string[] {
  return [c.synopsis, ...indent(c.description, 4), ...(c.optionHelp ? indent(c.optionHelp, 4) : [])]
}

export function usage(): string {
  return [
    'Usage: kringwerk <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.flatMap((c) => [...indent(commandHelp(c), 2), '']),
    ...indent(
      [
        'help [COMMAND]',
        ...indent(['Show this help, or the help of one command (also: COMMAND --help).'], 4),
      ],
      2,
    ),
    '',
    'Environment:',
    ...indent(ENVIRONMENT, 2),
    '',
    'Exit codes: 0 done, 1 the command failed, 2 unknown command or bad arguments.',
  ].join('\n')
}

const usageOf = (c: Command) =>
  [
    `Usage: kringwerk ${commandHelp(c).join('\n')}`,
    '',
    'Environment:',
    ...indent(ENVIRONMENT, 2),
  ].join('\n')

function find(name: string): Command {
  const c = COMMANDS.find((c) => c.name === name)
  if (!c) {
    throw new UsageError(
      `unknown command "${name}"; commands: ${[...COMMANDS.map((c) => c.name), 'help'].join(', ')}`,
    )
  }
  return c
}

const isParseArgsError = (e: unknown): e is Error & { code: string } =>
  e instanceof TypeError &&
  String((e as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS')

/** A one-line description of an unexpected error (pg reports refused connections as AggregateError). */
function describe(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return describe(e.errors[0])
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
      return `cannot reach the database server (DATABASE_URL): ${e.message}`
    }
    return e.message || code || e.name
  }
  return String(e)
}

export async function main(argv: string[]): Promise<number> {
  let command: Command | undefined
  try {
    const [name, ...rest] = argv
    if (name === undefined) {
      note(usage())
      return 2
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      if (name === 'help' && rest.length > 1)
        throw new UsageError('help takes at most one command name')
      out(name === 'help' && rest[0] ? usageOf(find(rest[0])) : usage())
      return 0
    }
    if (name.startsWith('-'))
      throw new UsageError(`unknown option ${name}; the command comes first`)
    command = find(name)
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
    if (values.help) {
      out(usageOf(command))
      return 0
    }
    const wanted = command.positionals ?? []
    if (positionals.length < wanted.length)
      throw new UsageError(`missing ${wanted.slice(positionals.length).join(' ')}`)
    if (positionals.length > wanted.length) {
      throw new UsageError(`unexpected argument "${positionals[wanted.length]}"`)
    }
    required(values as Values, ...(command.required ?? []))
    return await command.run(values as Values, positionals)
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      // parseArgs adds advice on '--' that is noise here.
      const text = e.message.replace(/\. To specify a positional argument.*$/s, '')
      note(`kringwerk${command ? ` ${command.name}` : ''}: ${text}`)
      note(`Run 'kringwerk ${command ? `${command.name} --help` : '--help'}' for usage.`)
      return 2
    }
    if (e instanceof Failure) {
      note(`kringwerk${command ? ` ${command.name}` : ''}: ${e.message}`)
      for (const line of e.details) note(line)
      if (process.env.KRINGWERK_DEBUG === '1' && e.stack) note(e.stack)
      return 1
    }
    note(`kringwerk${command ? ` ${command.name}` : ''}: ${describe(e)}`)
    if (process.env.KRINGWERK_DEBUG === '1') {
      note(e instanceof Error && e.stack ? e.stack : String(e))
    } else {
      note('(set KRINGWERK_DEBUG=1 to see the stack trace)')
    }
    return 1
  }
}

// Every command has closed its database handle by now (withApp/withDatabase); exit at once so
// that nothing else left open (an SMTP connection, a timer) keeps the process alive.
// stdout and stderr are synchronous for files, pipes and terminals on Linux and macOS.
process.exit(await main(process.argv.slice(2)))
