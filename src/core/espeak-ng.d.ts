// eSpeak NG compiled to WebAssembly ships no types; core/speech.ts names what it uses.
declare module 'espeak-ng'
