import { PCM16_24K } from '@voxd/audio';
import {
  createMemorySink,
  createMemorySource,
  serverEvents as ev,
  testScheduler,
} from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import { audio, msg, startSession, typesOf } from './support.js';

describe('endWhenSourceCompletes', () => {
  it('closes once the source ended and the session stayed ready for the grace period', () => {
    testScheduler().run(({ flush }) => {
      const source = createMemorySource({
        format: PCM16_24K,
        frames: [audio(50), audio(50)],
        pace: 'realtime',
      });
      const { events } = startSession({ source, endWhenSourceCompletes: true, endGraceMs: 500 });
      flush();
      expect(events.find((e) => e.type === 'input.ended')).toMatchObject({
        atMs: 100,
        sentMs: 100,
      });
      expect(events.at(-1)).toMatchObject({
        type: 'session.closed',
        reason: 'source-ended',
        atMs: 600,
      });
    });
  });

  it('waits for the last response to finish playing, restarting the grace period', () => {
    testScheduler().run(({ hot, flush }) => {
      const source = createMemorySource({
        format: PCM16_24K,
        frames: [audio(50)],
        pace: 'realtime',
      });
      const sink = createMemorySink({ format: PCM16_24K });
      // Speech starts inside the grace period; the answer plays 300 ms from frame 400.
      const inbound$ = hot('200ms s 99ms t m 98ms (radD)', {
        s: msg(ev.speechStarted('item_U1', 0)),
        t: msg(ev.speechStopped('item_U1', 50)),
        m: msg(ev.committed('item_U1')),
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(300))),
        d: msg(ev.audioDone('resp_1', 'item_A1')),
        D: msg(ev.responseDone('resp_1')),
      });
      const { events } = startSession({
        source,
        sink,
        inbound$,
        endWhenSourceCompletes: true,
        endGraceMs: 500,
      });
      flush();
      expect(events.find((e) => e.type === 'playback.finished')).toMatchObject({
        atMs: 700,
        playedMs: 300,
      });
      expect(events.at(-1)).toMatchObject({
        type: 'session.closed',
        reason: 'source-ended',
        atMs: 1_200,
      });
      expect(typesOf(events).at(-2)).toBe('playback.finished');
    });
  });
});
