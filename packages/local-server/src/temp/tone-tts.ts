// TEMPORARY: stands in for src/tts (the other engineer's offline TTS) until it lands; deleted then.
export interface Tts {
  synthesize(
    text: string,
    options: { sampleRate: 8000 | 16000 | 24000; voice?: string },
  ): Promise<Int16Array>;
}

export function createTts(): Promise<Tts> {
  return Promise.resolve({
    synthesize(text, options) {
      const seconds = Math.min(10, Math.max(0.3, text.length * 0.06));
      const length = Math.round(seconds * options.sampleRate);
      const out = new Int16Array(length);
      for (let i = 0; i < length; i++) {
        out[i] = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / options.sampleRate));
      }
      return Promise.resolve(out);
    },
  });
}
