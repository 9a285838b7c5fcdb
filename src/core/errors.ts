// Typed domain errors. Services throw them; the one error handler (http/errors.tsx) turns
// them into a friendly page in the user's language. Nothing else renders an error.
import type { MessageKey } from './i18n/index.ts'

export class DomainError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 429,
    readonly messageKey: MessageKey,
  ) {
    super(messageKey)
  }
}

export class NotFound extends DomainError {
  constructor() {
    super(404, 'error.notFound')
  }
}

export class Forbidden extends DomainError {
  constructor(key: MessageKey = 'error.forbidden') {
    super(403, key)
  }
}

export class TooMany extends DomainError {
  constructor() {
    super(429, 'error.tooMany')
  }
}
