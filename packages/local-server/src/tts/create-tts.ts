import { resampleSamples } from '@voxd/audio';

import { loadEspeakEngine, MAX_ESPEAK_TEXT_BYTES } from './espeak-engine.js';
import { resolveEspeakVoice } from './resolve-espeak-voice.js';
import { splitSentences } from './split-sentences.js';
import { TtsError } from './tts-error.js';

/** Options of one {@link Tts.synthesize} call. */
export interface SynthesizeOptions {
  /** Output rate of the returned samples. */
  sampleRate: 8000 | 16000 | 24000;
  /**
   * A session voice: an espeak language (`de`, `en-us+f3`), an OpenAI voice name or an Azure voice
   * name (its locale picks the language). Unknown names speak American English.
   * @default 'en-us'
   */
  voice?: string;
}

/** Offline text to speech. */
export interface Tts {
  /**
   * Speaks `text` as mono PCM16 at `options.sampleRate`. The same text and voice always give the
   * same samples. Empty or blank text gives no samples.
   * @throws TtsError `E_TTS_INPUT` for a non-string text or an unsupported rate
   */
  synthesize(text: string, options: SynthesizeOptions): Promise<Int16Array>;
}

const RATES: ReadonlySet<number> = new Set([8000, 16000, 24000]);
// A short pause between sentences, as a speaker would make.
const SENTENCE_GAP_MS = 120;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Creates the offline TTS: eSpeak NG compiled to wasm (no system packages), resampled with Speex.
 * The engine loads on the first call (about 1.5 s) and is shared by every Tts of the process.
 * Synthesis is synchronous wasm, about 30× real time once warm (the first few calls are slower
 * while V8 optimises the wasm); it runs one sentence at a time and yields to the event loop
 * between sentences so sockets and timers are not starved.
 * @throws TtsError `E_TTS_ENGINE` when espeak-ng cannot be loaded
 * @example
 * const tts = await createTts();
 * const samples = await tts.synthesize('Hello there.', { sampleRate: 24000 });
 */
export async function createTts(): Promise<Tts> {
  const engine = await loadEspeakEngine();
  return {
    async synthesize(text, options) {
      if (typeof text !== 'string') {
        throw new TtsError('E_TTS_INPUT', `text must be a string, got ${typeof text}`);
      }
      if (!RATES.has(options.sampleRate)) {
        throw new TtsError(
          'E_TTS_INPUT',
          `sampleRate must be 8000, 16000 or 24000, got ${String(options.sampleRate)}`,
        );
      }
      const voice = resolveEspeakVoice(options.voice, (name) => engine.hasVoice(name));
      const gap = new Int16Array(Math.round((engine.sampleRate * SENTENCE_GAP_MS) / 1000));
      const pieces: Int16Array[] = [];
      // espeak reads C strings: a NUL would silently end the text there. Line breaks stay: they
      // separate sentences.
      const spoken = text.replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : ' '));
      // Room for the voice name, which shares espeak's string buffer.
      for (const sentence of splitSentences(spoken, MAX_ESPEAK_TEXT_BYTES - 64)) {
        if (pieces.length > 0) {
          pieces.push(gap);
          await yieldToEventLoop();
        }
        pieces.push(engine.synthesize(sentence, voice));
      }
      const joined = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const piece of pieces) {
        joined.set(piece, at);
        at += piece.length;
      }
      try {
        return await resampleSamples(joined, {
          fromRate: engine.sampleRate,
          toRate: options.sampleRate,
        });
      } catch (cause) {
        throw new TtsError('E_TTS_ENGINE', 'resampling the speech failed', { cause });
      }
    },
  };
}
