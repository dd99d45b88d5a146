import { eventually } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { createVoiceLiveTransport } from '../src/voice-live-transport.js';
import { modelTransport } from './model-transport.js';
import { eventTypes, observe } from './observe.js';
import type { RawServer } from './raw-server.js';
import { sessionCreated, startRawServer } from './raw-server.js';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const fastRetry = { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100, jitter: 0 };

// Real sockets on a shared, noisy machine: a generous per-test bound; tests normally take well under 1 s.
describe('createVoiceLiveTransport reconnects', { timeout: 20_000 }, () => {
  it('after the service drops the socket: backoff, status, then a new session', async () => {
    server = await startRawServer({
      onConnection: (ws, _request, index) => {
        ws.send(sessionCreated(`sess_${index}`));
        // The first connection dies without a close frame (the client sees 1006).
        if (index === 0) setImmediate(() => ws.terminate());
      },
    });
    const transport = modelTransport(server.url, { reconnect: fastRetry });
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 2, 'two sessions');
    const sessionIds = seen.messages.map((m) =>
      m.kind === 'event' && m.event.type === 'session.created' ? m.event.session.id : m.kind,
    );
    expect(sessionIds).toEqual(['sess_0', 'sess_1']);
    expect(seen.statuses).toEqual([
      { type: 'connecting', attempt: 0 },
      { type: 'open', attempt: 0 },
      {
        type: 'reconnecting',
        attempt: 1,
        reason: 'the service closed the socket with 1006',
        delayMs: 20,
      },
      { type: 'connecting', attempt: 1 },
      { type: 'open', attempt: 1 },
    ]);
    expect(server.requests).toHaveLength(2);
    seen.subscription.unsubscribe();
  });

  it('gives each successful connection the full retry budget again', async () => {
    server = await startRawServer({
      onConnection: (ws, _request, index) => {
        ws.send(sessionCreated(`sess_${index}`));
        if (index < 5) setImmediate(() => ws.close(1011, 'internal error'));
      },
    });
    const transport = modelTransport(server.url, { reconnect: { ...fastRetry, maxAttempts: 1 } });
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 6, 'six sessions');
    expect(eventTypes(seen.messages)).toEqual(Array(6).fill('session.created'));
    const reconnects = seen.statuses.filter((s) => s.type === 'reconnecting');
    expect(reconnects.map((s) => s.attempt)).toEqual([1, 1, 1, 1, 1]);
    seen.subscription.unsubscribe();
  });

  it('when pongs stop: E_TRANSPORT_TIMEOUT, then a new connection', async () => {
    server = await startRawServer({
      autoPong: false,
      onConnection: (ws, _request, index) => {
        ws.send(sessionCreated(`sess_${index}`));
        // Only later connections answer pings.
        if (index > 0) ws.on('ping', (data) => ws.pong(data));
      },
    });
    const transport = modelTransport(server.url, {
      keepaliveMs: 20,
      keepaliveTimeoutMs: 1_000,
      reconnect: fastRetry,
    });
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 2, 'the second session');
    const reconnecting = seen.statuses.find((s) => s.type === 'reconnecting');
    expect(reconnecting).toMatchObject({ attempt: 1, reason: expect.stringContaining('no pong') });
    // The answering connection survives several ping rounds.
    const socket = server.sockets[1];
    let pings = 0;
    socket?.on('ping', () => pings++);
    await eventually(() => pings >= 3, 'three answered pings');
    expect(server.requests).toHaveLength(2);
    seen.subscription.unsubscribe();
  });

  it('asks for a fresh token and a new request id on every connect', async () => {
    server = await startRawServer({
      onConnection: (ws, _request, index) => {
        ws.send(sessionCreated(`sess_${index}`));
        if (index === 0) setImmediate(() => ws.terminate());
      },
    });
    let issued = 0;
    const transport = createVoiceLiveTransport({
      endpoint: server.url,
      target: { model: 'gpt-realtime' },
      auth: { type: 'token', getToken: () => Promise.resolve(`token-${++issued}`) },
      headers: () => ({ 'x-ms-client-request-id': `req-${issued}` }),
      reconnect: fastRetry,
    });
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 2, 'two sessions');
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
    ]);
    expect(server.requests.map((r) => r.headers['x-ms-client-request-id'])).toEqual([
      'req-0',
      'req-1',
    ]);
    seen.subscription.unsubscribe();
  });

  it('close() while waiting to reconnect ends everything without connecting again', async () => {
    server = await startRawServer({
      onConnection: (ws) => {
        ws.send(sessionCreated('sess_0'));
        setImmediate(() => ws.terminate());
      },
    });
    const transport = modelTransport(server.url, {
      reconnect: { ...fastRetry, initialDelayMs: 60_000 },
    });
    const seen = observe(transport);
    await eventually(() => seen.statuses.some((s) => s.type === 'reconnecting'), 'reconnecting');
    transport.close();
    expect(await seen.ended).toBeUndefined();
    expect(seen.statuses.map((s) => s.type)).toEqual([
      'connecting',
      'open',
      'reconnecting',
      'closed',
    ]);
    expect(server.requests).toHaveLength(1);
  });
});
