// Small, named wrappers over node:crypto so every token, hash and code is made one way.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex')

export const hmac = (secret: string, value: string): string =>
  createHmac('sha256', secret).update(value).digest('base64url')

/** Six digits, uniformly random, leading zeros kept. */
export const sixDigitCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0')

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  return ab.length === bb.length && timingSafeEqual(ab, bb)
}
