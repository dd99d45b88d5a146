import { createResampler, decodeToSamples, durationMs } from '@voxd/audio';
import type { AudioFormat, AudioFrame, Resampler } from '@voxd/audio';

/** @internal */
export interface InputTrackOptions {
  /** The recording's format: input is decoded, and resampled to its rate. */
  readonly format: AudioFormat;
  /** Receives the user's audio as linear samples at the recording's rate, in order. */
  readonly place: (samples: Int16Array, atMs: number) => void;
  /** Called when resampling fails (the WASM module did not load). */
  readonly onError: (error: unknown) => void;
}

/**
 * Brings user frames of any supported format to the recording's format, in order. Frames at the
 * recording's rate pass straight through; others go through a streaming resampler, which is
 * created asynchronously on first use, so frames are queued until it is ready.
 * @internal
 */
export interface InputTrack {
  /** Adds a frame that started playing at scheduler time `atMs`. */
  record(frame: AudioFrame, atMs: number): void;
  /** Places the resampler's tail, after every queued frame, and frees it. */
  finish(): Promise<void>;
}

/** @internal */
export function createInputTrack(options: InputTrackOptions): InputTrack {
  const { format } = options;
  let resampler: Promise<Resampler> | undefined;
  let resamplerRate: number | undefined;
  // Chains frame processing so resampled frames keep their order behind the resampler's creation.
  let chain: Promise<void> = Promise.resolve();
  let lastEndMs = 0;
  // Per resampler: input ms given minus output ms received, i.e. the audio it still holds.
  const delays = new Map<Promise<Resampler>, number>();
  const msOf = (sampleCount: number): number => (sampleCount * 1000) / format.sampleRate;

  const run = (work: () => void | Promise<void>): void => {
    chain = chain.then(work).catch(options.onError);
  };

  return {
    record(frame, atMs) {
      const samples = decodeToSamples(frame.data, frame.format.encoding);
      const previousEndMs = lastEndMs;
      lastEndMs = atMs + durationMs(frame.format, frame.data.length);
      if (frame.format.sampleRate === format.sampleRate && resampler === undefined) {
        options.place(samples, atMs);
        return;
      }
      if (resamplerRate !== frame.format.sampleRate) {
        const previous = resampler;
        resamplerRate = frame.format.sampleRate;
        resampler = createResampler({
          fromRate: frame.format.sampleRate,
          toRate: format.sampleRate,
        });
        if (previous !== undefined) run(async () => flushInto(await previous, previousEndMs));
      }
      const current = resampler;
      const frameMs = durationMs(frame.format, frame.data.length);
      run(async () => {
        if (current === undefined) return;
        const out = (await current).process(samples);
        // The resampler holds back its filter delay: this output ends that long before the
        // frame's end, so it is placed there, not at the frame's start (else the user's audio
        // drifts late by the delay and the tail overlaps the next sound).
        const delayMs = delays.get(current) ?? 0;
        const nextDelayMs = delayMs + frameMs - msOf(out.length);
        delays.set(current, nextDelayMs);
        options.place(out, atMs + frameMs - nextDelayMs - msOf(out.length));
      });
    },
    async finish() {
      const last = resampler;
      resampler = undefined;
      const endMs = lastEndMs;
      if (last !== undefined) run(async () => flushInto(await last, endMs));
      await chain;
    },
  };

  /** Places the held-back tail so that it ends where the input ended (`endMs`). */
  function flushInto(done: Resampler, endMs: number): void {
    const tail = done.flush();
    done.dispose();
    if (tail.length > 0) options.place(tail, endMs - msOf(tail.length));
  }
}
