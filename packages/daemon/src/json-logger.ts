import type { Logger } from '@voxd/core';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Record<Level, number> = { debug: 20, info: 30, warn: 40, error: 50 };

/**
 * A structured logger writing one JSON object per line (pino's shape: level, time, msg, fields).
 * Messages are static; data goes in fields. Never given audio, keys or tokens.
 */
export function createJsonLogger(options: {
  readonly write: (line: string) => unknown;
  readonly level?: Level;
  readonly bindings?: Readonly<Record<string, unknown>>;
}): Logger {
  const min = LEVELS[options.level ?? 'info'];
  const log =
    (level: Level) =>
    (fields: Record<string, unknown>, message: string): void => {
      if (LEVELS[level] < min) return;
      options.write(
        `${JSON.stringify({ level, time: new Date().toISOString(), msg: message, ...options.bindings, ...fields })}\n`,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
