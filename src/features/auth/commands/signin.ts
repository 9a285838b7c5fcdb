// Password-less sign-in: a single-use link and a 6-digit code, mailed together. Both are
// stored only as hashes, expire after 15 minutes, and the newest request voids older ones.
// An invitation carries the same kind of link (without a code). Nothing here reveals whether
// an address belongs to anyone.
import { sql } from 'kysely'
import type { Background } from '../../../core/background.ts'
import { hmac, randomToken, safeEqual, sha256, sixDigitCode } from '../../../core/crypto.ts'
import type { Db } from '../../../core/db/index.ts'
import type { Language } from '../../../core/db/schema.ts'
import { transact } from '../../../core/db/transact.ts'
import { translator } from '../../../core/i18n/index.ts'
import { gatherMail, type Mail, type Mailer } from '../../../core/mail.ts'
import { clearEvents, countEvents, type Limit, takeToken } from '../../../core/rate-limit.ts'
import { createSession } from '../../../core/session.ts'
import { type Persona, personaEmail } from '../../../demo/personas.ts'
import { findAccount } from '../../people/index.ts'
import { authAudit } from '../audit.ts'

export const TOKEN_MINUTES = 15
export const MAX_CODE_ATTEMPTS = 5
export const LIMITS = {
  perAddress: { max: 5, windowSeconds: 15 * 60 } satisfies Limit,
  perClient: { max: 30, windowSeconds: 15 * 60 } satisfies Limit,
}

export interface AuthDeps {
  db: Db
  secret: string
  mailer: Mailer
  baseUrl: string
  background: Background
}

export type RequestOutcome = 'sent' | 'limited'

const codeHash = (secret: string, tokenId: string, code: string) =>
  hmac(secret, `code:${tokenId}:${code}`)

/** A link-only token's code: no typed code matches it (a code's HMAC is hex). */
const NO_CODE = 'none'

/**
 * Wrong codes typed for an address since its last sign-in mail, counted per address whether
 * or not anyone has it, so that "tries left" tells nothing about who has an account.
 */
const wrongCodes = (email: string) => `code:wrong:${email}`
const CODE_WINDOW_SECONDS = TOKEN_MINUTES * 60

/** The page of a mailed link, going on to `next` after signing in. */
const linkUrl = (baseUrl: string, link: string, next = '/home') =>
  `${baseUrl}/signin/verify?token=${link}${next !== '/home' ? `&next=${encodeURIComponent(next)}` : ''}`

/**
 * Stores a new token. With a code, it is a requested sign-in, and it voids the person's older
 * tokens; a link on its own (an invitation's) voids nothing.
 */
async function storeToken(
  db: Db,
  personId: string,
  link: string,
  code: { secret: string; code: string } | null,
): Promise<void> {
  await transact(db, async (trx) => {
    if (code) {
      await trx
        .updateTable('signin_tokens')
        .set({ used_at: sql<Date>`now()` })
        .where('person_id', '=', personId)
        .where('used_at', 'is', null)
        .execute()
    }
    const row = await trx
      .insertInto('signin_tokens')
      .values({
        person_id: personId,
        link_hash: sha256(link),
        code_hash: code ? 'pending' : NO_CODE,
        expires_at: sql<Date>`now() + make_interval(mins => ${TOKEN_MINUTES})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (code) {
      await trx
        .updateTable('signin_tokens')
        .set({ code_hash: codeHash(code.secret, row.id, code.code) })
        .where('id', '=', row.id)
        .execute()
    }
  })
}

/**
 * Mails a link and code when the address is known. The outcome is the same for known and
 * unknown addresses; only the rate limits (applied to both alike) can say 'limited'.
 */
export async function requestSignIn(
  deps: AuthDeps,
  email: string,
  client: string,
  next: string,
  pageLanguage: Language,
): Promise<RequestOutcome> {
  const { db } = deps
  const okClient = await takeToken(db, `signin:client:${client}`, LIMITS.perClient)
  const okAddress = await takeToken(db, `signin:address:${email}`, LIMITS.perAddress)
  if (!okClient || !okAddress) return 'limited'
  // A new mail gives new tries, for every address alike.
  await clearEvents(db, wrongCodes(email))
  const person = await findAccount(db, email)
  // The link is made and mailed after the answer, so that a known address takes no longer
  // to answer than an unknown one: the time would tell who has an account.
  if (person) deps.background.run('signin.mail', () => mailSignIn(deps, person, next, pageLanguage))
  return 'sent'
}

async function mailSignIn(
  deps: AuthDeps,
  person: NonNullable<Awaited<ReturnType<typeof findAccount>>>,
  next: string,
  pageLanguage: Language,
): Promise<void> {
  // The code and its mail commit together: a stored code always has its mail on the way.
  await gatherMail(deps, async (d) => {
    const link = randomToken()
    const code = sixDigitCode()
    await storeToken(d.db, person.id, link, { secret: d.secret, code })
    const t = translator(person.language ?? pageLanguage)
    const url = linkUrl(d.baseUrl, link, next)
    await d.mailer.send({
      to: person.email,
      personId: person.id,
      subject: t('mail.signin.subject'),
      text: t('mail.signin.body', { name: person.first_name, url, code, minutes: TOKEN_MINUTES }),
      // A sign-in link is a credential: no admin reads it in the outbox.
      confidential: true,
      // Nor is it sent, or kept, after it has expired.
      validUntil: new Date(Date.now() + TOKEN_MINUTES * 60_000),
    })
  })
}

/**
 * A sign-in link for a mail another feature writes (an invitation), as a part of that mail:
 * the same single-use link as a requested sign-in, for the same 15 minutes, bound to this one
 * person. It has no code (a code is typed only after asking for one at /signin) and voids no
 * other link. Confidential like every sign-in mail: no admin reads it in the outbox.
 */
export async function signInLinkMail(
  deps: { db: Db; baseUrl: string },
  person: { id: string; email: string; language: Language },
): Promise<Mail> {
  const link = randomToken()
  await storeToken(deps.db, person.id, link, null)
  const t = translator(person.language)
  return {
    to: person.email,
    personId: person.id,
    subject: t('mail.signin.subject'),
    text: t('mail.signin.linkBody', { url: linkUrl(deps.baseUrl, link), minutes: TOKEN_MINUTES }),
    confidential: true,
    // Past its time the part drops out of a mail that waited; the rest still goes.
    validUntil: new Date(Date.now() + TOKEN_MINUTES * 60_000),
  }
}

export type VerifyOutcome = { ok: true; sessionToken: string } | { ok: false }

/** Opens a session for a person whose address just proved itself (a link, a code). */
export async function startSession(db: Db, personId: string): Promise<string> {
  const token = await createSession(db, personId)
  await db
    .updateTable('people')
    .set({ last_signin_at: sql<Date>`now()` })
    .where('id', '=', personId)
    .execute()
  const membership = await db
    .selectFrom('memberships')
    .select('school_id')
    .where('person_id', '=', personId)
    .execute()
  for (const schoolId of new Set(membership.map((m) => m.school_id))) {
    await authAudit.record(db, { schoolId, actorId: personId, action: 'signin' })
  }
  return token
}

/** Consumes a mailed link. Single use: a second click finds it used. */
export async function verifyLink(deps: AuthDeps, link: string): Promise<VerifyOutcome> {
  const used = await deps.db
    .updateTable('signin_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('link_hash', '=', sha256(link))
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('person_id')
    .executeTakeFirst()
  if (!used) return { ok: false }
  return { ok: true, sessionToken: await startSession(deps.db, used.person_id) }
}

/**
 * Checks a typed code against the address's newest live token. Five wrong tries since the last
 * sign-in mail void it; a wrong try says how many are left, counted the same for an address
 * nobody has, so the answer tells nothing about who has an account.
 */
export async function verifyCode(
  deps: AuthDeps,
  email: string,
  code: string,
  client: string,
): Promise<
  | { ok: true; sessionToken: string }
  | { ok: false; triesLeft: number }
  | { ok: false; limited: true }
> {
  const { db } = deps
  if (!(await takeToken(db, `code:client:${client}`, LIMITS.perClient))) {
    return { ok: false, limited: true }
  }
  const tried = await countEvents(db, wrongCodes(email), CODE_WINDOW_SECONDS)
  if (tried >= MAX_CODE_ATTEMPTS) return { ok: false, triesLeft: 0 }
  const wrong = async () => {
    await takeToken(db, wrongCodes(email), {
      max: MAX_CODE_ATTEMPTS,
      windowSeconds: CODE_WINDOW_SECONDS,
    })
    return { ok: false as const, triesLeft: MAX_CODE_ATTEMPTS - tried - 1 }
  }
  const person = await findAccount(db, email)
  if (!person) return wrong()
  const token = await db
    .selectFrom('signin_tokens')
    .select(['id', 'code_hash'])
    .where('person_id', '=', person.id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .where('code_hash', '!=', NO_CODE)
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
  if (!token) return wrong()
  // Each try is reserved on the token before the code is compared, in one conditional update:
  // guesses sent side by side cannot all see "no tries yet" (the row lock orders them).
  const reserved = await db
    .updateTable('signin_tokens')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', token.id)
    .where('attempts', '<', MAX_CODE_ATTEMPTS)
    .returning('attempts')
    .executeTakeFirst()
  if (!reserved || !safeEqual(token.code_hash, codeHash(deps.secret, token.id, code))) {
    return wrong()
  }
  const claimed = await db
    .updateTable('signin_tokens')
    .set({ used_at: sql<Date>`now()` })
    .where('id', '=', token.id)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (!claimed) return wrong()
  await clearEvents(db, wrongCodes(email))
  return { ok: true, sessionToken: await startSession(db, person.id) }
}

/** Demo mode only (the route checks): signs in as the persona's demo person. */
export async function demoSignIn(db: Db, persona: Persona): Promise<VerifyOutcome> {
  const person = await findAccount(db, personaEmail(persona))
  if (!person) return { ok: false }
  return { ok: true, sessionToken: await startSession(db, person.id) }
}

/** The language a signed-in person picks in the header's picker, kept on their profile. */
export async function setLanguage(db: Db, personId: string, language: Language): Promise<void> {
  await db.updateTable('people').set({ language }).where('id', '=', personId).execute()
}
