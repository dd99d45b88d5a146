import { describe, expect, it } from 'vitest';

import {
  formatUpgradeResponse,
  rejectUpgrade,
  UPGRADE_REQUIRED,
} from '../src/upgrade-rejection.js';

describe('upgrade rejections (§1.2)', () => {
  it('carries the short JSON body the reference asks for', () => {
    const rejection = rejectUpgrade(401, 'Unauthorized', 'missing credentials');
    expect(rejection).toMatchObject({ ok: false, status: 401, code: 'Unauthorized' });
    expect(JSON.parse(rejection.body)).toEqual({
      error: { code: 'Unauthorized', message: 'missing credentials' },
    });
  });

  it('formats a complete HTTP/1.1 response with the UTF-8 byte length of the body', () => {
    const rejection = rejectUpgrade(503, 'ServiceUnavailable', 'draining – try later');
    const text = formatUpgradeResponse(rejection);
    const [head, body] = text.split('\r\n\r\n');
    expect(head?.split('\r\n')).toEqual([
      'HTTP/1.1 503 Service Unavailable',
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(rejection.body)}`,
      'Connection: close',
    ]);
    expect(Buffer.byteLength(rejection.body)).toBeGreaterThan(rejection.body.length);
    expect(body).toBe(rejection.body);
  });

  it.each([
    [400, 'Bad Request'],
    [401, 'Unauthorized'],
    [404, 'Not Found'],
    [405, 'Method Not Allowed'],
    [426, 'Upgrade Required'],
  ] as const)('names status %i "%s"', (status, reason) => {
    expect(formatUpgradeResponse(rejectUpgrade(status, 'C', 'm'))).toMatch(
      new RegExp(`^HTTP/1\\.1 ${status} ${reason}\\r\\n`),
    );
  });

  it('has a frozen 426 answer for plain HTTP requests', () => {
    expect(UPGRADE_REQUIRED).toMatchObject({ status: 426, code: 'UpgradeRequired' });
    expect(Object.isFrozen(UPGRADE_REQUIRED)).toBe(true);
  });
});
