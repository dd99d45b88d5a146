import type { AudioFormat, AudioFrame } from '@voxd/audio';
import { byteLengthForMs, durationMs } from '@voxd/audio';
import type { AudioSource } from '@voxd/core';
import type { SchedulerLike } from 'rxjs';
import {
  asyncScheduler,
  concat,
  concatMap,
  defer,
  delay,
  finalize,
  from,
  of,
  throwError,
} from 'rxjs';

export interface MemorySourceOptions {
  readonly format: AudioFormat;
  /** The frames' bytes, in order. Give either `frames` or `audio`. */
  readonly frames?: readonly Uint8Array[];
  /** One buffer of audio, cut into `frameMs` frames (the last may be shorter). */
  readonly audio?: Uint8Array;
  /** @default 20 */
  readonly frameMs?: number;
  /**
   * `asap` emits every frame at once on subscribe; `realtime` emits each frame when it would have
   * been captured (after its duration, on `scheduler`). @default 'asap'
   */
  readonly pace?: 'asap' | 'realtime';
  readonly scheduler?: SchedulerLike;
  /** Errors `frames$` with this after the last frame, to test source failures. */
  readonly error?: Error;
  /** @default 'memory' */
  readonly kind?: string;
}

/** An in-memory {@link AudioSource} that counts its subscriptions. */
export interface MemorySource extends AudioSource {
  /** How many times `frames$` was subscribed. */
  readonly subscriptions: number;
  /** How many subscriptions ended (completed, errored or unsubscribed). */
  readonly releases: number;
}

/** Creates a cold in-memory source: each subscription replays the frames from the start. */
export function createMemorySource(options: MemorySourceOptions): MemorySource {
  const { format } = options;
  const chunks =
    options.frames ??
    cut(options.audio ?? new Uint8Array(0), byteLengthForMs(format, options.frameMs ?? 20));
  const scheduler = options.scheduler ?? asyncScheduler;
  let subscriptions = 0;
  let releases = 0;
  const frames$ = defer(() => {
    subscriptions += 1;
    let timestampMs = 0;
    const frames = chunks.map((data): AudioFrame => {
      const frame = { format, data, timestampMs };
      timestampMs += durationMs(format, data.length);
      return frame;
    });
    const paced$ =
      options.pace === 'realtime'
        ? from(frames).pipe(
            concatMap((frame) =>
              of(frame).pipe(delay(durationMs(format, frame.data.length), scheduler)),
            ),
          )
        : from(frames);
    const failure = options.error;
    return failure === undefined
      ? paced$
      : concat(
          paced$,
          throwError(() => failure),
        );
  });
  return {
    kind: options.kind ?? 'memory',
    format,
    frames$: frames$.pipe(
      finalize(() => {
        releases += 1;
      }),
    ),
    get subscriptions() {
      return subscriptions;
    },
    get releases() {
      return releases;
    },
  };
}

function cut(audio: Uint8Array, frameBytes: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < audio.length; offset += frameBytes) {
    chunks.push(audio.subarray(offset, Math.min(audio.length, offset + frameBytes)));
  }
  return chunks;
}
