import { PCM16_24K } from '@voxd/audio';
import { VoxdError } from '@voxd/errors';
import {
  createMemorySink,
  createMemorySource,
  serverEvents as ev,
  testScheduler,
} from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import type { SessionEvent } from '../src/session-event.js';
import type { TransportMessage } from '../src/transport.js';
import { audio, isControl, msg, startSession, typesOf } from './support.js';

const errorsOf = (events: readonly SessionEvent[]) =>
  events.flatMap((event) => (event.type === 'session.error' ? [event] : []));

describe('session resilience', () => {
  it('re-sends session.update on a new server session and carries on', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const inbound$ = hot('150ms c', { c: msg(ev.sessionCreated({ id: 'sess_2' })) });
      const { transport, session, events } = startSession({
        inbound$,
        session: { instructions: 'hi' },
      });
      hot('50ms s').subscribe(() =>
        transport.setStatus({
          type: 'reconnecting',
          attempt: 1,
          reason: 'socket closed',
          delayMs: 100,
        }),
      );
      expectObservable(session.state$).toBe('a 49ms b 99ms c', {
        a: 'ready',
        b: 'reconnecting',
        c: 'ready',
      });
      return () => {
        expect(transport.sentOf('session.update').map((event) => event.session)).toEqual([
          { instructions: 'hi' },
          { instructions: 'hi' },
        ]);
        expect(typesOf(events)).toEqual([
          'session.connecting',
          'session.ready',
          'session.reconnecting',
          'session.reconnected',
        ]);
        expect(events.find((event) => event.type === 'session.reconnected')).toMatchObject({
          sessionId: 'sess_2',
          reconnects: 1,
        });
      };
    });
  });

  it('keeps going after malformed frames, unknown events and server errors', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot<TransportMessage>('10ms m 9ms u 9ms e f 8ms (radD)', {
        m: { kind: 'malformed', reason: 'not JSON' },
        u: {
          kind: 'unknown',
          type: 'response.future_thing',
          raw: { type: 'response.future_thing', x: 1 },
        },
        e: msg(ev.error({ message: 'item not found', code: 'item_not_found' })),
        f: msg({
          type: 'conversation.item.input_audio_transcription.failed',
          event_id: 'event_f',
          item_id: 'item_U1',
          content_index: 0,
          error: { message: 'audio too short' },
        }),
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(100))),
        d: msg(ev.audioDone('resp_1', 'item_A1')),
        D: msg(ev.responseDone('resp_1')),
      });
      const { events, transport } = startSession({ inbound$, sink });
      flush();
      expect(errorsOf(events).map((e) => [e.code, e.recoverable])).toEqual([
        ['E_MALFORMED_EVENT', true],
        ['item_not_found', true],
        ['E_TRANSCRIPTION_FAILED', true],
      ]);
      expect(events.find((e) => e.type === 'server.unknown')).toMatchObject({
        eventType: 'response.future_thing',
        raw: { x: 1 },
      });
      expect(sink.plays[0]?.status).toBe('finished');
      expect(transport.closeCode).toBeUndefined();
    });
  });

  it('does not report the server refusing a cancel it had already done itself', () => {
    testScheduler().run(({ hot, flush }) => {
      const inbound$ = hot('10ms r 9ms s', {
        r: msg(ev.responseCreated('resp_1')),
        s: msg(ev.speechStarted('item_U2', 900)),
      });
      const { events } = startSession({
        inbound$,
        respond: (event, server) => {
          if (event.type !== 'response.cancel') return;
          server.emit(
            ev.error({
              message: 'no active response',
              code: 'response_cancel_not_active',
              eventId: event.event_id ?? '',
            }),
          );
        },
      });
      flush();
      expect(events.some((e) => e.type === 'turn.interrupted')).toBe(true);
      expect(errorsOf(events)).toEqual([]);
    });
  });

  it('fails the session when the transport fails, and errors events$ with that error', async () => {
    const { transport, events, failure, session } = startSession({});
    const states: string[] = [];
    session.state$.subscribe((state) => states.push(state));
    const cause = new VoxdError('E_AUTH', 'the endpoint refused the key');
    transport.fail(cause);
    expect(errorsOf(events)).toMatchObject([{ recoverable: false, code: 'E_AUTH' }]);
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'error' });
    expect(states).toEqual(['ready', 'error']);
    await Promise.resolve();
    expect(failure.error).toBe(cause);
  });

  it('closes when the server ends the connection', () => {
    const { transport, events } = startSession({});
    transport.end();
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'transport-closed' });
  });

  it('close() stops the source, drops playback, closes transport and sink, and completes', async () => {
    let started: ReturnType<typeof startSession> | undefined;
    const sink = createMemorySink({ format: PCM16_24K });
    const source = createMemorySource({
      format: PCM16_24K,
      frames: [audio(20), audio(20)],
      pace: 'realtime',
    });
    let completed = false;
    testScheduler().run(({ hot, flush }) => {
      const inbound$ = hot('10ms (ra)', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(300))),
      });
      started = startSession({ inbound$, sink, source });
      started.session.events$.subscribe({ complete: () => (completed = true) });
      hot('30ms c').subscribe(() => void started?.session.close());
      flush();
    });
    const { transport, events, session } = started!;
    await session.close();
    expect(completed).toBe(true);
    expect(source.releases).toBe(1);
    expect(sink.plays[0]?.status).toBe('interrupted');
    expect(sink.closed).toBe(true);
    expect(transport.closeCode).toBe(1000);
    expect(transport.sentAfterClose).toEqual([]);
    expect(typesOf(events).slice(-2)).toEqual(['playback.interrupted', 'session.closed']);
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'closed', atMs: 30 });
  });

  it('after a reconnect, flushes old audio on speech but does not truncate items the new server never had', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms (ra) 39ms c 9ms s', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(300))),
        c: msg(ev.sessionCreated({ id: 'sess_2' })),
        s: msg(ev.speechStarted('item_U9', 0)),
      });
      const { transport } = startSession({ inbound$, sink });
      flush();
      expect(sink.plays[0]?.status).toBe('interrupted');
      expect(transport.sent.filter(isControl)).toEqual([]);
    });
  });
});
