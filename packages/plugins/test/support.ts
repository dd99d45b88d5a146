import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Logger, PluginContext, SessionEvent } from '@voxd/core';
import { asyncScheduler } from 'rxjs';
import type { SchedulerLike } from 'rxjs';

/** A scheduler whose `now()` the test sets; scheduling is the real async scheduler's. */
export interface ManualClock extends SchedulerLike {
  set(ms: number): void;
}

export function manualClock(startMs = 0): ManualClock {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    schedule: asyncScheduler.schedule.bind(asyncScheduler),
    set(ms) {
      nowMs = ms;
    },
  };
}

export interface LogEntry {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

export function memoryLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      entries.push({ level, fields, message });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `voxd-plugins-${prefix}-`));
}

export function pluginContext(
  baseDir: string,
  scheduler: SchedulerLike = asyncScheduler,
): PluginContext & { logger: ReturnType<typeof memoryLogger> } {
  return { agentName: 'test agent', baseDir, scheduler, logger: memoryLogger() };
}

type Init = SessionEvent extends infer E
  ? E extends SessionEvent
    ? Omit<E, 'atMs'>
    : never
  : never;

/** Stamps `event` with `atMs`. */
export function at(atMs: number, event: Init): SessionEvent {
  return { ...event, atMs };
}
