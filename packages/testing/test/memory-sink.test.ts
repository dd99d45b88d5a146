import { PCM16_24K, byteLengthForMs } from '@voxd/audio';
import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { describeSinkConformance } from '../src/conformance/sink-conformance.js';
import { createMemorySink } from '../src/memory-sink.js';
import { testScheduler } from '../src/test-scheduler.js';

const frame = (ms: number, fill: number, timestampMs = 0) => ({
  format: PCM16_24K,
  data: new Uint8Array(byteLengthForMs(PCM16_24K, ms)).fill(fill),
  timestampMs,
});

describe('createMemorySink', () => {
  it('plays each frame for its duration on the scheduler and reports the heard position', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const frames = cold('a-(b|)', { a: frame(20, 1), b: frame(10, 2) });
      expectObservable(sink.play(frames)).toBe('20ms a 9ms (bc|)', {
        a: { playedMs: 20 },
        b: { playedMs: 30 },
        c: { playedMs: 30 },
      });
    });
  });

  it('drops the frame in progress and the queue on unsubscribe, and records both', () => {
    testScheduler().run(({ cold, expectObservable, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const frames = cold('(abc|)', { a: frame(20, 1), b: frame(20, 2), c: frame(20, 3) });
      expectObservable(sink.play(frames), '^ 29ms !').toBe('20ms a', { a: { playedMs: 20 } });
      flush();
      const [play] = sink.plays;
      expect(play?.status).toBe('interrupted');
      expect(play?.heard.map((f) => f.data[0])).toEqual([1]);
      expect(play?.dropped.map((f) => f.data[0])).toEqual([2, 3]);
      expect(play?.endedAtMs).toBe(30);
      expect(sink.heardBytes()).toEqual(frame(20, 1).data);
    });
  });

  it('hears everything at once with pace asap, and reports 0 ms for an empty stream', async () => {
    const sink = createMemorySink({ format: PCM16_24K, pace: 'asap' });
    const progress: number[] = [];
    await new Promise<void>((resolve) => {
      sink
        .play(from([frame(20, 1), frame(20, 2)]))
        .subscribe({ next: (p) => progress.push(p.playedMs), complete: resolve });
    });
    expect(progress).toEqual([20, 40, 40]);
    const empty: number[] = [];
    sink.play(from([])).subscribe((p) => empty.push(p.playedMs));
    expect(empty).toEqual([0]);
    await sink.close();
    expect(sink.closed).toBe(true);
  });

  it('errors on a frame in another format', () => {
    const sink = createMemorySink({ format: PCM16_24K, pace: 'asap' });
    let error: unknown;
    sink
      .play(from([{ ...frame(20, 1), format: { ...PCM16_24K, sampleRate: 16000 as const } }]))
      .subscribe({
        error: (e: unknown) => (error = e),
      });
    expect(error).toMatchObject({ code: 'E_FORMAT_MISMATCH' });
  });
});

describeSinkConformance('memory sink (realtime)', () => {
  const sink = createMemorySink({ format: PCM16_24K });
  return { sink, outputMs: () => sink.plays.reduce((ms, play) => ms + play.playedMs, 0) };
});

describeSinkConformance('memory sink (asap)', () => {
  const sink = createMemorySink({ format: PCM16_24K, pace: 'asap' });
  return { sink, outputMs: () => sink.plays.reduce((ms, play) => ms + play.playedMs, 0) };
});
