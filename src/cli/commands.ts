// The CLI's commands as help and util.parseArgs see them: options, arguments and help text.
// What they do lives in actions.ts, imported only when a command runs.
import type { ParseArgsConfig } from 'node:util'
import { LANGUAGES, ROLES } from '../core/db/schema.ts'
import type { Values } from './io.ts'

const actions = () => import('./actions.ts')

export interface Command {
  name: string
  /** One line: the command with its arguments, as typed. */
  synopsis: string
  /** What it does, a few lines. */
  description: string[]
  /** Option help lines, already aligned. */
  optionHelp?: string[]
  options: NonNullable<ParseArgsConfig['options']>
  /** Names of the positional arguments; all are required. */
  positionals?: string[]
  /** Options that must be given, checked before anything heavy is loaded. */
  required?: string[]
  run(values: Values, positionals: string[]): Promise<number>
}

const migrateCommand: Command = {
  name: 'migrate',
  synopsis: 'migrate',
  description: ['Apply the database migrations that have not run yet, and list them.'],
  options: {},
  run: (values, positionals) => actions().then((a) => a.runMigrate(values, positionals)),
}

const seedDemoCommand: Command = {
  name: 'seed-demo',
  synopsis: 'seed-demo',
  description: [
    'Fill an empty database with the demo schools, people, classes and children.',
    'A database that already holds a school is left alone (exit code 0).',
    'Refused when NODE_ENV=production.',
  ],
  options: {},
  run: (values, positionals) => actions().then((a) => a.runSeedDemo(values, positionals)),
}

const createSchoolCommand: Command = {
  name: 'create-school',
  synopsis: 'create-school --name NAME --municipality NAME [--city CITY]',
  description: [
    'Create a school with the usual classes: Groep 1/2a and 1/2b, then Groep 3 to 8.',
    'The municipality is created when it does not exist yet. Prints the new school id on stdout.',
  ],
  optionHelp: [
    '--name NAME            the school name',
    '--municipality NAME    the municipality the school belongs to',
    '--city CITY            the city or village (optional)',
  ],
  options: {
    name: { type: 'string' },
    municipality: { type: 'string' },
    city: { type: 'string' },
  },
  required: ['name', 'municipality'],
  run: (values, positionals) => actions().then((a) => a.runCreateSchool(values, positionals)),
}

const inviteCommand: Command = {
  name: 'invite',
  synopsis:
    'invite --school ID|NAME --email EMAIL --name NAME --role ROLE [--language LANG] [--child NAME --group CLASS]',
  description: [
    'Invite one person to a school and send the invitation mail.',
    'Staff roles add a membership; --role parent also needs --child and --group and links the',
    'parent to that child (created in that class when new), as one line of a parent import.',
  ],
  optionHelp: [
    '--school ID|NAME       the school, by id or by name',
    '--email EMAIL          the address the invitation goes to',
    '--name NAME            full name',
    `--role ROLE            ${ROLES.join(', ')}`,
    `--language LANG        language of the mail and the app: ${LANGUAGES.join(', ')} (default nl)`,
    "--child NAME           parent only: the child's first name",
    '--group CLASS          parent only: the child\'s class, e.g. "Groep 5" or 5',
  ],
  options: {
    school: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    language: { type: 'string' },
    child: { type: 'string' },
    group: { type: 'string' },
  },
  required: ['school', 'email', 'name', 'role'],
  run: (values, positionals) => actions().then((a) => a.runInvite(values, positionals)),
}

const importPeopleCommand: Command = {
  name: 'import-people',
  synopsis: 'import-people FILE.csv --school ID|NAME',
  description: [
    'Import a list of parents and their children and send each new parent an invitation.',
    'Columns: name, email, child, group, language (in this order when there is no header line;',
    'Dutch headers naam, emailadres, kind, groep, taal work too). Commas or semicolons.',
    'All or nothing: when any line is wrong, nothing is imported and every problem is listed',
    'by line number (exit code 1).',
  ],
  optionHelp: ['--school ID|NAME       the school, by id or by name'],
  options: { school: { type: 'string' } },
  positionals: ['FILE.csv'],
  required: ['school'],
  run: (values, positionals) => actions().then((a) => a.runImportPeople(values, positionals)),
}

const sendRemindersCommand: Command = {
  name: 'send-reminders',
  synopsis: 'send-reminders',
  description: [
    "Mail each circle member and facilitator a reminder of tomorrow's meetings, in their own",
    'language. Each meeting is reminded once, so running it often (e.g. hourly from cron) is',
    'safe. Also forgets topic proposals of meetings that ended and were never closed, and',
    'circle places that ended (left or declined) more than a year ago.',
    'The server does all of this by itself every quarter of an hour.',
  ],
  options: {},
  run: (values, positionals) => actions().then((a) => a.runSendReminders(values, positionals)),
}

const deliverMessagesCommand: Command = {
  name: 'deliver-messages',
  synopsis: 'deliver-messages',
  description: [
    'Mail every message from school whose moment has come (after the quiet hours, or the',
    'daily digest at 16:30), each person in their own language, one mail per person; then',
    'try queued mail again. Running it often (e.g. every minute from cron) is safe: a message',
    'is mailed to a person once. The server does this by itself every minute.',
  ],
  options: {},
  run: (values, positionals) => actions().then((a) => a.runDeliverMessages(values, positionals)),
}

const backupCommand: Command = {
  name: 'backup',
  synopsis: 'backup FILE',
  description: [
    'Write everything in the database to FILE (gzipped JSON lines, readable by you only), as one',
    'snapshot: a server may keep running. The file holds every name and the server secret: keep',
    'it as safe as the database. It restores into either engine (embedded or PostgreSQL).',
  ],
  options: {},
  positionals: ['FILE'],
  run: (values, positionals) => actions().then((a) => a.runBackup(values, positionals)),
}

const restoreCommand: Command = {
  name: 'restore',
  synopsis: 'restore FILE [--replace]',
  description: [
    'Restore a backup into an empty database (a new DATA_DIR, or a new PostgreSQL database), then',
    'apply the newer migrations. Refused when the database holds data, unless --replace: then',
    'everything in it is deleted first, in the same transaction. Stop the server first.',
  ],
  optionHelp: ['--replace              delete what the database holds and restore the backup'],
  options: { replace: { type: 'boolean' } },
  positionals: ['FILE'],
  run: (values, positionals) => actions().then((a) => a.runRestore(values, positionals)),
}

export const COMMANDS: readonly Command[] = [
  migrateCommand,
  seedDemoCommand,
  createSchoolCommand,
  inviteCommand,
  importPeopleCommand,
  sendRemindersCommand,
  deliverMessagesCommand,
  backupCommand,
  restoreCommand,
]
