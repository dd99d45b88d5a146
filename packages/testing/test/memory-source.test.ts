import { PCM16_24K, byteLengthForMs } from '@voxd/audio';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { describeSourceConformance } from '../src/conformance/source-conformance.js';
import { createMemorySource } from '../src/memory-source.js';
import { testScheduler } from '../src/test-scheduler.js';

describe('createMemorySource', () => {
  it('cuts audio into frameMs frames with increasing timestamps', async () => {
    const audio = new Uint8Array(byteLengthForMs(PCM16_24K, 50)).map((_, i) => i % 251);
    const source = createMemorySource({ format: PCM16_24K, audio, frameMs: 20 });
    const frames = await lastValueFrom(source.frames$.pipe(toArray()));
    expect(frames.map((f) => [f.timestampMs, f.data.length])).toEqual([
      [0, 960],
      [20, 960],
      [40, 480],
    ]);
    expect(Buffer.concat(frames.map((f) => f.data))).toEqual(Buffer.from(audio));
    expect([source.subscriptions, source.releases]).toEqual([1, 1]);
  });

  it('paces frames by their duration in realtime mode', () => {
    testScheduler().run(({ expectObservable }) => {
      const frames = [new Uint8Array(960), new Uint8Array(480)];
      const source = createMemorySource({ format: PCM16_24K, frames, pace: 'realtime' });
      expectObservable(source.frames$).toBe('20ms a 9ms (b|)', {
        a: { format: PCM16_24K, data: frames[0], timestampMs: 0 },
        b: { format: PCM16_24K, data: frames[1], timestampMs: 20 },
      });
    });
  });

  it('errors after the last frame when asked to', async () => {
    const source = createMemorySource({
      format: PCM16_24K,
      frames: [new Uint8Array(960)],
      error: new Error('mic unplugged'),
    });
    await expect(lastValueFrom(source.frames$)).rejects.toThrow('mic unplugged');
  });
});

describeSourceConformance(
  'memory source',
  () => {
    const source = createMemorySource({
      format: PCM16_24K,
      audio: new Uint8Array(byteLengthForMs(PCM16_24K, 200)).fill(3),
      frameMs: 20,
      pace: 'realtime',
    });
    return { source, isOpen: () => source.subscriptions > source.releases };
  },
  { frameMs: 20 },
);
