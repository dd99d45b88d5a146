import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { TransportError } from '../src/transport-error.js';
import { createVoiceLiveTransport } from '../src/voice-live-transport.js';
import { observe, recordingLogger } from './observe.js';
import type { RawServer } from './raw-server.js';
import { sessionCreated, startRawServer } from './raw-server.js';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KEY = 'very-secret-key-42';
const fastRetry = { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 10, jitter: 0 };

async function failureOf(
  endpoint: string,
  options: { maxAttempts?: number; keyIn?: 'query'; connectTimeoutMs?: number } = {},
) {
  const { logger, entries } = recordingLogger();
  const transport = createVoiceLiveTransport({
    endpoint,
    target: { model: 'gpt-realtime' },
    auth: {
      type: 'api-key',
      key: KEY,
      ...(options.keyIn === undefined ? {} : { in: options.keyIn }),
    },
    reconnect: { ...fastRetry, maxAttempts: options.maxAttempts ?? fastRetry.maxAttempts },
    // Generous: a loaded CI machine can take over 500 ms to answer, and a timeout is retried.
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    logger,
  });
  const seen = observe(transport);
  const error = await seen.ended;
  expect(error).toBeInstanceOf(TransportError);
  return { error: error as TransportError, seen, entries };
}

// Real sockets on a shared, noisy machine: a generous per-test bound; tests normally take well under 1 s.
describe('createVoiceLiveTransport failures', { timeout: 20_000 }, () => {
  it('401: fatal E_TRANSPORT_AUTH with the server message, no retry, no key anywhere', async () => {
    server = await startRawServer({
      reject: () => ({
        status: 401,
        body: JSON.stringify({ error: { code: 'Unauthorized', message: `bad key ${KEY}` } }),
      }),
    });
    const { error, seen, entries } = await failureOf(server.url, { keyIn: 'query' });
    expect(error.code).toBe('E_TRANSPORT_AUTH');
    expect(error.retryable).toBe(false);
    expect(error.httpStatus).toBe(401);
    expect(error.message).toContain('HTTP 401: Unauthorized: bad key ***');
    expect(error.message).toContain('api-key=***');
    expect(server.requests).toHaveLength(1);
    expect(seen.statuses.map((s) => s.type)).toEqual(['connecting', 'closed']);
    const everything = JSON.stringify([error.message, seen.statuses, entries]);
    expect(everything).not.toContain(KEY);
  });

  it('403 is an auth failure too; a 400 is a non-retryable handshake failure', async () => {
    server = await startRawServer({
      reject: (request) =>
        request.url.searchParams.get('model') === 'gpt-realtime'
          ? { status: 403, body: '' }
          : undefined,
    });
    const forbidden = await failureOf(server.url);
    expect(forbidden.error.code).toBe('E_TRANSPORT_AUTH');
    expect(forbidden.error.message).toMatch(/HTTP 403$/);
    await server.close();

    server = await startRawServer({ reject: () => ({ status: 400, body: 'missing api-version' }) });
    const bad = await failureOf(server.url);
    expect(bad.error.code).toBe('E_TRANSPORT_HANDSHAKE');
    expect(bad.error.retryable).toBe(false);
    expect(bad.error.message).toContain('HTTP 400: missing api-version');
    expect(server.requests).toHaveLength(1);
  });

  it('5xx is retried with backoff, then E_TRANSPORT_RETRIES_EXHAUSTED', async () => {
    server = await startRawServer({
      reject: () => ({ status: 503, body: '{"error":{"code":"Busy","message":"try later"}}' }),
    });
    const { error, seen } = await failureOf(server.url);
    expect(error.code).toBe('E_TRANSPORT_RETRIES_EXHAUSTED');
    expect(error.message).toContain('gave up after 2 reconnect attempts');
    expect(error.message).toContain('HTTP 503: Busy: try later');
    expect((error.cause as TransportError).code).toBe('E_TRANSPORT_HANDSHAKE');
    expect(server.requests).toHaveLength(3);
    expect(seen.statuses).toEqual([
      { type: 'connecting', attempt: 0 },
      { type: 'reconnecting', attempt: 1, reason: expect.stringContaining('503'), delayMs: 5 },
      { type: 'connecting', attempt: 1 },
      { type: 'reconnecting', attempt: 2, reason: expect.stringContaining('503'), delayMs: 10 },
      { type: 'connecting', attempt: 2 },
      { type: 'closed', code: 1006, reason: error.message },
    ]);
  });

  it('an unreachable endpoint gives E_TRANSPORT_UNREACHABLE naming the address', async () => {
    const closed = await startRawServer();
    const url = closed.url;
    await closed.close();
    const once = await failureOf(url, { maxAttempts: 0 });
    expect(once.error.code).toBe('E_TRANSPORT_UNREACHABLE');
    expect(once.error.retryable).toBe(true);
    expect(once.error.message).toMatch(
      /cannot reach ws:\/\/127\.0\.0\.1:\d+\/voice-live\/realtime.*ECONNREFUSED/,
    );
    const retried = await failureOf(url);
    expect(retried.error.code).toBe('E_TRANSPORT_RETRIES_EXHAUSTED');
    expect((retried.error.cause as TransportError).code).toBe('E_TRANSPORT_UNREACHABLE');
  });

  it('an unknown host is unreachable, and not retryable when DNS says it does not exist', async () => {
    const { error } = await failureOf('https://voxd-test.invalid', { maxAttempts: 0 });
    expect(error.code).toBe('E_TRANSPORT_UNREACHABLE');
    expect(error.message).toContain('wss://voxd-test.invalid/voice-live/realtime');
    // A resolver without network answers EAI_AGAIN (worth retrying) instead of ENOTFOUND.
    const dnsCode = (error.cause as { code?: string }).code;
    expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(dnsCode);
    expect(error.retryable).toBe(dnsCode === 'EAI_AGAIN');
  });

  it('a peer that never answers the upgrade times out (E_TRANSPORT_TIMEOUT, retryable)', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const { error } = await failureOf(`http://127.0.0.1:${port}`, {
        maxAttempts: 0,
        connectTimeoutMs: 500,
      });
      expect(error.code).toBe('E_TRANSPORT_TIMEOUT');
      expect(error.retryable).toBe(true);
      expect(error.message).toContain('within 500 ms');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a policy close (1008) is fatal and not retried', async () => {
    server = await startRawServer({
      onConnection: (ws) => {
        ws.send(sessionCreated('sess_1'));
        ws.close(1008, 'bad token');
      },
    });
    const { error, seen } = await failureOf(server.url);
    expect(error.code).toBe('E_TRANSPORT_CLOSED');
    expect(error.closeCode).toBe(1008);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('1008 (bad token)');
    expect(seen.messages).toHaveLength(1);
    expect(seen.statuses.at(-1)).toEqual({ type: 'closed', code: 1008, reason: error.message });
    expect(server.requests).toHaveLength(1);
  });

  it('a token provider failure is a fatal auth error', async () => {
    server = await startRawServer();
    const transport = createVoiceLiveTransport({
      endpoint: server.url,
      target: { model: 'gpt-realtime' },
      auth: { type: 'token', getToken: () => Promise.reject(new Error('no credential')) },
      reconnect: fastRetry,
    });
    const error = await observe(transport).ended;
    expect(error).toMatchObject({ code: 'E_TRANSPORT_AUTH', retryable: false });
    expect((error as Error).message).toContain('no credential');
    expect(server.requests).toHaveLength(0);
  });

  it('scrubs the bearer token from an echoed rejection, the error and the logs', async () => {
    const token = 'eyJ0eXAiOiJKV1QiLCJhbGciOi.secret-token';
    server = await startRawServer({
      reject: (request) => ({
        status: 403,
        body: JSON.stringify({
          error: {
            code: 'Forbidden',
            message: `token ${String(request.headers.authorization)} lacks a role`,
          },
        }),
      }),
    });
    const { logger, entries } = recordingLogger();
    const transport = createVoiceLiveTransport({
      endpoint: server.url,
      target: { model: 'gpt-realtime' },
      auth: { type: 'token', getToken: () => Promise.resolve(token) },
      logger,
    });
    const seen = observe(transport);
    const error = (await seen.ended) as TransportError;
    expect(error.code).toBe('E_TRANSPORT_AUTH');
    expect(error.message).toContain('Forbidden: token Bearer *** lacks a role');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
    expect(JSON.stringify([error.message, seen.statuses, entries])).not.toContain('secret-token');
  });
});
