// What the commands do, loaded only when one runs (so that --help stays quick). Each validates
// what it can before opening the database, then works on a booted app that is always closed.
import { readFile } from 'node:fs/promises'
import cliProgress from 'cli-progress'
import { sql } from 'kysely'
import { RestoreRefused, restoreBackup, writeBackup } from '../core/db/backup.ts'
import { migrate } from '../core/db/index.ts'
import { LANGUAGES, ROLES } from '../core/db/schema.ts'
import { issuesToErrors } from '../core/http/forms.ts'
import type { Mailer, SendOutcome } from '../core/mail.ts'
import { seedDemoIfEmpty } from '../demo/seed.ts'
import { circleUpkeep } from '../features/circles/index.ts'
import { deliverMessages } from '../features/messages/index.ts'
import {
  type ImportResult,
  importParents,
  inviteStaff,
  type LineError,
  listGroups,
  ParentRow,
  type PeopleDeps,
  parseParentCsv,
  StaffInvite,
} from '../features/people/index.ts'
import { createSchool, DEFAULT_GROUPS } from '../features/schools/index.ts'
import { Failure, note, optional, out, required, UsageError, type Values } from './io.ts'
import {
  describeDatabase,
  en,
  mailNote,
  message,
  resolveSchool,
  withApp,
  withDatabase,
} from './support.ts'

export type Action = (values: Values, positionals: string[]) => Promise<number>

/** `line 4, email: Enter a valid e-mail address, like name@example.org.` */
export const lineReport = (e: LineError) => `line ${e.line}, ${e.field}: ${message(e.key)}`

const sortErrors = (errors: LineError[]) => [...errors].sort((a, b) => a.line - b.line)

interface MailFailure {
  to: string
  error: string
}

/**
 * The people services write invitations' mail in their transaction and try it once that has
 * committed. A mail that fails must neither stop the other mails nor hide that the change was
 * saved, so the CLI hands them a mailer that notes the outcomes, and reports them afterwards.
 */
function peopleDeps(deps: Pick<PeopleDeps, 'db' | 'mailer' | 'events'>, baseUrl: string) {
  const failures: MailFailure[] = []
  /** Mail the mail server did not take yet: queued, a running server sends it later. */
  const waiting: string[] = []
  const count = (to: string, outcome: SendOutcome) => {
    if (outcome === 'failed') failures.push({ to, error: 'the mail server refused it' })
    if (outcome === 'queued') waiting.push(to)
  }
  /** Stored mail's addresses, to name them once delivery tells the outcome. */
  const addressOf = new Map<string, string>()
  const mailer: Mailer = {
    kind: deps.mailer.kind,
    deliverDue: () => deps.mailer.deliverDue(),
    async send(mail) {
      try {
        const outcome = await deps.mailer.send(mail)
        count(mail.to, outcome)
        return outcome
      } catch (e) {
        failures.push({ to: mail.to, error: e instanceof Error ? e.message : String(e) })
        return 'failed'
      }
    },
    async store(db, mail) {
      const id = await deps.mailer.store(db, mail)
      addressOf.set(id, mail.to)
      return id
    },
    async deliver(ids) {
      const outcomes = await deps.mailer.deliver(ids)
      for (const [i, id] of ids.entries()) count(addressOf.get(id) ?? id, outcomes[i] ?? 'queued')
      return outcomes
    },
  }
  return {
    deps: { db: deps.db, mailer, baseUrl, events: deps.events } satisfies PeopleDeps,
    failures,
    waiting,
  }
}

/** After a saved change: exit 1 when invitation mail failed, saying what was saved all the same. */
function reportMailFailures(
  { failures, waiting }: { failures: MailFailure[]; waiting: string[] },
  baseUrl: string,
): void {
  if (waiting.length) {
    note(
      `${waiting.length} mail(s) wait for the mail server, which did not take them yet; ` +
        'the Kringwerk server tries again every minute while it runs.',
    )
  }
  if (!failures.length) return
  throw new Failure(
    `the changes are saved, but ${failures.length} invitation mail(s) could not be sent:`,
    [
      ...failures.map((f) => `  ${f.to}: ${f.error}`),
      `Running the command again does not resend them; they can sign in at ${baseUrl}/signin.`,
    ],
  )
}

/** A service's field name as the invite option that carries it. */
const INVITE_FIELD_OPTION: Record<string, string> = {
  name: '--name',
  email: '--email',
  role: '--role',
  language: '--language',
  child: '--child',
  group: '--group',
}

export const runMigrate: Action = () =>
  withDatabase(async (handle, config) => {
    const applied = await migrate(handle.db)
    if (!applied.length) {
      out(`Up to date: no migrations to apply (${describeDatabase(config)}).`)
    } else {
      for (const name of applied) out(`applied ${name}`)
      out(`${applied.length} migration(s) applied to ${describeDatabase(config)}.`)
    }
    return 0
  })

export const runBackup: Action = (_values, [file = '']) =>
  withDatabase(async (handle, config) => {
    const header = await writeBackup(handle.db, file)
    const rows = Object.values(header.tables).reduce((a, b) => a + b, 0)
    out(
      `Backup of ${describeDatabase(config)} written to ${file}: ${rows} rows in ${Object.keys(header.tables).length} tables.`,
    )
    note('The file holds every name and the server secret: keep it as safe as the database.')
    return 0
  })

export const runRestore: Action = (values, [file = '']) =>
  withDatabase(async (handle, config) => {
    try {
      const { header, rows } = await restoreBackup(handle.db, file, {
        replace: values.replace === true,
      })
      out(
        `Restored ${rows} rows from ${file} (made ${header.createdAt}) into ${describeDatabase(config)}.`,
      )
      return 0
    } catch (e) {
      if (e instanceof RestoreRefused) throw new Failure(e.message)
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Failure(`no such file: ${file}`)
      throw e
    }
  })

export const runSeedDemo: Action = () =>
  withApp(async ({ deps }, config) => {
    if (config.production) throw new Failure('demo data is never seeded when NODE_ENV=production')
    const seeded = await seedDemoIfEmpty(deps.db)
    if (!seeded) {
      out('The database is not empty: no demo data seeded.')
    } else {
      out(
        `Demo data seeded: ${seeded.schools} schools, ${seeded.people} people, ${seeded.children} children.`,
      )
    }
    return 0
  })

export const runSendReminders: Action = () =>
  withApp(async ({ deps }, config) => {
    const done = await circleUpkeep({ db: deps.db, mailer: deps.mailer, baseUrl: config.baseUrl })
    out(
      `${done.reminders} reminder(s) sent, ${done.topicsForgotten} stale topic(s) forgotten, ` +
        `${done.placesForgotten} place(s) that ended over a year ago forgotten.`,
    )
    return 0
  })

export const runDeliverMessages: Action = () =>
  withApp(async ({ deps }, config) => {
    const done = await deliverMessages({
      db: deps.db,
      mailer: deps.mailer,
      baseUrl: config.baseUrl,
    })
    const queue = await deps.mailer.deliverDue()
    out(
      `mailed ${done.people} person(s), ${done.messages} message(s) in all; ` +
        `queued mail: ${queue.sent} sent, ${queue.retrying} to try again, ${queue.failed} failed.`,
    )
    return 0
  })

export const runCreateSchool: Action = async (values) => {
  const { name, municipality } = required(values, 'name', 'municipality')
  const city = optional(values, 'city')
  if (name.length > 200 || municipality.length > 200 || (city?.length ?? 0) > 200) {
    throw new UsageError('names are at most 200 characters')
  }
  return withApp(async ({ deps }) => {
    const namesake = await deps.db
      .selectFrom('schools')
      .select('id')
      .where(sql<string>`lower(name)`, '=', name.toLowerCase())
      .executeTakeFirst()
    const id = await createSchool(deps.db, { name, municipality, city: city ?? null })
    note(`Created school "${name}" in ${municipality} with ${DEFAULT_GROUPS.length} classes.`)
    if (namesake)
      note(`Note: another school is also called "${name}"; refer to this one by its id.`)
    out(id)
    return 0
  })
}

export const runInvite: Action = async (values) => {
  const {
    school: schoolRef,
    email,
    name,
    role,
  } = required(values, 'school', 'email', 'name', 'role')
  const language = optional(values, 'language')
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`unknown role "${role}"; use one of: ${ROLES.join(', ')}`)
  }
  if (language !== undefined && !(LANGUAGES as readonly string[]).includes(language)) {
    throw new UsageError(`unknown language "${language}"; use one of: ${LANGUAGES.join(', ')}`)
  }
  const invalid = (issues: Parameters<typeof issuesToErrors>[0]) =>
    new UsageError(
      Object.entries(issuesToErrors(issues))
        .map(
          ([field, key]) =>
            `${INVITE_FIELD_OPTION[field] ?? field}: ${message(key ?? 'form.invalid')}`,
        )
        .join('\n'),
    )

  if (role !== 'parent') {
    if (values.child !== undefined || values.group !== undefined) {
      throw new UsageError('--child and --group are only for --role parent')
    }
    const parsed = StaffInvite.safeParse({ name, email, role, language })
    if (!parsed.success) throw invalid(parsed.error.issues)
    return withApp(async (booted, config) => {
      const school = await resolveSchool(booted, schoolRef)
      // No person acts here: the CLI is the operator, so the actor is null. inviteStaff types
      // actorId as string although memberships.invited_by and audit_log.actor_id are nullable
      // (as importParents' actorId is); widening it to string | null would drop this cast.
      const people = peopleDeps(booted.deps, config.baseUrl)
      const invited = await inviteStaff(people.deps, school.id, null, parsed.data)
      if (!invited) {
        out(
          `${parsed.data.email} is already ${role} at ${school.name}: nothing changed, no mail sent.`,
        )
        return 0
      }
      out(`Invited ${parsed.data.email} as ${role} at ${school.name}.`)
      reportMailFailures(people, config.baseUrl)
      if (!people.waiting.length) note(`The invitation mail was ${mailNote(booted)}.`)
      return 0
    })
  }

  const { child, group } = required(values, 'child', 'group')
  const record = { name, email, child, group, language }
  const parsed = ParentRow.safeParse(record)
  if (!parsed.success) throw invalid(parsed.error.issues)
  return withApp(async (booted, config) => {
    const school = await resolveSchool(booted, schoolRef)
    const groups = await listGroups(booted.deps.db, school.id)
    const people = peopleDeps(booted.deps, config.baseUrl)
    const result = await importParents(
      people.deps,
      { schoolId: school.id, actorId: null, groups },
      [{ line: 1, record }],
    )
    if (!result.ok) {
      const lines = result.errors.map(
        (e) => `${INVITE_FIELD_OPTION[e.field] ?? e.field}: ${message(e.key)}`,
      )
      if (result.errors.some((e) => e.key === 'import.groupUnknown')) {
        lines.push(`Classes of ${school.name}: ${groups.map((g) => g.name).join(', ') || '(none)'}`)
      }
      throw new Failure('nothing changed: the invitation was refused', lines)
    }
    if (!result.newParents) {
      out(
        `${parsed.data.email} was already a parent at ${school.name}; now linked to ${child} (${group}). No mail sent.`,
      )
      return 0
    }
    out(`Invited ${parsed.data.email} as parent of ${child} (${group}) at ${school.name}.`)
    reportMailFailures(people, config.baseUrl)
    if (!people.waiting.length) note(`The invitation mail was ${mailNote(booted)}.`)
    return 0
  })
}

export const runImportPeople: Action = async (values, [file = '']) => {
  const { school: schoolRef } = required(values, 'school')
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (e as Error).message
    throw new Failure(`cannot read ${file}: ${why}`)
  }
  const lines = parseParentCsv(text)
  if (!Array.isArray(lines))
    throw new Failure(en('import.failed', { count: 1 }), [lineReport(lines)])

  return withApp(async (booted, config) => {
    const school = await resolveSchool(booted, schoolRef)
    const groups = await listGroups(booted.deps.db, school.id)
    // Drawn on stderr, and only on a terminal (cli-progress stays silent otherwise).
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: 'Importing {bar} {value}/{total} lines',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    )
    const people = peopleDeps(booted.deps, config.baseUrl)
    let started = false
    let result: ImportResult
    try {
      result = await importParents(
        people.deps,
        { schoolId: school.id, actorId: null, groups },
        lines,
        (done, total) => {
          if (!started) {
            bar.start(total, 0)
            started = true
          }
          bar.update(done)
        },
      )
    } finally {
      if (started) bar.stop()
    }
    if (!result.ok) {
      throw new Failure(
        en('import.failed', { count: result.errors.length }),
        sortErrors(result.errors).map(lineReport),
      )
    }
    out(
      `Imported ${result.rows} line(s) into ${school.name}: ${result.newParents} new parent(s), ` +
        `${result.newChildren} new child(ren).`,
    )
    reportMailFailures(people, config.baseUrl)
    if (result.newParents && !people.waiting.length)
      note(`Invitation mails were ${mailNote(booted)}.`)
    return 0
  })
}
