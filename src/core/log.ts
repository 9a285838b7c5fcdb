// One pino logger. Log lines carry ids, codes and timings: never names, e-mail addresses,
// tokens or free text typed by a user (the redact list is the safety net, not the plan).
import pino, { type Logger } from 'pino'

export type { Logger }

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['email', '*.email', 'name', '*.name', 'token', 'code', 'to'],
        censor: '[redacted]',
      },
    },
    destination,
  )
}
