import { describe, expect, it } from 'vitest';

import { childLogger, createDaemonLogger, errorFields } from '../src/daemon/daemon-logger.js';
import { DaemonError } from '../src/daemon/daemon-error.js';
import { DEFAULT_DAEMON_SETTINGS, restartDelayMs } from '../src/daemon/daemon-settings.js';

describe('daemon logger', () => {
  it('writes JSON lines with the bindings of a child logger', () => {
    const lines: string[] = [];
    const logger = createDaemonLogger({
      write: (l) => lines.push(l),
      pretty: false,
      level: 'info',
    });
    const child = childLogger(logger, { agent: 'a', session: 'a#1' });
    child.debug({}, 'hidden below info');
    child.warn({ code: 'E_X' }, 'session error');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'warn',
      msg: 'session error',
      agent: 'a',
      session: 'a#1',
      code: 'E_X',
    });
  });

  it('writes one readable line per entry on a terminal', () => {
    const lines: string[] = [];
    const logger = createDaemonLogger({
      write: (l) => lines.push(l),
      pretty: true,
      level: 'debug',
    });
    childLogger(logger, { agent: 'a' }).info({ delayMs: 1000, skip: undefined }, 'restarting');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}restarting agent=a delayMs=1000\n$/);
  });

  it('logs an error by code and message only', () => {
    const error = new DaemonError('E_DAEMON_ADMIN_LISTEN', 'cannot create', {
      cause: { key: 'secret' },
    });
    expect(errorFields(error)).toEqual({ err: 'cannot create', code: 'E_DAEMON_ADMIN_LISTEN' });
  });
});

describe('restart backoff', () => {
  it('waits the base delay after a clean end and doubles per failure up to the cap', () => {
    const delays = [0, 1, 2, 3, 6, 7, 50].map((f) => restartDelayMs(DEFAULT_DAEMON_SETTINGS, f));
    expect(delays).toEqual([1000, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
  });
});
