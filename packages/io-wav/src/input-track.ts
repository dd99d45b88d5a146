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

  const run = (work: () => void | Promise<void>): void => {
    chain = chain.then(work).catch(options.onError);
  };

  return {
    record(frame, atMs) {
      const samples = decodeToSamples(frame.data, frame.format.encoding);
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
        if (previous !== undefined) run(async () => flushInto(await previous, lastEndMs));
      }
      const current = resampler;
      run(async () => {
        if (current === undefined) return;
        options.place((await current).process(samples), atMs);
      });
    },
    async finish() {
      const last = resampler;
      resampler = undefined;
      if (last !== undefined) run(async () => flushInto(await last, lastEndMs));
      await chain;
    },
  };

  function flushInto(done: Resampler, atMs: number): void {
    const tail = done.flush();
    done.dispose();
    if (tail.length > 0) options.place(tail, atMs);
  }
}
