import { serverEvents as ev, testScheduler } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import type { ToolDefinition } from '../src/plugin.js';
import type { SessionEvent } from '../src/session-event.js';
import { msg, startSession, typesOf } from './support.js';

function fatal(events: readonly SessionEvent[]) {
  return events.find((event) => event.type === 'session.error');
}

describe('session handshake', () => {
  it('fails with E_SESSION_READY_TIMEOUT when no session.created arrives in time', async () => {
    let started: ReturnType<typeof startSession> | undefined;
    testScheduler().run(({ flush }) => {
      started = startSession({ handshake: false, readyTimeoutMs: 1_000 });
      flush();
    });
    const { events, transport, failure } = started!;
    expect(typesOf(events)).toEqual(['session.connecting', 'session.error', 'session.closed']);
    expect(fatal(events)).toMatchObject({
      atMs: 1_000,
      recoverable: false,
      code: 'E_SESSION_READY_TIMEOUT',
    });
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'error' });
    expect(transport.closeCode).toBe(1000);
    await Promise.resolve();
    expect(failure.error).toMatchObject({ code: 'E_SESSION_READY_TIMEOUT' });
  });

  it('waits for session.updated with the same timeout after sending session.update', () => {
    testScheduler().run(({ hot, flush }) => {
      const inbound$ = hot('300ms c', { c: msg(ev.sessionCreated()) });
      const { events, transport } = startSession({
        handshake: false,
        inbound$,
        readyTimeoutMs: 1_000,
      });
      flush();
      expect(transport.sentOf('session.update')).toHaveLength(1);
      expect(fatal(events)).toMatchObject({ atMs: 1_300, code: 'E_SESSION_READY_TIMEOUT' });
    });
  });

  it('fails with the server message when the server rejects session.update', () => {
    testScheduler().run(({ hot, flush }) => {
      const inbound$ = hot('5ms c', { c: msg(ev.sessionCreated()) });
      const { events } = startSession({
        handshake: false,
        inbound$,
        respond: (event, server) => {
          if (event.type !== 'session.update') return;
          server.emit(
            ev.error({
              message: 'voice "nobody" is unknown',
              code: 'invalid_value',
              eventId: event.event_id ?? '',
            }),
          );
        },
      });
      flush();
      expect(typesOf(events)).toEqual(['session.connecting', 'session.error', 'session.closed']);
      expect(fatal(events)).toMatchObject({
        recoverable: false,
        code: 'E_SESSION_UPDATE_REJECTED',
        message: expect.stringContaining('voice "nobody" is unknown') as string,
      });
    });
  });

  it('is ready with the server session id once session.updated arrives', () => {
    testScheduler().run(({ flush }) => {
      const { events } = startSession({ handshake: true });
      flush();
      expect(events.find((event) => event.type === 'session.ready')).toMatchObject({
        sessionId: 'sess_test',
      });
    });
  });

  it('declares the plugins tools as function tools in session.update, after the session own tools', () => {
    const tool: ToolDefinition = {
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
      handler: () => Promise.resolve({ tempC: 7 }),
    };
    const own = { type: 'function' as const, name: 'lookup', parameters: { type: 'object' } };
    const { transport } = startSession({
      session: { tools: [own] },
      plugins: [{ name: 'weather', tools: [tool] }],
    });
    expect(transport.sentOf('session.update')[0]?.session.tools).toEqual([
      own,
      {
        type: 'function',
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: tool.parameters,
      },
    ]);
  });

  it('refuses two tools with the same name', () => {
    const tool: ToolDefinition = {
      name: 'lookup',
      parameters: {},
      handler: () => Promise.resolve(1),
    };
    expect(() =>
      startSession({
        session: { tools: [{ type: 'function', name: 'lookup' }] },
        plugins: [{ name: 'p', tools: [tool] }],
      }),
    ).toThrow(expect.objectContaining({ code: 'E_TOOL_CONFLICT' }) as Error);
  });

  it('fails with E_FORMAT_MISMATCH when the server session streams another output format', () => {
    testScheduler().run(({ hot, flush }) => {
      const inbound$ = hot('5ms c 4ms u', {
        c: msg(ev.sessionCreated()),
        u: msg(ev.sessionUpdated({ output_audio_format: 'g711_ulaw' })),
      });
      const { events } = startSession({ handshake: false, inbound$ });
      flush();
      expect(fatal(events)).toMatchObject({
        recoverable: false,
        code: 'E_FORMAT_MISMATCH',
        message: expect.stringContaining(
          'output_audio_format g711_ulaw (expected pcm16/24000Hz/1ch)',
        ) as string,
      });
      expect(events.some((event) => event.type === 'session.ready')).toBe(false);
    });
  });

  it('refuses options out of range with E_INVALID_OPTION', () => {
    for (const bad of [
      { readyTimeoutMs: 0 },
      { inputFrameMs: 0.01 },
      { endGraceMs: -1 },
      { toolTimeoutMs: Number.NaN },
    ]) {
      expect(() => startSession(bad)).toThrow(
        expect.objectContaining({ code: 'E_INVALID_OPTION' }) as Error,
      );
    }
  });

  it('starts the update over when a new session.created arrives before session.updated', () => {
    testScheduler().run(({ hot, flush }) => {
      const inbound$ = hot('5ms a 9ms b 9ms u', {
        a: msg(ev.sessionCreated({ id: 'sess_1' })),
        b: msg(ev.sessionCreated({ id: 'sess_2' })),
        u: msg(ev.sessionUpdated({ id: 'sess_2' })),
      });
      const { events, transport } = startSession({ handshake: false, inbound$ });
      flush();
      expect(transport.sentOf('session.update')).toHaveLength(2);
      expect(events.find((event) => event.type === 'session.ready')).toMatchObject({
        sessionId: 'sess_2',
        atMs: 25,
      });
    });
  });
});
