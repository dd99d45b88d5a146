import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { PluginContext, SessionEvent, SessionPluginDescriptor } from '@voxd/core';
import { toError } from '@voxd/errors';
import { Subscription } from 'rxjs';
import { z } from 'zod';

import { outputDirIssues } from './dir-checks.js';
import { PluginError } from './plugin-error.js';
import { sessionFileName } from './session-file-name.js';

/** `plugins: [{ type: transcript, dir }]` options. */
export const transcriptOptionsSchema = z
  .object({
    /** Folder of the JSONL files, relative to the agent file; created if missing. */
    dir: z.string().min(1).default('transcripts'),
  })
  .strict();

export type TranscriptOptions = z.output<typeof transcriptOptionsSchema>;

/**
 * One line of a transcript file. `atMs` counts from the session's first event. Besides `user` and
 * `assistant` lines (final transcripts only), `session` lines mark the start and the end, and
 * `interruption` lines record a barge-in (what was heard of the cut item).
 */
export type TranscriptLine =
  | {
      atMs: number;
      role: 'session';
      event: 'started';
      sessionId: string;
      agent: string;
      startedAt: string;
    }
  | { atMs: number; role: 'session'; event: 'closed'; reason: string }
  | { atMs: number; role: 'user'; itemId: string; text: string }
  | { atMs: number; role: 'assistant'; itemId: string; responseId: string; text: string }
  | {
      atMs: number;
      role: 'interruption';
      itemId: string;
      responseId: string;
      playedMs: number;
      receivedMs: number;
    };

/**
 * Writes each session's final user and assistant transcripts to `<dir>/<agent>-<start>-<session
 * id>.jsonl`. The file opens at `session.ready` (when the id is known) and every line is written
 * synchronously as its event arrives: lines are few (a handful per turn), and a synchronous write
 * is in the OS's hands before the next event, so a crash loses nothing already said.
 */
export const transcriptPlugin: SessionPluginDescriptor<TranscriptOptions> = {
  kind: 'transcript',
  options: transcriptOptionsSchema,
  create(options, ctx) {
    const dir = resolve(ctx.baseDir, options.dir);
    return {
      name: 'transcript',
      tap: (events$) => {
        const log = createTranscriptLog(dir, options.dir, ctx);
        const subscription = new Subscription(() => log.close());
        subscription.add(
          events$.subscribe({
            next: (event) => log.onEvent(event),
            error: () => log.close(),
            complete: () => log.close(),
          }),
        );
        return subscription;
      },
    };
  },
  validate: async (options, ctx) =>
    outputDirIssues(resolve(ctx.baseDir, options.dir), options.dir, ['dir']),
};

interface TranscriptLog {
  onEvent(event: SessionEvent): void;
  close(): void;
}

function createTranscriptLog(dir: string, shownDir: string, ctx: PluginContext): TranscriptLog {
  let originMs: number | undefined;
  let fd: number | undefined;
  let failed = false;
  let path = '';

  const fail = (error: unknown): void => {
    failed = true;
    const wrapped = new PluginError(
      'E_PLUGIN_IO',
      `transcript ${path || shownDir}: ${toError(error).message}`,
      {
        cause: error,
      },
    );
    ctx.logger.error(
      { code: wrapped.code, path, error: wrapped.message },
      'transcript write failed',
    );
    close();
  };

  const write = (line: TranscriptLine): void => {
    if (fd === undefined || failed) return;
    try {
      writeSync(fd, `${JSON.stringify(line)}\n`);
    } catch (error) {
      fail(error);
    }
  };

  const open = (sessionId: string, startedAt: Date): void => {
    if (fd !== undefined || failed) return;
    try {
      mkdirSync(dir, { recursive: true });
      path = join(
        dir,
        sessionFileName({ agentName: ctx.agentName, sessionId, startedAt }, 'jsonl'),
      );
      fd = openSync(path, 'a');
    } catch (error) {
      fail(error);
    }
  };

  function close(): void {
    if (fd === undefined) return;
    const closing = fd;
    fd = undefined;
    try {
      closeSync(closing);
    } catch (error) {
      ctx.logger.warn({ path, error: toError(error).message }, 'transcript close failed');
    }
  }

  return {
    onEvent(event) {
      originMs ??= event.atMs;
      const atMs = Math.round(event.atMs - originMs);
      switch (event.type) {
        case 'session.ready': {
          const startedAt = new Date(Date.now() - atMs);
          open(event.sessionId, startedAt);
          write({
            atMs,
            role: 'session',
            event: 'started',
            sessionId: event.sessionId,
            agent: ctx.agentName,
            startedAt: startedAt.toISOString(),
          });
          break;
        }
        case 'transcript.user':
          if (event.final) write({ atMs, role: 'user', itemId: event.itemId, text: event.text });
          break;
        case 'transcript.assistant':
          if (event.final) {
            write({
              atMs,
              role: 'assistant',
              itemId: event.itemId,
              responseId: event.responseId,
              text: event.text,
            });
          }
          break;
        case 'playback.interrupted':
          write({
            atMs,
            role: 'interruption',
            itemId: event.itemId,
            responseId: event.responseId,
            playedMs: Math.round(event.playedMs),
            receivedMs: Math.round(event.receivedMs),
          });
          break;
        case 'session.closed':
          write({ atMs, role: 'session', event: 'closed', reason: event.reason });
          close();
          break;
        default:
          break;
      }
    },
    close,
  };
}
