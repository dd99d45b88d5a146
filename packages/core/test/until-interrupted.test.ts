import { testScheduler } from '@voxd/testing';
import { describe, it } from 'vitest';

import { untilInterrupted } from '../src/until-interrupted.js';

describe('untilInterrupted', () => {
  it('emits the last played position and unsubscribes playback when interrupted', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const progress = cold('-a-b-c-d|', {
        a: { playedMs: 20 },
        b: { playedMs: 40 },
        c: { playedMs: 60 },
        d: { playedMs: 80 },
      });
      const speech = hot('------s--');
      expectObservable(progress.pipe(untilInterrupted(speech))).toBe('------(x|)', {
        x: { interrupted: true, playedMs: 60 },
      });
      expectSubscriptions(progress.subscriptions).toBe('^-----!');
    });
  });

  it('reports a playback that finished as not interrupted', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const progress = cold('-a-b|', { a: { playedMs: 20 }, b: { playedMs: 40 } });
      const speech = hot('-------s');
      expectObservable(progress.pipe(untilInterrupted(speech))).toBe('----(x|)', {
        x: { interrupted: false, playedMs: 40 },
      });
      expectSubscriptions(progress.subscriptions).toBe('^---!');
      expectSubscriptions(speech.subscriptions).toBe('^---!');
    });
  });

  it('reports 0 ms when interrupted before the sink reported anything', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const progress = cold('----a|', { a: { playedMs: 20 } });
      expectObservable(progress.pipe(untilInterrupted(hot('-s')))).toBe('-(x|)', {
        x: { interrupted: true, playedMs: 0 },
      });
    });
  });
});
