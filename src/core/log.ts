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
    destination ?? stdout(),
  )
}

let shared: pino.DestinationStream | undefined
/**
 * Standard output, written in blocks of up to 4 KB instead of one write per line: the access
 * log is a line per request, and a system call per line cost more than the line itself
 * (docs/decisions/0004). A quiet server's lines are written within a second, and whatever is
 * left is written synchronously when the process exits, also after a fatal error.
 */
function stdout(): pino.DestinationStream {
  if (shared) return shared
  const dest = pino.destination({ dest: 1, sync: false, minLength: 4096 })
  setInterval(() => dest.flush(), 1000).unref()
  process.once('exit', () => dest.flushSync())
  shared = dest
  return dest
}
