import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * Whether the server at `url` answers an HTTP request within `timeoutMs`: any status counts (a
 * Voice Live endpoint answers a plain GET with 4xx), so a TCP listener that answers nothing, or a
 * proxy whose backend is gone without an HTTP answer, does not pass.
 */
export function probeEndpoint(url: string, timeoutMs: number): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  if (!secure && target.protocol !== 'http:' && target.protocol !== 'ws:')
    return Promise.resolve(false);
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(ok);
    };
    const request = (secure ? httpsRequest : httpRequest)(
      {
        host: target.hostname.replace(/^\[|\]$/g, ''),
        port: target.port === '' ? (secure ? 443 : 80) : Number(target.port),
        path: '/',
        method: 'GET',
        // A fresh connection per probe: a pooled one could be a stale answer.
        agent: false,
        headers: { 'User-Agent': 'voxd-readyz' },
      },
      (response) => {
        response.resume();
        done(true);
      },
    );
    const timer = setTimeout(() => done(false), timeoutMs);
    request.once('error', () => done(false));
    request.end();
  });
}
