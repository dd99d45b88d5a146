import { eventually } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { TransportError } from '../src/transport-error.js';
import { createVoiceLiveTransport } from '../src/voice-live-transport.js';
import { modelTransport } from './model-transport.js';
import { eventTypes, observe, recordingLogger } from './observe.js';
import type { RawServer } from './raw-server.js';
import { sessionCreated, startRawServer } from './raw-server.js';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noRetry = { maxAttempts: 0 };

// Real sockets on a shared, noisy machine: a generous per-test bound; tests normally take well under 1 s.
describe('createVoiceLiveTransport over a real socket', { timeout: 20_000 }, () => {
  it('sends the key in the api-key header and the model in the query', async () => {
    server = await startRawServer({ onConnection: (ws) => ws.send(sessionCreated('sess_1')) });
    const transport = createVoiceLiveTransport({
      endpoint: server.url,
      target: { model: 'gpt-realtime' },
      auth: { type: 'api-key', key: 'test-key-1' },
      reconnect: noRetry,
    });
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 1, 'session.created');
    const request = server.requests[0];
    expect(request?.url.pathname).toBe('/voice-live/realtime');
    expect(request?.headers['api-key']).toBe('test-key-1');
    expect(request?.url.searchParams.get('model')).toBe('gpt-realtime');
    expect(request?.url.searchParams.get('api-version')).toBe('2025-10-01');
    expect(request?.url.searchParams.has('api-key')).toBe(false);
    expect(request?.headers['x-ms-client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen.messages[0]).toMatchObject({ kind: 'event', event: { type: 'session.created' } });
    expect(seen.statuses.map((s) => s.type)).toEqual(['connecting', 'open']);
    seen.subscription.unsubscribe();
  });

  it('sends the key in the query when asked, keeps a path prefix and adds extra headers', async () => {
    server = await startRawServer({ onConnection: (ws) => ws.send(sessionCreated('sess_1')) });
    const transport = createVoiceLiveTransport({
      endpoint: `${server.url}/gateway/v2/`,
      target: { agent: { name: 'helper', project: 'proj', version: '2' } },
      auth: { type: 'api-key', key: 'test-key-2', in: 'query' },
      apiVersion: '2026-07-15',
      headers: { 'x-extra': 'yes' },
      reconnect: noRetry,
    });
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 1, 'session.created');
    const request = server.requests[0];
    expect(request?.url.pathname).toBe('/gateway/v2/voice-live/realtime');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      'api-version': '2026-07-15',
      'agent-name': 'helper',
      'agent-project-name': 'proj',
      'agent-version': '2',
      'api-key': 'test-key-2',
    });
    expect(request?.headers['api-key']).toBeUndefined();
    expect(request?.headers['x-extra']).toBe('yes');
    seen.subscription.unsubscribe();
  });

  it("keeps each frame's original text and relays raw text as is (no re-encoding)", async () => {
    const received: string[] = [];
    // Odd spacing and key order: a re-encoded frame would differ from the original text.
    const delta =
      '{ "type":"response.audio.delta", "event_id":"e2","response_id":"r","item_id":"i","output_index":0,"content_index":0,"delta":"AAAA" }';
    server = await startRawServer({
      onConnection: (ws) => {
        ws.send(sessionCreated('sess_1'));
        ws.send(Buffer.from(delta), { binary: true });
        ws.send('{"type":"future.event",  "event_id":"f"}');
        ws.on('message', (data: Buffer) => received.push(data.toString('utf8')));
      },
    });
    const transport = modelTransport(server.url, { reconnect: noRetry });
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 3, 'three frames');
    expect(seen.messages[1]).toMatchObject({ kind: 'event', text: delta });
    expect(seen.messages[2]).toMatchObject({
      kind: 'unknown',
      type: 'future.event',
      text: '{"type":"future.event",  "event_id":"f"}',
    });
    const raw = '{"type":"input_audio_buffer.append",  "audio":"AAAA"}';
    transport.sendRaw?.(raw);
    await eventually(() => received.length === 1, 'raw frame');
    expect(received[0]).toBe(raw);
    expect(() => transport.sendRaw?.('x'.repeat(17 * 1024 * 1024))).toThrow(TransportError);
    seen.subscription.unsubscribe();
  });

  it('keeps order and turns text, binary, unknown and bad frames into messages', async () => {
    server = await startRawServer({
      onConnection: (ws) => {
        ws.send(sessionCreated('sess_1'));
        for (let i = 0; i < 50; i++) {
          ws.send(JSON.stringify({ type: 'input_audio_buffer.cleared', event_id: `event_${i}` }));
        }
        ws.send(
          Buffer.from(JSON.stringify({ type: 'input_audio_buffer.cleared', event_id: 'bin' })),
          {
            binary: true,
          },
        );
        ws.send(JSON.stringify({ type: 'future.event', event_id: 'f', extra: 1 }));
        ws.send('{not json');
        ws.send(JSON.stringify({ type: 'session.created', event_id: 'x' }));
        ws.send(JSON.stringify({ type: 'input_audio_buffer.cleared', event_id: 'last' }));
      },
    });
    const transport = modelTransport(server.url, { reconnect: noRetry });
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 56, '56 messages');
    const ids = seen.messages.flatMap((m) => (m.kind === 'event' ? [m.event.event_id] : []));
    expect(ids).toEqual([
      'event_sess_1',
      ...Array.from({ length: 50 }, (_, i) => `event_${i}`),
      'bin',
      'last',
    ]);
    expect(seen.messages[52]).toEqual({
      kind: 'unknown',
      type: 'future.event',
      raw: { type: 'future.event', event_id: 'f', extra: 1 },
      text: '{"type":"future.event","event_id":"f","extra":1}',
    });
    expect(seen.messages[53]).toMatchObject({ kind: 'malformed' });
    expect(seen.messages[53]?.kind === 'malformed' && seen.messages[53].reason).toMatch(
      /^E_PROTOCOL_NOT_JSON/,
    );
    expect(seen.messages[54]?.kind === 'malformed' && seen.messages[54].reason).toMatch(
      /E_PROTOCOL_MISSING_FIELD.*session/,
    );
    seen.subscription.unsubscribe();
  });

  it('sends events once open, drops (and logs) them before, and refuses oversize ones', async () => {
    const received: string[] = [];
    server = await startRawServer({
      onConnection: (ws) => {
        ws.on('message', (data: Buffer) => received.push(data.toString('utf8')));
        ws.send(sessionCreated('sess_1'));
      },
    });
    const { logger, entries } = recordingLogger();
    const transport = modelTransport(server.url, {
      maxFrameBytes: 1_000,
      logger,
      reconnect: noRetry,
    });
    transport.send({ type: 'input_audio_buffer.clear', event_id: 'early' });
    expect(entries.filter((e) => e.level === 'warn').map((e) => e.fields)).toEqual([
      { eventType: 'input_audio_buffer.clear' },
    ]);
    const seen = observe(transport);
    await eventually(() => seen.messages.length === 1, 'session.created');
    transport.send({ type: 'input_audio_buffer.append', audio: 'AAAA', event_id: 'a1' });
    transport.send({ type: 'input_audio_buffer.commit', event_id: 'c1' });
    expect(() =>
      transport.send({ type: 'input_audio_buffer.append', audio: 'A'.repeat(2_000) }),
    ).toThrow(TransportError);
    await eventually(() => received.length === 2, 'two events at the server');
    expect(received.map((text): unknown => JSON.parse(text))).toEqual([
      { type: 'input_audio_buffer.append', audio: 'AAAA', event_id: 'a1' },
      { type: 'input_audio_buffer.commit', event_id: 'c1' },
    ]);
    seen.subscription.unsubscribe();
  });

  it('fails with E_TRANSPORT_FRAME_TOO_LARGE when the service sends an oversize frame', async () => {
    server = await startRawServer({
      onConnection: (ws) => {
        ws.send(sessionCreated('sess_1'));
        ws.send(JSON.stringify({ type: 'future.event', event_id: 'big', pad: 'x'.repeat(5_000) }));
      },
    });
    const transport = modelTransport(server.url, {
      maxFrameBytes: 1_000,
      reconnect: { maxAttempts: 3, initialDelayMs: 1 },
    });
    const seen = observe(transport);
    const error = await seen.ended;
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('E_TRANSPORT_FRAME_TOO_LARGE');
    expect((error as TransportError).retryable).toBe(false);
    expect(eventTypes(seen.messages)).toEqual(['session.created']);
    expect(server.requests).toHaveLength(1);
  });

  it('closes with the given code, completes messages$ and status$, and stays closed', async () => {
    server = await startRawServer({ onConnection: (ws) => ws.send(sessionCreated('sess_1')) });
    const transport = modelTransport(server.url);
    const seen = observe(transport);
    let statusCompleted = false;
    transport.status$.subscribe({ complete: () => (statusCompleted = true) });
    await eventually(() => seen.messages.length === 1, 'session.created');
    transport.close(4000);
    expect(await seen.ended).toBeUndefined();
    expect(seen.statuses.at(-1)).toEqual({ type: 'closed', code: 4000, reason: 'client closed' });
    expect(statusCompleted).toBe(true);
    await eventually(() => server?.closeCodes.length === 1, 'the server to see the close');
    expect(server.closeCodes).toEqual([4000]);
    let completedAgain = false;
    transport.messages$.subscribe({ complete: () => (completedAgain = true) });
    expect(completedAgain).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('completes messages$ when the service ends the session normally', async () => {
    server = await startRawServer({
      onConnection: (ws) => {
        ws.send(sessionCreated('sess_1'));
        ws.close(1001, 'conversation ended');
      },
    });
    const transport = modelTransport(server.url);
    const seen = observe(transport);
    expect(await seen.ended).toBeUndefined();
    expect(eventTypes(seen.messages)).toEqual(['session.created']);
    expect(seen.statuses.at(-1)).toEqual({
      type: 'closed',
      code: 1001,
      reason: 'conversation ended',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('closes the socket when the last subscriber leaves and reconnects for the next one', async () => {
    let count = 0;
    server = await startRawServer({
      onConnection: (ws) => ws.send(sessionCreated(`sess_${++count}`)),
    });
    const transport = modelTransport(server.url);
    const first = observe(transport);
    const second = observe(transport);
    await eventually(() => first.messages.length === 1 && second.messages.length === 1, 'both');
    expect(server.requests).toHaveLength(1);
    first.subscription.unsubscribe();
    second.subscription.unsubscribe();
    await eventually(() => server?.closeCodes.length === 1, 'the server to see the close');
    expect(server.closeCodes).toEqual([1000]);
    const third = observe(transport);
    await eventually(() => third.messages.length === 1, 'a new session');
    expect(third.messages[0]).toMatchObject({ event: { session: { id: 'sess_2' } } });
    third.subscription.unsubscribe();
  });
});
