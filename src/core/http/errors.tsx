/** @jsxImportSource hono/jsx */
// The one error handler: a friendly page in the user's language, a log line with the
// request id, never a stack trace or a database message in the response.
import type { ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { DomainError } from '../errors.ts'
import type { MessageKey } from '../i18n/index.ts'
import type { AppEnv, Ctx } from './context.ts'
import { page } from './render.tsx'
import { SignInRequired } from './router.ts'

type Status = 400 | 403 | 404 | 413 | 429 | 500

/**
 * What to do next, by status: only a 500 says it is not their fault. A 400 says what to
 * check, a 403 that the page is for someone else, a 404 that it was not found.
 */
const HELP: Record<Status, MessageKey> = {
  400: 'error.help400',
  403: 'error.help403',
  404: 'error.help404',
  413: 'error.help413',
  429: 'error.help429',
  500: 'error.help',
}

function errorPage(c: Ctx, status: Status, key: MessageKey) {
  const t = c.get('t')
  return page(c, {
    title: t(key),
    status,
    body: (
      <section>
        <h1>{t(key)}</h1>
        <p>{t(HELP[status])}</p>
        {status === 500 ? (
          <p class="muted">{t('error.reference', { id: c.get('requestId') })}</p>
        ) : null}
        <p>
          <a href="/">{t('error.back')}</a>
        </p>
      </section>
    ),
  })
}

export const onError: ErrorHandler<AppEnv> = async (err, c) => {
  if (err instanceof SignInRequired) {
    const next = encodeURIComponent(c.req.path)
    return c.redirect(`/signin?next=${next}`, 303)
  }
  if (err instanceof DomainError) {
    return errorPage(c, err.status === 409 ? 400 : err.status, err.messageKey)
  }
  if (err instanceof HTTPException && err.status === 413) {
    // The rest of the body is not read: the connection cannot carry another request, so say
    // so rather than promise keep-alive and then close it.
    const res = await errorPage(c, 413, 'error.tooLarge')
    res.headers.set('Connection', 'close')
    return res
  }
  if (err instanceof HTTPException && err.status < 500) {
    return errorPage(c, 400, 'error.badRequest')
  }
  // Only the error's type, database code and stack frames: a message may quote user input.
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .slice(0, 8)
  c.get('deps')?.log.error(
    { req: c.get('requestId'), type: err.name, errorCode: (err as { code?: string }).code, frames },
    'unhandled error',
  )
  return errorPage(c, 500, 'error.server')
}

export const onNotFound: NotFoundHandler<AppEnv> = (c) => errorPage(c, 404, 'error.notFound')
