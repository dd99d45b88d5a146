import { createLinearResampler } from '@voxd/audio';
import type { LinearResampler } from '@voxd/audio';

import type { Vad, VadEngine, VadEvent } from '../engines.js';
import { createVad } from '../engines.js';

const VAD_RATE = 16000;
/** With VAD on and no speech, older audio can never be part of a turn: keep this much only. */
const IDLE_KEEP_MS = 10_000;

/** Settings of `session.turn_detection` the detector needs. */
export interface VadSettings {
  readonly engine?: VadEngine;
  readonly type: string;
  readonly threshold: number;
  readonly prefixPaddingMs: number;
  readonly silenceDurationMs: number;
  readonly speechDurationMs?: number;
}

/** A VAD event with times on the session's cumulative input timeline. */
export type TimelineEvent =
  | { readonly type: 'speech_started'; readonly audioStartMs: number }
  | { readonly type: 'speech_stopped'; readonly audioEndMs: number; readonly audioStartMs: number };

/**
 * The session's input audio buffer: decoded samples since the last commit, the cumulative input
 * timeline, and the VAD fed with the same audio at 16 kHz.
 */
export interface InputBuffer {
  /** Appends decoded samples at `sampleRate`; returns the VAD events they caused, in order. */
  append(samples: Int16Array): TimelineEvent[];
  /** Takes the whole buffer (a manual commit). */
  takeAll(): Int16Array;
  /** Takes [startMs, endMs) of the timeline; keeps later audio for the next turn. */
  takeRange(startMs: number, endMs: number): Int16Array;
  clear(): void;
  readonly bufferedSamples: number;
  readonly sampleRate: number;
  readonly inSpeech: boolean;
  /** Switches input rate or VAD settings (`undefined`: VAD off); the buffer is emptied on a rate change. */
  configure(sampleRate: number, vad: VadSettings | undefined): void;
}

export function createInputBuffer(
  sampleRate: number,
  vadSettings: VadSettings | undefined,
): InputBuffer {
  let rate = sampleRate;
  let chunks: Int16Array[] = [];
  let buffered = 0;
  /** Timeline position (ms) of the first buffered sample. */
  let bufferStartMs = 0;
  /** Samples appended since the session began, at the current rate's timeline. */
  let timelineMs = 0;
  let vad: Vad | undefined;
  let vadOriginMs = 0;
  let resampler: LinearResampler = createLinearResampler(rate, VAD_RATE, { reuseOutput: true });
  let settings = vadSettings;
  let speechStartMs: number | undefined;

  const startVad = (): void => {
    vad = settings === undefined ? undefined : createVad({ ...settings, sampleRate: VAD_RATE });
    vadOriginMs = timelineMs;
    resampler = createLinearResampler(rate, VAD_RATE, { reuseOutput: true });
    speechStartMs = undefined;
  };
  startVad();

  const flatten = (): Int16Array => {
    if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
    const all = copyRange(0, buffered);
    chunks = [all];
    return all;
  };
  // Turns are cut out of the chunks as they came: only the turn is copied, and the audio after it
  // stays as views of its chunks (a whole-buffer copy per turn was a fifth of the server's GC).
  const copyRange = (from: number, to: number): Int16Array => {
    // Every sample is overwritten below: no need for zeroed memory, which costs as much as the copy.
    const out = new Int16Array(Buffer.allocUnsafeSlow((to - from) * 2).buffer, 0, to - from);
    let start = 0;
    for (const chunk of chunks) {
      const end = start + chunk.length;
      if (end > from && start < to) {
        const part = chunk.subarray(Math.max(0, from - start), Math.min(chunk.length, to - start));
        out.set(part, Math.max(0, start - from));
      }
      if (end >= to) break;
      start = end;
    }
    return out;
  };
  const dropSamples = (count: number): void => {
    let left = count;
    let index = 0;
    while (index < chunks.length && left > 0) {
      const chunk = chunks[index] as Int16Array;
      if (chunk.length > left) {
        chunks[index] = chunk.subarray(left);
        left = 0;
        break;
      }
      left -= chunk.length;
      index++;
    }
    if (index > 0) chunks = chunks.slice(index);
    buffered -= count;
    bufferStartMs += (count * 1000) / rate;
  };
  const dropBefore = (ms: number): void => {
    const drop = Math.min(buffered, Math.max(0, Math.floor(((ms - bufferStartMs) * rate) / 1000)));
    if (drop > 0) dropSamples(drop);
  };

  const toTimeline = (event: VadEvent): TimelineEvent => {
    if (event.type === 'speech_started') {
      speechStartMs = Math.max(0, vadOriginMs + event.audioStartMs);
      return { type: 'speech_started', audioStartMs: Math.round(speechStartMs) };
    }
    const startMs = speechStartMs ?? bufferStartMs;
    speechStartMs = undefined;
    return {
      type: 'speech_stopped',
      audioEndMs: Math.round(vadOriginMs + event.audioEndMs),
      audioStartMs: Math.round(startMs),
    };
  };

  return {
    append(samples) {
      if (samples.length === 0) return [];
      chunks.push(samples);
      buffered += samples.length;
      timelineMs += (samples.length * 1000) / rate;
      if (vad === undefined) return [];
      const events = vad.process(resampler.push(samples)).map(toTimeline);
      if (speechStartMs === undefined && timelineMs - bufferStartMs > IDLE_KEEP_MS * 1.5)
        dropBefore(timelineMs - IDLE_KEEP_MS);
      return events;
    },
    takeAll() {
      const all = flatten();
      chunks = [];
      buffered = 0;
      bufferStartMs = timelineMs;
      return all;
    },
    takeRange(startMs, endMs) {
      const from = Math.min(
        buffered,
        Math.max(0, Math.floor(((startMs - bufferStartMs) * rate) / 1000)),
      );
      const to = Math.min(
        buffered,
        Math.max(from, Math.floor(((endMs - bufferStartMs) * rate) / 1000)),
      );
      const turn = copyRange(from, to);
      dropSamples(to);
      return turn;
    },
    clear() {
      chunks = [];
      buffered = 0;
      bufferStartMs = timelineMs;
    },
    get bufferedSamples() {
      return buffered;
    },
    get sampleRate() {
      return rate;
    },
    get inSpeech() {
      return speechStartMs !== undefined;
    },
    configure(newRate, newVad) {
      const rateChanged = newRate !== rate;
      const vadChanged = JSON.stringify(newVad) !== JSON.stringify(settings);
      if (rateChanged) {
        rate = newRate;
        chunks = [];
        buffered = 0;
        bufferStartMs = timelineMs;
      }
      settings = newVad;
      if (rateChanged || vadChanged) startVad();
    },
  };
}
