import type { AudioFormat, AudioFrame } from '@voxd/audio';
import { durationMs, sameFormat } from '@voxd/audio';
import type { AudioSink, PlaybackProgress } from '@voxd/core';
import { VoxdError } from '@voxd/errors';
import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { asyncScheduler, Observable } from 'rxjs';

export interface MemorySinkOptions {
  readonly format: AudioFormat;
  /**
   * `realtime` plays each frame for its duration on `scheduler` (so marble tests can measure
   * `playedMs`); `asap` hears every frame the moment it arrives. @default 'realtime'
   */
  readonly pace?: 'realtime' | 'asap';
  readonly scheduler?: SchedulerLike;
  /** @default 'memory' */
  readonly kind?: string;
}

/** What one `play()` call did. */
export interface MemorySinkPlay {
  /** Frames heard entirely, in order. */
  readonly heard: AudioFrame[];
  /** Frames received but dropped by an unsubscribe (the partly played one included). */
  readonly dropped: AudioFrame[];
  playedMs: number;
  status: 'playing' | 'finished' | 'interrupted';
  readonly startedAtMs: number;
  endedAtMs: number | undefined;
}

/** An in-memory {@link AudioSink} that records what it played and what it dropped. */
export interface MemorySink extends AudioSink {
  readonly plays: readonly MemorySinkPlay[];
  readonly closed: boolean;
  /** Every byte heard, all plays concatenated. */
  heardBytes(): Uint8Array;
}

/**
 * Creates an in-memory sink. A frame counts as heard once its whole duration has played, so after
 * an unsubscribe `playedMs` is exactly the audio of the heard frames.
 */
export function createMemorySink(options: MemorySinkOptions): MemorySink {
  const { format } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  const realtime = (options.pace ?? 'realtime') === 'realtime';
  const plays: MemorySinkPlay[] = [];
  let closed = false;

  function play(frames$: Observable<AudioFrame>): Observable<PlaybackProgress> {
    return new Observable<PlaybackProgress>((subscriber) => {
      const record: MemorySinkPlay = {
        heard: [],
        dropped: [],
        playedMs: 0,
        status: 'playing',
        startedAtMs: scheduler.now(),
        endedAtMs: undefined,
      };
      plays.push(record);
      const queue: AudioFrame[] = [];
      let playing: { frame: AudioFrame; action: Subscription } | undefined;
      let inputDone = false;

      const finishIfDrained = (): void => {
        if (!inputDone || playing !== undefined || queue.length > 0) return;
        record.status = 'finished';
        record.endedAtMs = scheduler.now();
        subscriber.next({ playedMs: record.playedMs });
        subscriber.complete();
      };
      const hear = (frame: AudioFrame): void => {
        record.heard.push(frame);
        record.playedMs += durationMs(format, frame.data.length);
        subscriber.next({ playedMs: record.playedMs });
      };
      const playNext = (): void => {
        const frame = queue.shift();
        if (frame === undefined) return finishIfDrained();
        const action = scheduler.schedule(
          function (this: SchedulerAction<unknown>) {
            playing = undefined;
            hear(frame);
            playNext();
          },
          durationMs(format, frame.data.length),
        );
        playing = { frame, action };
      };

      const input = frames$.subscribe({
        next: (frame) => {
          if (!sameFormat(frame.format, format)) {
            subscriber.error(
              new VoxdError(
                'E_FORMAT_MISMATCH',
                'memory sink: frame format differs from the sink format',
              ),
            );
            return;
          }
          if (!realtime) return hear(frame);
          queue.push(frame);
          if (playing === undefined) playNext();
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          inputDone = true;
          finishIfDrained();
        },
      });

      return () => {
        input.unsubscribe();
        playing?.action.unsubscribe();
        if (record.status === 'playing') {
          record.status = 'interrupted';
          record.endedAtMs = scheduler.now();
          if (playing !== undefined) record.dropped.push(playing.frame);
          record.dropped.push(...queue);
        }
        playing = undefined;
        queue.length = 0;
      };
    });
  }

  return {
    kind: options.kind ?? 'memory',
    format,
    play,
    close() {
      closed = true;
      return Promise.resolve();
    },
    get plays() {
      return plays;
    },
    get closed() {
      return closed;
    },
    heardBytes() {
      const frames = plays.flatMap((record) => record.heard);
      const out = new Uint8Array(frames.reduce((sum, frame) => sum + frame.data.length, 0));
      let offset = 0;
      for (const frame of frames) {
        out.set(frame.data, offset);
        offset += frame.data.length;
      }
      return out;
    },
  };
}
