// Read-aloud, offline: eSpeak NG (compiled to WebAssembly, the `espeak-ng` package) speaks a
// text in a language's voice to WAV, and LAME (the `wasm-media-encoders` package) makes it a
// small MP3 that every phone plays. No text leaves the server. eSpeak NG is GPL-3.0: it runs
// as its own WebAssembly program with its own memory, called with arguments and standard
// input, as one would run the espeak-ng binary (docs/decisions/0007-messages.md).
//
// Each call starts a fresh instance of the program (its main() runs once) from one compiled
// module, so a call costs its synthesis (≈ 0.3–1 s a paragraph) and no state leaks between
// calls. Calls run one at a time: a school's audio is made once per message and language and
// kept (features/messages/commands/audio.ts), so a queue is cheaper than parallel instances.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Language } from './db/schema.ts'

const require = createRequire(import.meta.url)

/** eSpeak NG's voice for each language we speak. */
export const VOICES: Readonly<Record<Language, string>> = {
  nl: 'nl',
  en: 'en',
  fr: 'fr',
  ar: 'ar',
  tr: 'tr',
  pl: 'pl',
  uk: 'uk',
}

export const hasVoice = (lang: Language): boolean => VOICES[lang] !== undefined

/** Words a minute: a little slower than eSpeak's 175, for listeners learning the language. */
const SPEED = 150
/** The longest text read aloud, in characters (a message's text is at most 4,000). */
const MAX_TEXT = 6000
/** Speech at 22,050 Hz mono needs no more than this for clear words and a small file. */
const MP3_KBPS = 32

interface ESpeakInstance {
  FS: { readFile(path: string): Uint8Array }
}
type ESpeakFactory = (opts: Record<string, unknown>) => Promise<ESpeakInstance>

let compiled: Promise<{ factory: ESpeakFactory; module: WebAssembly.Module }> | null = null

function program() {
  compiled ??= (async () => {
    const entry = require.resolve('espeak-ng')
    const [{ default: factory }, module] = await Promise.all([
      import('espeak-ng') as Promise<{ default: ESpeakFactory }>,
      WebAssembly.compile(readFileSync(entry.replace(/espeak-ng\.js$/, 'espeak-ng.wasm'))),
    ])
    return { factory, module }
  })()
  return compiled
}

/** Runs espeak-ng once: the text on standard input, a WAV file out. */
async function espeak(text: string, voice: string): Promise<Uint8Array> {
  const { factory, module } = await program()
  const input = Buffer.from(text, 'utf8')
  let at = 0
  const errors: string[] = []
  const instance = await factory({
    arguments: ['-b', '1', '-s', String(SPEED), '-v', voice, '-w', '/tmp/speech.wav', '--stdin'],
    stdin: () => (at < input.length ? (input[at++] as number) : null),
    print: () => {},
    printErr: (line: string) => errors.push(line),
    instantiateWasm: (
      imports: WebAssembly.Imports,
      done: (i: WebAssembly.Instance, m: WebAssembly.Module) => void,
    ) => {
      void WebAssembly.instantiate(module, imports).then((i) => done(i, module))
      return {}
    },
  })
  try {
    return instance.FS.readFile('/tmp/speech.wav')
  } catch {
    throw new Error(`espeak-ng made no audio (voice ${voice}): ${errors.join(' ').slice(0, 200)}`)
  }
}

/** The samples of a 16-bit mono PCM WAV, as floats, with its sample rate. */
export function wavSamples(wav: Uint8Array): { rate: number; samples: Float32Array } {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength)
  const tag = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4))
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file')
  let rate = 22050
  let at = 12
  while (at + 8 <= wav.length) {
    const id = tag(at)
    const size = view.getUint32(at + 4, true)
    if (id === 'fmt ') rate = view.getUint32(at + 12, true)
    if (id === 'data') {
      // eSpeak streams its WAV and may leave the size unset: take what is there.
      const end = Math.min(wav.length, at + 8 + (size > 0 ? size : wav.length))
      const count = Math.floor((end - at - 8) / 2)
      const samples = new Float32Array(count)
      for (let i = 0; i < count; i++) samples[i] = view.getInt16(at + 8 + 2 * i, true) / 32768
      return { rate, samples }
    }
    at += 8 + size + (size % 2)
  }
  throw new Error('WAV file without data')
}

async function mp3(rate: number, samples: Float32Array): Promise<Uint8Array> {
  const { createMp3Encoder } = await import('wasm-media-encoders')
  const encoder = await createMp3Encoder()
  encoder.configure({ sampleRate: rate, channels: 1, bitrate: MP3_KBPS })
  const chunks: Uint8Array[] = []
  const CHUNK = 1152 * 64
  for (let i = 0; i < samples.length; i += CHUNK)
    chunks.push(encoder.encode([samples.subarray(i, i + CHUNK)]).slice())
  chunks.push(encoder.finalize().slice())
  return Buffer.concat(chunks)
}

let queue: Promise<unknown> = Promise.resolve()

/** The text spoken in the language's voice, as MP3. One call at a time, in order. */
export function synthesize(text: string, lang: Language): Promise<Uint8Array> {
  const voice = VOICES[lang]
  const run = async () => {
    const wav = await espeak(text.slice(0, MAX_TEXT), voice)
    const { rate, samples } = wavSamples(wav)
    return mp3(rate, samples)
  }
  const result = queue.then(run, run)
  queue = result.catch(() => undefined)
  return result
}
