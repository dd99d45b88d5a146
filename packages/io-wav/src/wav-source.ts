import { resolve } from 'node:path';

import { createRechunker, silence } from '@voxd/audio';
import type { AudioFrame } from '@voxd/audio';
import type { AudioSource, PluginContext } from '@voxd/core';
import { toError } from '@voxd/errors';
import { Observable } from 'rxjs';
import type { SchedulerLike, Subscription } from 'rxjs';

import { readWavInfoSync } from './read-wav-info.js';
import type { WavFileInfo } from './read-wav-info.js';
import { createWavByteStream } from './wav-byte-stream.js';
import type { WavSourceOptions } from './wav-source-options.js';

/** A WAV file as an audio source; `path` is the resolved file, `durationMs` the file's audio alone. */
export interface WavSource extends AudioSource {
  readonly kind: 'wav';
  readonly path: string;
  readonly durationMs: number;
}

/** File reads are this long: big enough to be cheap, small enough to stream hour-long files. */
const CHUNK_MS = 1000;

/**
 * Creates a source that plays a PCM16 (8, 16 or 24 kHz) or G.711 (µ-law, A-law, 8 kHz) mono WAV
 * file as frames of `frameMs`.
 *
 * The header is read and validated here, synchronously (the audio is not read), so a missing or
 * unsupported file fails before any session opens. `frames$` is cold: each subscription opens the
 * file, streams it in chunks, emits whole frames (the last one padded with silence) stamped from 0,
 * completes at the end and closes the file; unsubscribing closes it at once.
 *
 * @example
 * const source = createWavSource({ path: 'hello.wav', pace: 'asap' }, ctx);
 * const session = { ...agentSession, ...sessionInputAudio(source.format) };
 * @throws WavError (`E_WAV_CORRUPT`, `E_WAV_UNSUPPORTED`, `E_WAV_TRUNCATED`) or WavIoError
 *   (`E_WAV_NOT_FOUND`, `E_WAV_IO`), each message starting with `options.path`.
 */
export function createWavSource(options: WavSourceOptions, ctx: PluginContext): WavSource {
  const path = resolve(ctx.baseDir, options.path);
  const info = readWavInfoSync(path, options.path);
  const frameMs = options.frameMs ?? 20;
  const settings: FrameStreamSettings = {
    path,
    displayPath: options.path,
    info,
    frameMs,
    realtime: (options.pace ?? 'realtime') === 'realtime',
    leadingSilenceMs: options.leadingSilenceMs ?? 0,
    trailingSilenceMs: options.trailingSilenceMs ?? 1000,
    loop: options.loop ?? false,
    scheduler: ctx.scheduler,
  };
  return {
    kind: 'wav',
    format: info.format,
    path,
    durationMs: info.durationMs,
    frames$: new Observable<AudioFrame>((subscriber) => streamFrames(settings, subscriber)),
  };
}

interface FrameStreamSettings {
  readonly path: string;
  readonly displayPath: string;
  readonly info: WavFileInfo;
  readonly frameMs: number;
  readonly realtime: boolean;
  readonly leadingSilenceMs: number;
  readonly trailingSilenceMs: number;
  readonly loop: boolean;
  readonly scheduler: SchedulerLike;
}

interface FrameSink {
  next(frame: AudioFrame): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * Pull loop: keep about one chunk of frames read ahead, emit each frame when due. Reading only
 * when the queue runs low is what bounds memory for long files in realtime pace.
 */
function streamFrames(settings: FrameStreamSettings, out: FrameSink): () => void {
  const { format } = settings.info;
  const bytes = createWavByteStream({ ...settings, chunkMs: CHUNK_MS });
  const rechunker = createRechunker(format, settings.frameMs);
  const readAheadFrames = Math.max(2, Math.ceil(CHUNK_MS / settings.frameMs));
  const startMs = settings.scheduler.now();
  const queue: Uint8Array[] = [];
  let emitted = 0;
  let ended = false;
  let reading = false;
  let closed = false;
  let timer: Subscription | undefined;

  const emit = (data: Uint8Array): void => {
    const timestampMs = emitted * settings.frameMs;
    emitted += 1;
    out.next({ format, data, timestampMs });
  };

  const fail = (error: unknown): void => {
    if (closed) return;
    closed = true;
    void bytes.close();
    out.error(toError(error));
  };

  const fill = (): void => {
    if (reading || ended || closed || queue.length >= readAheadFrames) return;
    reading = true;
    bytes.next().then((chunk) => {
      reading = false;
      if (closed) return;
      if (chunk === null) {
        ended = true;
        const rest = rechunker.flush();
        if (rest !== undefined && rest.length > 0) {
          queue.push(padToFrame(rest, silence(format, settings.frameMs)));
        }
        void bytes.close();
      } else {
        queue.push(...rechunker.push(chunk));
      }
      pump();
    }, fail);
  };

  // Emits what is due (all of it in asap pace), then schedules the next frame and reads ahead.
  const pump = (): void => {
    while (!closed && timer === undefined) {
      const head = queue[0];
      if (head === undefined) {
        if (ended) {
          closed = true;
          out.complete();
          return;
        }
        break;
      }
      if (settings.realtime) {
        // A microphone delivers a frame once it has been captured: at the frame's end.
        const dueMs = startMs + (emitted + 1) * settings.frameMs;
        const delayMs = dueMs - settings.scheduler.now();
        if (delayMs > 0) {
          timer = settings.scheduler.schedule(() => {
            timer = undefined;
            pump();
          }, delayMs);
          break;
        }
      }
      queue.shift();
      emit(head);
    }
    fill();
  };

  pump();
  return () => {
    closed = true;
    timer?.unsubscribe();
    timer = undefined;
    void bytes.close();
  };
}

/** The last frame is padded with silence so every frame has exactly `frameMs` of audio. */
function padToFrame(rest: Uint8Array, silentFrame: Uint8Array): Uint8Array {
  if (rest.length >= silentFrame.length) return rest;
  silentFrame.set(rest);
  return silentFrame;
}
