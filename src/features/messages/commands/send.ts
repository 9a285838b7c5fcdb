// Sending a message: the message, its audience and one row per recipient, in one transaction.
// The recipients are chosen by one INSERT … SELECT in the database (the guardians of the
// children in scope, each once, with their language and when their mail may go), so a
// municipal announcement to 50,000 families never passes through this process's memory. The
// mails themselves go out with the delivery upkeep (deliver.ts), after the quiet hours.
import { sql } from 'kysely'
import type { Db } from '../../../core/db/index.ts'
import type { MessageAudience } from '../../../core/db/schema.ts'
import { transact } from '../../../core/db/transact.ts'
import { audienceFrom } from '../audience.ts'
import { messageAudit } from '../audit.ts'
import { dueAt } from '../delivery.ts'

export interface NewMessage {
  audience: MessageAudience
  groupIds: readonly string[]
  childIds: readonly string[]
  /** A template of templates.ts, or null for free text. */
  templateKey: string | null
  /** Dutch, as the writer saw it on the preview. */
  subject: string
  body: string
  params: Readonly<Record<string, string>>
  urgent: boolean
}

export async function sendMessage(
  db: Db,
  schoolId: string,
  authorId: string,
  input: NewMessage,
  now = new Date(),
): Promise<{ id: string; recipients: number }> {
  const each = dueAt(now, { urgent: input.urgent, digest: false })
  const digest = dueAt(now, { urgent: input.urgent, digest: true })
  return transact(db, async (trx) => {
    const { id } = await trx
      .insertInto('messages')
      .values({
        school_id: schoolId,
        author_id: authorId,
        audience: input.audience,
        template_key: input.templateKey,
        subject: input.subject,
        body: input.body,
        params: JSON.stringify(input.params),
        urgent: input.urgent,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (input.audience === 'groups' && input.groupIds.length)
      await trx
        .insertInto('message_groups')
        .values(input.groupIds.map((group_id) => ({ message_id: id, group_id })))
        .execute()
    if (input.audience === 'families' && input.childIds.length)
      await trx
        .insertInto('message_children')
        .values(input.childIds.map((child_id) => ({ message_id: id, child_id })))
        .execute()
    const inserted = await sql<{ n: number }>`
      with added as (
        insert into message_recipients (message_id, person_id, school_id, language, due_at)
        select distinct on (g.person_id) ${id}::uuid, g.person_id, ${schoolId}::uuid, p.language,
          case when p.message_digest then ${digest}::timestamptz else ${each}::timestamptz end
        ${audienceFrom({ schoolId, ...input })}
        order by g.person_id
        returning 1
      )
      select count(*)::int as n from added`.execute(trx)
    const recipients = inserted.rows[0]?.n ?? 0
    await trx.updateTable('messages').set({ recipients }).where('id', '=', id).execute()
    await messageAudit.record(trx, {
      schoolId,
      actorId: authorId,
      action: 'message.send',
      subjectId: id,
      detail: {
        audience: input.audience,
        template: input.templateKey,
        recipients,
        urgent: input.urgent,
      },
    })
    return { id, recipients }
  })
}

/** A person's own choice: every message in its own mail, or one mail a day. */
export async function setDigest(
  db: Db,
  schoolId: string | null,
  personId: string,
  digest: boolean,
): Promise<void> {
  await transact(db, async (trx) => {
    await trx
      .updateTable('people')
      .set({ message_digest: digest })
      .where('id', '=', personId)
      .execute()
    await messageAudit.record(trx, {
      schoolId,
      actorId: personId,
      action: 'message.settings',
      subjectId: personId,
      detail: { digest },
    })
  })
}
