import { resolve } from 'node:path';

import { PCM16_24K, decodeToSamples, durationMs, encodeSamples } from '@voxd/audio';
import type { AudioFrame } from '@voxd/audio';
import type { AudioSink, PlaybackProgress, PluginContext } from '@voxd/core';
import { toError } from '@voxd/errors';
import { Observable } from 'rxjs';

import { createConversationMixer } from './conversation-mixer.js';
import { createInputTrack } from './input-track.js';
import { playout } from './playout.js';
import { createWavFileWriter } from './wav-file-writer.js';
import { WavIoError } from './wav-io-error.js';
import type { WavSinkOptions } from './wav-sink-options.js';

/** A sink that records to a WAV file. */
export interface WavSink extends AudioSink {
  readonly kind: 'wav';
  /** The resolved file path. */
  readonly path: string;
  readonly mode: 'assistant' | 'conversation';
  /**
   * Records a frame of user audio at the current time (call it as each frame is sent to the
   * service). Used in `conversation` mode, ignored in `assistant` mode and after `close()`. The
   * frame may be in any supported format; it is converted to the sink's format.
   */
  recordInput(frame: AudioFrame): void;
}

/** The playhead's step: progress granularity, and the most a barge-in can cut mid-step. */
const STEP_MS = 20;
/** Conversation mode keeps this much of the timeline open for pieces that arrive a little late. */
const MIX_HOLD_MS = 200;

/**
 * Creates a sink that writes what it plays to a WAV file in `options.format`.
 *
 * The file is created at once with a header, and its sizes are rewritten after every write, so it
 * is a valid WAV of everything played so far at any moment, even after a crash. `play` plays on
 * `ctx.scheduler`'s clock (pace `realtime`) or instantly (`asap`); audio reaches the file only once
 * it has been played, so what a barge-in flushes is never written. `close()` waits for every write
 * and finalises the file.
 *
 * @example
 * const sink = createWavSink({ path: 'out/reply.wav', format: PCM16_24K }, ctx);
 * sink.play(response.audio$).subscribe(({ playedMs }) => …);
 * await sink.close();
 * @throws WavIoError when the file cannot be created.
 */
export function createWavSink(options: WavSinkOptions, ctx: PluginContext): WavSink {
  const path = resolve(ctx.baseDir, options.path);
  const format = options.format ?? PCM16_24K;
  const mode = options.mode ?? 'assistant';
  const scheduler = ctx.scheduler;
  const writer = createWavFileWriter({
    path,
    displayPath: options.path,
    format,
    ...(options.patchHeader === undefined ? {} : { patchHeader: options.patchHeader }),
  });
  const mixer =
    mode === 'conversation'
      ? createConversationMixer({
          sampleRate: format.sampleRate,
          holdMs: MIX_HOLD_MS,
          write: (samples) => writer.append(encodeSamples(samples, format.encoding)),
        })
      : undefined;
  const input =
    mixer === undefined
      ? undefined
      : createInputTrack({
          format,
          place: (samples, atMs) => mixer.add('user', samples, { atMs, nowMs: scheduler.now() }),
          onError: (error) => {
            inputError ??= error;
          },
        });
  let inputError: unknown;
  // Ends the running play (if any) with an error; set while a play is subscribed.
  let abortPlay: ((error: Error) => void) | undefined;
  let closing: Promise<void> | undefined;

  const onPlayed = (bytes: Uint8Array, startMs: number): void => {
    if (mixer === undefined) writer.append(bytes);
    else {
      const samples = decodeToSamples(bytes, format.encoding);
      mixer.add('assistant', samples, { atMs: startMs, nowMs: scheduler.now() });
    }
  };

  return {
    kind: 'wav',
    format,
    path,
    mode,
    play(frames$) {
      return new Observable<PlaybackProgress>((subscriber) => {
        if (closing !== undefined) {
          subscriber.error(
            new WavIoError('E_WAV_SINK_CLOSED', `${options.path}: play after close`),
          );
          return undefined;
        }
        if (abortPlay !== undefined) {
          subscriber.error(
            new WavIoError(
              'E_WAV_SINK_BUSY',
              `${options.path}: play while another play of this sink is running (unsubscribe the previous one first)`,
            ),
          );
          return undefined;
        }
        abortPlay = (error) => subscriber.error(error);
        const subscription = playout(frames$, {
          format,
          realtime: (options.pace ?? 'realtime') === 'realtime',
          scheduler,
          stepMs: STEP_MS,
          displayPath: options.path,
          onPlayed,
        }).subscribe(subscriber);
        return () => {
          abortPlay = undefined;
          subscription.unsubscribe();
        };
      });
    },
    recordInput(frame) {
      if (input === undefined || closing !== undefined) return;
      // Sources deliver a frame once it has been captured, so it was heard over the time before now.
      input.record(frame, scheduler.now() - durationMs(frame.format, frame.data.length));
    },
    close() {
      // Nothing may be played after close: a running play ends here, not at its next step.
      abortPlay?.(new WavIoError('E_WAV_SINK_CLOSED', `${options.path}: sink closed during play`));
      closing ??= (async () => {
        try {
          await input?.finish();
          mixer?.end();
        } finally {
          await writer.close();
        }
        if (inputError !== undefined) throw toError(inputError);
      })();
      return closing;
    },
  };
}
