import type { Logger } from '@voxd/core';

import { createJsonLogger } from '../json-logger.js';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Options of {@link createDaemonLogger}. */
export interface DaemonLoggerOptions {
  readonly write: (line: string) => unknown;
  /** Human lines (`12:00:01 INFO  msg agent=x`) instead of JSON: for a terminal. */
  readonly pretty: boolean;
  readonly level: Level;
}

/**
 * The daemon's logger: JSON lines (pino's shape) for machines, or one readable line per entry on
 * a TTY. Callers never pass audio, keys or tokens; fields are flat scalars.
 */
export function createDaemonLogger(options: DaemonLoggerOptions): Logger {
  if (!options.pretty) return createJsonLogger(options);
  const min = ['debug', 'info', 'warn', 'error'].indexOf(options.level);
  const log =
    (level: Level) =>
    (fields: Record<string, unknown>, message: string): void => {
      if (['debug', 'info', 'warn', 'error'].indexOf(level) < min) return;
      const time = new Date().toISOString().slice(11, 23);
      const rest = Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(
          ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
        )
        .join(' ');
      options.write(
        `${time} ${level.toUpperCase().padEnd(5)} ${message}${rest === '' ? '' : ` ${rest}`}\n`,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger adding `bindings` (agent, session ids) to every entry of `logger`. */
export function childLogger(logger: Logger, bindings: Readonly<Record<string, unknown>>): Logger {
  const bind =
    (level: keyof Logger) =>
    (fields: Record<string, unknown>, message: string): void =>
      logger[level]({ ...bindings, ...fields }, message);
  return { debug: bind('debug'), info: bind('info'), warn: bind('warn'), error: bind('error') };
}

/** An error as a log field: its code and message only (never a payload that may hold secrets). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { err: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { err: String(error) };
}
