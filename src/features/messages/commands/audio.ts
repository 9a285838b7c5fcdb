// A message read aloud in the language its reader sees it in: made once per message and
// language (core/speech.ts) and kept, and made again only when the text or the voice changed
// (a translation came, a template's words were improved).
import { createHash } from 'node:crypto'
import type { Db } from '../../../core/db/index.ts'
import { synthesize, VOICES } from '../../../core/speech.ts'
import { plainText, type RenderedText } from '../render.ts'

/** Bump when core/speech.ts changes how it speaks (speed, bitrate). */
const SPEECH_VERSION = 1

export async function messageAudio(
  db: Db,
  messageId: string,
  shown: RenderedText,
): Promise<Uint8Array> {
  const text = plainText(shown)
  const version = createHash('sha256')
    .update(`${SPEECH_VERSION}\u0000${VOICES[shown.language]}\u0000${text}`)
    .digest('hex')
    .slice(0, 16)
  const kept = await db
    .selectFrom('message_audio')
    .select(['version', 'audio'])
    .where('message_id', '=', messageId)
    .where('language', '=', shown.language)
    .executeTakeFirst()
  if (kept?.version === version) return kept.audio
  const audio = Buffer.from(await synthesize(text, shown.language))
  await db
    .insertInto('message_audio')
    .values({ message_id: messageId, language: shown.language, version, audio })
    .onConflict((oc) => oc.columns(['message_id', 'language']).doUpdateSet({ version, audio }))
    .execute()
  return audio
}
