import type { Db } from '../../../core/db/index.ts'
import type { Language, Role } from '../../../core/db/schema.ts'
import { transact } from '../../../core/db/transact.ts'
import { NotFound } from '../../../core/errors.ts'
import type { ServiceDeps } from '../../../core/events.ts'
import { type MessageKey, translator } from '../../../core/i18n/index.ts'
import { gatherMail } from '../../../core/mail.ts'
import { signInLinkMail } from '../../auth/index.ts'
import { peopleAudit } from '../audit.ts'
import { parentsInvited } from '../events.ts'
import type { GroupResource } from '../policy.ts'
import { findAccount } from '../read/accounts.ts'
import type { StaffInvite } from '../schema.ts'

export type PeopleDeps = ServiceDeps

const firstNameOf = (name: string) => name.trim().split(/\s+/)[0] ?? name

/** Finds a person by address or creates them; an existing person's own details are kept. */
export async function ensurePerson(
  trx: Db,
  p: { name: string; email: string; language: Language },
) {
  const found = await findAccount(trx, p.email)
  if (found) return { ...found, created: false }
  const firstName = firstNameOf(p.name)
  const row = await trx
    .insertInto('people')
    .values({ email: p.email, name: p.name, first_name: firstName, language: p.language })
    .returning(['id', 'language'])
    .executeTakeFirstOrThrow()
  return { ...row, first_name: firstName, created: true }
}

export async function addRole(
  trx: Db,
  schoolId: string,
  personId: string,
  role: Role,
  invitedBy: string | null,
) {
  const res = await trx
    .insertInto('memberships')
    .values({ school_id: schoolId, person_id: personId, role, invited_by: invitedBy })
    .onConflict((oc) => oc.columns(['school_id', 'person_id', 'role']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return res !== undefined
}

export interface Invitation {
  personId: string
  email: string
  firstName: string
  language: Language
  role: Role
}

/**
 * Mails each invited person their invitation with a sign-in link: the usual single-use link of
 * 15 minutes, bound to that person, as a part of the same mail (after it, the invitation says
 * how to sign in without it). Inside a moment (`gatherMail`) whatever else is written to the
 * person then joins this one mail, committed with the moment's writes.
 */
export async function sendInvitations(
  deps: PeopleDeps,
  schoolId: string,
  list: Invitation[],
): Promise<void> {
  if (!list.length) return
  await gatherMail(deps, async (d) => {
    const { mailer } = d
    const school = await d.db
      .selectFrom('schools')
      .select('name')
      .where('id', '=', schoolId)
      .executeTakeFirstOrThrow()
    for (const inv of list) {
      const t = translator(inv.language)
      await mailer.send({
        to: inv.email,
        personId: inv.personId,
        subject: t('mail.invite.subject', { school: school.name }),
        text: t('mail.invite.body', {
          name: inv.firstName,
          school: school.name,
          role: t(`role.${inv.role}` as MessageKey),
          url: `${deps.baseUrl}/signin`,
        }),
      })
      await mailer.send(
        await signInLinkMail(d, { id: inv.personId, email: inv.email, language: inv.language }),
      )
    }
  })
}

/**
 * Invites parents and lets the other features follow up (buddies offers a new groep-1 family
 * a buddy), as one moment: each parent gets one mail with all of it.
 */
export async function announceParents(
  deps: PeopleDeps,
  schoolId: string,
  list: Invitation[],
): Promise<void> {
  await gatherMail(deps, async (moment) => {
    await sendInvitations(moment, schoolId, list)
    await moment.events.emit(moment, parentsInvited, {
      schoolId,
      parentIds: list.map((i) => i.personId),
    })
  })
}

export async function inviteStaff(
  deps: PeopleDeps,
  schoolId: string,
  actorId: string | null,
  input: StaffInvite,
) {
  const role = input.role as Role
  // One moment: the invitation and its mail commit together (commit = the mail will go).
  return gatherMail(deps, async (d) => {
    const invitation = await transact(d.db, async (trx) => {
      const person = await ensurePerson(trx, input)
      const added = await addRole(trx, schoolId, person.id, role, actorId)
      if (added) {
        await peopleAudit.record(trx, {
          schoolId,
          actorId,
          action: 'invite.staff',
          subjectId: person.id,
          detail: { role },
        })
      }
      return added
        ? {
            personId: person.id,
            email: input.email,
            firstName: person.first_name,
            language: person.language as Language,
            role,
          }
        : null
    })
    if (invitation) await sendInvitations(d, schoolId, [invitation])
    return invitation !== null
  })
}

export async function changeRole(
  db: Db,
  schoolId: string,
  actorId: string,
  personId: string,
  role: Role,
  op: 'grant' | 'revoke',
) {
  await transact(db, async (trx) => {
    if (op === 'grant') {
      if (await addRole(trx, schoolId, personId, role, actorId)) {
        await peopleAudit.record(trx, {
          schoolId,
          actorId,
          action: 'role.grant',
          subjectId: personId,
          detail: { role },
        })
      }
    } else {
      const res = await trx
        .deleteFrom('memberships')
        .where('school_id', '=', schoolId)
        .where('person_id', '=', personId)
        .where('role', '=', role)
        .executeTakeFirst()
      if (res.numDeletedRows > 0n) {
        await peopleAudit.record(trx, {
          schoolId,
          actorId,
          action: 'role.revoke',
          subjectId: personId,
          detail: { role },
        })
      }
    }
  })
}

export async function assignTeacher(
  db: Db,
  group: GroupResource & { id: string },
  personId: string,
) {
  const teacher = await db
    .selectFrom('memberships')
    .select('person_id')
    .where('school_id', '=', group.schoolId)
    .where('person_id', '=', personId)
    .where('role', '=', 'teacher')
    .executeTakeFirst()
  if (!teacher) throw new NotFound()
  await db
    .insertInto('group_teachers')
    .values({ group_id: group.id, person_id: personId, school_id: group.schoolId })
    .onConflict((oc) => oc.columns(['group_id', 'person_id']).doNothing())
    .execute()
}
