import { PCM16_24K } from '@voxd/audio';
import { createMemorySink, serverEvents as ev, testScheduler } from '@voxd/testing';
import { filter, map } from 'rxjs';
import { describe, expect, it } from 'vitest';

import type { AudioSink, PlaybackProgress } from '../src/audio-sink.js';
import { audio, describeClientEvent, isControl, msg, startSession, typesOf } from './support.js';

const progress = (playedMs: number): PlaybackProgress => ({ playedMs });

describe('barge-in', () => {
  it('unsubscribes playback at the speech frame, then cancels and truncates at the played position', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const played = cold('100ms a 99ms b 99ms (c|)', {
        a: progress(100),
        b: progress(200),
        c: progress(300),
      });
      const sink: AudioSink = {
        kind: 'marble',
        format: PCM16_24K,
        play: () => played,
        close: () => Promise.resolve(),
      };
      const inbound$ = hot('10ms r d 238ms s', {
        r: msg(ev.responseCreated('resp_1')),
        d: msg(ev.audioDelta('resp_1', 'item_A1', audio(300))),
        s: msg(ev.speechStarted('item_U2', 900)),
      });
      const { transport, events } = startSession({ inbound$, sink });

      expectObservable(transport.sent$.pipe(filter(isControl), map(describeClientEvent))).toBe(
        '250ms (xy)',
        { x: 'cancel resp_1', y: 'truncate item_A1@200' },
      );
      expectSubscriptions(played.subscriptions).toBe('11ms ^ 238ms !');
      return () => events;
    });
  });

  it('plays not one sample of a cancelled response, even from deltas that arrive after the cancel', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms (r12) 135ms s 9ms 3 9ms (xd)', {
        r: msg(ev.responseCreated('resp_1')),
        1: msg(ev.audioDelta('resp_1', 'item_A1', audio(100, 1))),
        2: msg(ev.audioDelta('resp_1', 'item_A1', audio(100, 2))),
        s: msg(ev.speechStarted('item_U2', 900)),
        3: msg(ev.audioDelta('resp_1', 'item_A1', audio(100, 3))),
        x: msg(ev.audioDone('resp_1', 'item_A1')),
        d: msg(
          ev.responseDone('resp_1', 'cancelled', { type: 'cancelled', reason: 'client_cancelled' }),
        ),
      });
      const { transport, events } = startSession({ inbound$, sink });
      flush();

      expect(sink.plays).toHaveLength(1);
      expect(sink.plays[0]?.status).toBe('interrupted');
      expect(sink.heardBytes()).toEqual(audio(100, 1));
      expect(sink.plays[0]?.dropped.map((frame) => frame.data[0])).toEqual([2]);
      expect(sink.plays[0]?.endedAtMs).toBe(150);
      expect(transport.sent.filter(isControl).map(describeClientEvent)).toEqual([
        'cancel resp_1',
        'truncate item_A1@100',
      ]);
      // The late delta is dropped before it is even counted as received audio.
      expect(events.filter((e) => e.type === 'response.audio')).toHaveLength(2);
      expect(events.find((e) => e.type === 'playback.interrupted')).toMatchObject({
        itemId: 'item_A1',
        playedMs: 100,
        receivedMs: 200,
        flushLatencyMs: 0,
      });
      expect(events.find((e) => e.type === 'turn.interrupted')).toMatchObject({
        responseIds: ['resp_1'],
        cancelSent: true,
        truncations: [{ itemId: 'item_A1', audioEndMs: 100 }],
      });
    });
  });

  it('sends nothing when the user speaks while nothing runs or plays', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms s 39ms t', {
        s: msg(ev.speechStarted('item_U1', 0)),
        t: msg(ev.speechStopped('item_U1', 400)),
      });
      const { transport, events } = startSession({ inbound$, sink });
      flush();
      expect(transport.sent.filter(isControl)).toEqual([]);
      expect(typesOf(events)).toEqual([
        'session.connecting',
        'session.ready',
        'turn.started',
        'turn.ended',
      ]);
    });
  });

  it('does not truncate a response that finished playing', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms (radD) 190ms s', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(100))),
        d: msg(ev.audioDone('resp_1', 'item_A1')),
        D: msg(ev.responseDone('resp_1')),
        s: msg(ev.speechStarted('item_U2', 900)),
      });
      const { transport, events } = startSession({ inbound$, sink });
      flush();
      expect(sink.plays[0]?.status).toBe('finished');
      expect(transport.sent.filter(isControl)).toEqual([]);
      expect(events.some((e) => e.type === 'turn.interrupted')).toBe(false);
    });
  });

  it('truncates without cancelling when the response is done but its audio still plays', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms (raabdD) 144ms s', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(50))),
        b: msg(ev.audioDelta('resp_1', 'item_A1', audio(100))),
        d: msg(ev.audioDone('resp_1', 'item_A1')),
        D: msg(ev.responseDone('resp_1')),
        s: msg(ev.speechStarted('item_U2', 900)),
      });
      const { transport } = startSession({ inbound$, sink });
      flush();
      // Frames of 50, 50 and 100 ms start at 10: at 162 the first two (100 ms) were heard.
      expect(transport.sent.filter(isControl).map(describeClientEvent)).toEqual([
        'truncate item_A1@100',
      ]);
    });
  });

  it('cancels a running response that has no audio yet, with nothing to truncate', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms r 9ms s', {
        r: msg(ev.responseCreated('resp_1')),
        s: msg(ev.speechStarted('item_U2', 900)),
      });
      const { transport } = startSession({ inbound$, sink });
      flush();
      expect(transport.sent.filter(isControl).map(describeClientEvent)).toEqual(['cancel resp_1']);
    });
  });

  it('leaves truncation to the server when turn_detection.auto_truncate is on', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms (ra) 149ms s', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(300))),
        s: msg(ev.speechStarted('item_U2', 900)),
      });
      const { transport, events } = startSession({
        inbound$,
        sink,
        session: { turn_detection: { type: 'server_vad', auto_truncate: true } },
      });
      flush();
      expect(transport.sent.filter(isControl).map(describeClientEvent)).toEqual(['cancel resp_1']);
      expect(sink.plays[0]?.status).toBe('interrupted');
      expect(events.find((e) => e.type === 'turn.interrupted')).toMatchObject({ truncations: [] });
    });
  });

  it('drops queued items of the cut response and truncates them at 0', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms (rabc) 99ms s', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(200))),
        b: msg(ev.audioDone('resp_1', 'item_A1')),
        c: msg(ev.audioDelta('resp_1', 'item_A2', audio(100))),
        s: msg(ev.speechStarted('item_U2', 900)),
      });
      const { transport } = startSession({ inbound$, sink });
      flush();
      expect(sink.plays).toHaveLength(1);
      expect(transport.sent.filter(isControl).map(describeClientEvent)).toEqual([
        'cancel resp_1',
        'truncate item_A1@0',
        'truncate item_A2@0',
      ]);
    });
  });
});
