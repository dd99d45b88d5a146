import { createTts } from './engines.js';
import type { Tts } from './engines.js';
import { resampleClip } from './responders/resample-clip.js';

/** Speaks text with the offline TTS, at any output rate. */
export type Speak = (
  text: string,
  options: { readonly sampleRate: number; readonly voice?: string },
) => Promise<Int16Array>;

const TTS_RATES = new Set([8000, 16000, 24000]);
const CACHE_ENTRIES = 128;

/**
 * The server's one speaker. The TTS is deterministic, and many sessions say the same sentences
 * ("I heard you speak for 1.8 seconds."), so recent results are kept: a repeat costs nothing, and
 * the same samples array lets the audio deltas be encoded once for every session that plays it.
 */
export function createSpeaker(): { readonly speak: Speak; readonly warmUp: () => Promise<void> } {
  let tts: Promise<Tts> | undefined;
  const cache = new Map<string, Promise<Int16Array>>();
  const engine = (): Promise<Tts> => (tts ??= createTts());
  const synthesize = async (
    text: string,
    sampleRate: number,
    voice: string | undefined,
  ): Promise<Int16Array> => {
    const rate = TTS_RATES.has(sampleRate) ? (sampleRate as 8000 | 16000 | 24000) : 24000;
    const samples = await (
      await engine()
    ).synthesize(text, { sampleRate: rate, ...(voice === undefined ? {} : { voice }) });
    return rate === sampleRate ? samples : resampleClip(samples, rate, sampleRate);
  };
  return {
    speak: (text, options) => {
      const key = `${options.sampleRate}\u0000${options.voice ?? ''}\u0000${text}`;
      let result = cache.get(key);
      if (result === undefined) {
        result = synthesize(text, options.sampleRate, options.voice);
        // A failed synthesis is not remembered: the next response tries again.
        result.catch(() => cache.delete(key));
        if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value ?? '');
      } else cache.delete(key);
      cache.set(key, result);
      return result;
    },
    warmUp: async () => {
      await engine();
    },
  };
}
