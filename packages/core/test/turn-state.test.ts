import { PCM16_24K } from '@voxd/audio';
import type { SessionConfig } from '@voxd/protocol';
import { createMemorySink, serverEvents as ev, testScheduler } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import type { SessionEvent } from '../src/session-event.js';
import { INITIAL_TURN_TRACKER, reduceTurnTracker, turnStateOf } from '../src/turn-state.js';
import { audio, msg, startSession } from './support.js';

describe('turn state', () => {
  it('goes connecting → ready → listening → processing → speaking → ready over a full turn', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('5ms c 4ms u 9ms s 19ms t m 8ms r 9ms (adD)', {
        c: msg(ev.sessionCreated()),
        u: msg(ev.sessionUpdated()),
        s: msg(ev.speechStarted('item_U1', 0)),
        t: msg(ev.speechStopped('item_U1', 600)),
        m: msg(ev.committed('item_U1')),
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(100))),
        d: msg(ev.audioDone('resp_1', 'item_A1')),
        D: msg(ev.responseDone('resp_1')),
      });
      const { session } = startSession({ inbound$, sink, handshake: false });
      expectObservable(session.state$).toBe('a 9ms b 9ms c 19ms d 19ms e 99ms f', {
        a: 'connecting',
        b: 'ready',
        c: 'listening',
        d: 'processing',
        e: 'speaking',
        f: 'ready',
      });
    });
  });

  it('stays listening when an interrupted item stops playing, and is busy while tools run', () => {
    const at = (type: SessionEvent['type'], extra: object = {}) =>
      ({ type, atMs: 0, ...extra }) as SessionEvent;
    const states = [
      at('session.ready'),
      at('playback.started', { responseId: 'r', itemId: 'i' }),
      at('turn.started', { itemId: 'u', audioStartMs: 0 }),
      at('playback.interrupted', {
        responseId: 'r',
        itemId: 'i',
        playedMs: 1,
        receivedMs: 2,
        flushLatencyMs: 0,
      }),
      at('turn.ended', { itemId: 'u', audioEndMs: 9 }),
      at('turn.committed', { itemId: 'u', previousItemId: undefined, responseExpected: false }),
      at('tool.call', { responseId: 'r', callId: 'c', name: 't', arguments: {} }),
      at('tool.result', {
        responseId: 'r',
        callId: 'c',
        name: 't',
        durationMs: 1,
        ok: true,
        output: '1',
        timedOut: false,
      }),
    ].reduce<string[]>((acc, event, index, all) => {
      const tracker = all.slice(0, index + 1).reduce(reduceTurnTracker, INITIAL_TURN_TRACKER);
      return [...acc, turnStateOf(tracker)];
    }, []);
    expect(states).toEqual([
      'ready',
      'speaking',
      'listening',
      'listening',
      'processing',
      'ready',
      'processing',
      'ready',
    ]);
  });

  it('expects a response after a commit unless turn detection is off or create_response is false', () => {
    const committed = (session: SessionConfig) => {
      const { transport, events } = startSession({ session, handshake: true });
      transport.emit(ev.committed('item_U1'));
      return events.find((e) => e.type === 'turn.committed');
    };
    expect(committed({})).toMatchObject({ responseExpected: true });
    expect(committed({ turn_detection: null })).toMatchObject({ responseExpected: false });
    expect(
      committed({ turn_detection: { type: 'server_vad', create_response: false } }),
    ).toMatchObject({
      responseExpected: false,
    });
  });
});
