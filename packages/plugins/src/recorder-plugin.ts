import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { decodeToSamples, durationMs, resampleLinear } from '@voxd/audio';
import type { AudioFrame } from '@voxd/audio';
import type {
  PluginContext,
  SessionEvent,
  SessionPlugin,
  SessionPluginDescriptor,
} from '@voxd/core';
import { toError } from '@voxd/errors';
import { createWavFileWriter } from '@voxd/io-wav';
import type { WavFileWriter } from '@voxd/io-wav';
import { defer, Subscription, tap } from 'rxjs';
import { z } from 'zod';

import { createConversationTimeline } from './conversation-timeline.js';
import type { ConversationTimeline } from './conversation-timeline.js';
import { outputDirIssues } from './dir-checks.js';
import { PluginError } from './plugin-error.js';
import { sessionFileName } from './session-file-name.js';

/** `plugins: [{ type: recorder, dir, sample_rate }]` options. */
export const recorderOptionsSchema = z
  .object({
    /** Folder of the WAV files, relative to the agent file; created if missing. */
    dir: z.string().min(1).default('recordings'),
    /** Rate of the recording (mono PCM16); audio of other rates is resampled linearly. */
    sample_rate: z.union([z.literal(8000), z.literal(16000), z.literal(24000)]).default(24000),
  })
  .strict();

export type RecorderOptions = z.output<typeof recorderOptionsSchema>;

/** The recorder's session plugin: also tells when its recordings are finalised on disk. */
export interface RecorderPlugin extends SessionPlugin {
  /** Paths of the recordings started so far. */
  readonly paths: readonly string[];
  /** Resolves when every recording that ended is finalised (written, header final, closed). */
  whenClosed(): Promise<void>;
}

/** The recorder descriptor: `create` returns a {@link RecorderPlugin}. */
export interface RecorderPluginDescriptor extends SessionPluginDescriptor<RecorderOptions> {
  readonly kind: 'recorder';
  create(options: RecorderOptions, ctx: PluginContext): RecorderPlugin;
}

/**
 * How far behind the clock the mix stays open. Assistant audio reaches the plugin before it is
 * played (the sink buffers it), and a barge-in cuts it back to the sink's played position: a cut
 * lands at most the sink's buffering plus the flush latency in the past, well under this.
 */
const HOLD_MS = 1500;

/**
 * Records each session's conversation to `<dir>/<agent>-<start>-<session id>.wav`: one mono PCM16
 * timeline where the user's audio (as sent) and the assistant's audio (as played, cut where a
 * barge-in stopped it) sit at the time they happened, summed where they overlap. Mono, because a
 * mix is what a listener reviewing a call wants and what any player plays; the user and assistant
 * tracks stay apart in the `--events` log and the transcript.
 *
 * The WAV's header is patched after every write, so the file is valid at every moment; it is
 * finalised on `session.closed`. `create` must run once per session: `processInput` and
 * `processOutput` carry no session identity, so one instance records one session at a time.
 */
export const recorderPlugin: RecorderPluginDescriptor = {
  kind: 'recorder',
  options: recorderOptionsSchema,
  create(options, ctx) {
    const dir = resolve(ctx.baseDir, options.dir);
    let current: Recording | undefined;
    const paths: string[] = [];
    const closing: Promise<void>[] = [];
    return {
      name: 'recorder',
      paths,
      whenClosed: async () => {
        await Promise.all(closing);
      },
      processInput: (frames$) => frames$.pipe(tap((frame) => current?.addInput(frame))),
      processOutput: (frames$) =>
        defer(() => {
          const item = current?.startItem();
          return frames$.pipe(tap((frame) => current?.addOutput(item, frame)));
        }),
      tap: (events$) => {
        if (current !== undefined) {
          ctx.logger.warn({ plugin: 'recorder' }, 'recorder already records a session');
          return new Subscription();
        }
        const recording = createRecording({ dir, options }, ctx, {
          opened: (path) => paths.push(path),
          closing: (done) => closing.push(done),
        });
        current = recording;
        const finish = (): void => {
          if (current === recording) current = undefined;
          recording.finish();
        };
        const subscription = new Subscription(finish);
        subscription.add(
          events$.subscribe({
            next: (event) => recording.onEvent(event),
            error: finish,
            complete: finish,
          }),
        );
        return subscription;
      },
    };
  },
  validate: async (options, ctx) =>
    outputDirIssues(resolve(ctx.baseDir, options.dir), options.dir, ['dir']),
};

interface Recording {
  onEvent(event: SessionEvent): void;
  addInput(frame: AudioFrame): void;
  /** The key of the assistant item whose playback is starting. */
  startItem(): string | undefined;
  addOutput(itemKey: string | undefined, frame: AudioFrame): void;
  finish(): void;
}

interface RecordingHooks {
  opened(path: string): void;
  closing(done: Promise<void>): void;
}

function createRecording(
  { dir, options }: { dir: string; options: RecorderOptions },
  ctx: PluginContext,
  hooks: RecordingHooks,
): Recording {
  const sampleRate = options.sample_rate;
  const now = (): number => ctx.scheduler.now();
  let writer: WavFileWriter | undefined;
  let timeline: ConversationTimeline | undefined;
  let originMs = 0;
  let userBaseMs: number | undefined;
  let playing: { itemId: string; atMs: number } | undefined;
  const itemStartMs = new Map<string, number>();
  let path = '';
  let stopped = false;

  const stop = (error: unknown): void => {
    if (stopped) return;
    stopped = true;
    const wrapped = new PluginError(
      'E_PLUGIN_IO',
      `recorder ${path || options.dir}: ${toError(error).message}`,
      {
        cause: error,
      },
    );
    ctx.logger.error({ code: wrapped.code, path, error: wrapped.message }, 'recording stopped');
    if (writer !== undefined) hooks.closing(writer.close().catch(() => undefined));
  };

  const guarded = (step: () => void): void => {
    if (stopped || timeline === undefined) return;
    try {
      step();
    } catch (error) {
      stop(error);
    }
  };

  // Linear, per frame: good enough for a conversation log, and synchronous, so frames are placed in
  // the order they arrive (speex would be async and delay each track by its filter).
  const samplesOf = (frame: AudioFrame): Int16Array =>
    resampleLinear(
      decodeToSamples(frame.data, frame.format.encoding),
      frame.format.sampleRate,
      sampleRate,
    );

  const commit = (): void => guarded(() => timeline?.commitBefore(now() - originMs - HOLD_MS));

  const open = (sessionId: string, atMs: number): void => {
    if (writer !== undefined || stopped) return;
    try {
      mkdirSync(dir, { recursive: true });
      path = join(
        dir,
        sessionFileName({ agentName: ctx.agentName, sessionId, startedAt: new Date() }, 'wav'),
      );
      const file = createWavFileWriter({
        path,
        format: { encoding: 'pcm16', sampleRate, channels: 1 },
      });
      writer = file;
      hooks.opened(path);
      originMs = atMs;
      timeline = createConversationTimeline({
        sampleRate,
        write: (samples) =>
          file.append(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)),
      });
    } catch (error) {
      stop(error);
    }
  };

  const cutItem = (itemId: string, playedMs: number): void => {
    const startMs = itemStartMs.get(itemId);
    if (startMs !== undefined) guarded(() => timeline?.cut(itemId, startMs + playedMs));
  };

  return {
    onEvent(event) {
      switch (event.type) {
        case 'session.ready':
          open(event.sessionId, event.atMs);
          break;
        case 'playback.started':
          playing = { itemId: event.itemId, atMs: event.atMs };
          break;
        case 'playback.interrupted':
          cutItem(event.itemId, event.playedMs);
          break;
        case 'turn.interrupted':
          for (const truncation of event.truncations)
            cutItem(truncation.itemId, truncation.audioEndMs);
          break;
        case 'session.closed':
          this.finish();
          return;
        default:
          break;
      }
      commit();
    },
    addInput(frame) {
      guarded(() => {
        // A live source emits a frame once it is captured, i.e. at its end.
        userBaseMs ??=
          now() - originMs - frame.timestampMs - durationMs(frame.format, frame.data.length);
        timeline?.place({
          track: 'user',
          startMs: userBaseMs + frame.timestampMs,
          samples: samplesOf(frame),
        });
      });
      commit();
    },
    startItem() {
      if (playing === undefined) return undefined;
      // Playback starts when the sink subscribes, right after `playback.started`.
      itemStartMs.set(playing.itemId, now() - originMs);
      return playing.itemId;
    },
    addOutput(itemKey, frame) {
      if (itemKey === undefined) return;
      const startMs = itemStartMs.get(itemKey) ?? 0;
      guarded(() =>
        timeline?.place({
          track: 'assistant',
          startMs: startMs + frame.timestampMs,
          samples: samplesOf(frame),
          key: itemKey,
        }),
      );
    },
    finish() {
      if (writer === undefined || stopped) return;
      guarded(() => timeline?.commitAll());
      stopped = true;
      const file = writer;
      hooks.closing(
        file.close().catch((error: unknown) => {
          ctx.logger.error({ path, error: toError(error).message }, 'recording close failed');
        }),
      );
    },
  };
}
