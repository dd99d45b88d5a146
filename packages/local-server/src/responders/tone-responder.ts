import type { Responder } from './responder.js';

const FREQUENCIES_HZ = [330, 440, 550, 660];
const TONE_MS = 1000;
const AMPLITUDE = 0.3 * 32767;

// One tone per (rate, frequency), shared by every session: concurrent sessions stay cheap.
const cache = new Map<string, Int16Array>();

function sine(sampleRate: number, frequencyHz: number): Int16Array {
  const key = `${sampleRate}:${frequencyHz}`;
  let samples = cache.get(key);
  if (samples === undefined) {
    samples = new Int16Array(Math.round((sampleRate * TONE_MS) / 1000));
    for (let i = 0; i < samples.length; i++) {
      samples[i] = Math.round(AMPLITUDE * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate));
    }
    cache.set(key, samples);
  }
  return samples;
}

/** Answers every turn with a one-second sine tone; the frequency is a seeded choice. */
export function createToneResponder(): Responder {
  return {
    kind: 'tone',
    respond(turn) {
      const frequencyHz = FREQUENCIES_HZ[turn.rng.int(FREQUENCIES_HZ.length)] ?? 440;
      return Promise.resolve({
        kind: 'say',
        text: `A ${frequencyHz} hertz test tone.`,
        audio: sine(turn.outputSampleRate, frequencyHz),
      });
    },
  };
}
