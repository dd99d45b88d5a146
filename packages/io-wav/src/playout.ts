import { byteLengthForMs, durationMs, sameFormat } from '@voxd/audio';
import type { AudioFormat, AudioFrame } from '@voxd/audio';
import type { PlaybackProgress } from '@voxd/core';
import { Observable } from 'rxjs';
import type { SchedulerLike, Subscription } from 'rxjs';

import { WavIoError } from './wav-io-error.js';

/** Options of {@link playout}. */
export interface PlayoutOptions {
  readonly format: AudioFormat;
  /** Play on `scheduler`'s clock at 1× (`true`) or everything the moment it arrives. */
  readonly realtime: boolean;
  readonly scheduler: SchedulerLike;
  /** The playhead advances, writes and reports in steps of at most this much audio. */
  readonly stepMs: number;
  /** For error messages. */
  readonly displayPath: string;
  /**
   * Called with each piece of audio once it has been heard, in order; `startMs` is the scheduler
   * time the piece started playing. Throwing fails the playback.
   */
  readonly onPlayed: (bytes: Uint8Array, startMs: number) => void;
}

/**
 * A playout buffer: frames are queued as they arrive (however fast), a playhead on the scheduler
 * plays them at 1× in steps of `stepMs`, and each step is handed to `onPlayed` and reported only
 * once its end has been reached. Unsubscribing cancels the playhead and drops the queue, so
 * nothing unheard is ever handed on. A gap in the input (the queue runs dry before the input
 * completes) pauses the playhead, as a jitter buffer underrun would. The WAV sink plays through
 * it; so does replay's recording sink, so both report `playedMs` the same way.
 */
export function playout(
  frames$: Observable<AudioFrame>,
  options: PlayoutOptions,
): Observable<PlaybackProgress> {
  const { format, scheduler } = options;
  const stepBytes = Math.max(1, byteLengthForMs(format, options.stepMs));

  return new Observable<PlaybackProgress>((subscriber) => {
    const queue: Uint8Array[] = [];
    let playedBytes = 0;
    let reported = false;
    let inputDone = false;
    let done = false;
    let step: Subscription | undefined;
    // Scheduler time the current run of continuous playback started, and the bytes played in it:
    // due times are computed from these, so timer lateness never accumulates into drift.
    let runStartMs = 0;
    let runBytes = 0;

    const played = (bytes: Uint8Array, startMs: number): void => {
      try {
        options.onPlayed(bytes, startMs);
      } catch (error) {
        stop();
        subscriber.error(error);
        return;
      }
      playedBytes += bytes.length;
      reported = true;
      subscriber.next({ playedMs: durationMs(format, playedBytes) });
    };

    const finishIfDrained = (): void => {
      if (done || !inputDone || queue.length > 0 || step !== undefined) return;
      done = true;
      if (!reported) subscriber.next({ playedMs: 0 });
      subscriber.complete();
    };

    const advance = (): void => {
      if (done || step !== undefined) return;
      const next = queue.shift();
      if (next === undefined) {
        finishIfDrained();
        return;
      }
      const startMs = runStartMs + durationMs(format, runBytes);
      runBytes += next.length;
      const dueMs = runStartMs + durationMs(format, runBytes);
      step = scheduler.schedule(
        () => {
          step = undefined;
          played(next, startMs);
          advance();
        },
        Math.max(0, dueMs - scheduler.now()),
      );
    };

    // Assigned after subscribe returns: frames$ may emit, and even fail, synchronously inside it.
    let input: Subscription | undefined = undefined;
    input = frames$.subscribe({
      next: (frame) => {
        if (done) return;
        if (!sameFormat(frame.format, format)) {
          stop();
          subscriber.error(formatMismatch(options.displayPath, frame.format, format));
          return;
        }
        if (!options.realtime) {
          played(frame.data, scheduler.now());
          return;
        }
        if (queue.length === 0 && step === undefined) {
          runStartMs = scheduler.now();
          runBytes = 0;
        }
        for (let offset = 0; offset < frame.data.length; offset += stepBytes) {
          queue.push(frame.data.subarray(offset, offset + stepBytes));
        }
        advance();
      },
      error: (error: unknown) => {
        stop();
        subscriber.error(error);
      },
      complete: () => {
        inputDone = true;
        finishIfDrained();
      },
    });

    if (done) input.unsubscribe();

    function stop(): void {
      done = true;
      step?.unsubscribe();
      step = undefined;
      queue.length = 0;
      input?.unsubscribe();
    }

    return stop;
  });
}

function formatMismatch(displayPath: string, got: AudioFormat, want: AudioFormat): WavIoError {
  const name = (f: AudioFormat): string => `${f.encoding} ${f.sampleRate} Hz`;
  return new WavIoError(
    'E_WAV_FORMAT_MISMATCH',
    `${displayPath}: got a frame in ${name(got)} but the sink records ${name(want)} (set the sink's format to the session's output_audio_format)`,
  );
}
