import { readFile, stat } from 'node:fs/promises';

import { PCM16_16K, PCM16_24K, parseWavHeader, pcm16ToSamples, samplesToPcm16 } from '@voxd/audio';
import type { AudioFormat, AudioFrame } from '@voxd/audio';
import type { SessionEvent } from '@voxd/core';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { recorderPlugin } from '../src/recorder-plugin.js';
import { at, manualClock, pluginContext, tempDir } from './support.js';

const RATE = 24_000;
const perMs = RATE / 1000;

function frame(format: AudioFormat, timestampMs: number, ms: number, value: number): AudioFrame {
  const count = (format.sampleRate / 1000) * ms;
  return { format, timestampMs, data: samplesToPcm16(new Int16Array(count).fill(value)) };
}

/** The recording's samples (the header must describe exactly the bytes that follow it). */
async function readRecording(path: string): Promise<Int16Array> {
  const bytes = new Uint8Array(await readFile(path));
  const info = parseWavHeader(bytes);
  expect(info.format).toEqual(PCM16_24K);
  expect(info.dataOffset + info.dataLength).toBe(bytes.length);
  return pcm16ToSamples(bytes.subarray(info.dataOffset));
}

/** Runs of equal values as [value, ms] pairs, to compare a timeline at a glance. */
function runs(samples: Int16Array): [number, number][] {
  const out: [number, number][] = [];
  for (const sample of samples) {
    const last = out.at(-1);
    if (last !== undefined && last[0] === sample) last[1] += 1;
    else out.push([sample, 1]);
  }
  return out.map(([value, count]) => [value, count / perMs]);
}

describe('recorder plugin', () => {
  it('mixes user and played assistant audio on one timeline, cut at the barge-in', async () => {
    const baseDir = await tempDir('recorder');
    const clock = manualClock(10_000);
    const ctx = pluginContext(baseDir, clock);
    const plugin = recorderPlugin.create(recorderPlugin.options.parse({}), ctx);
    const events$ = new Subject<SessionEvent>();
    plugin.tap?.(events$);
    const input$ = new Subject<AudioFrame>();
    plugin.processInput?.(input$).subscribe();

    events$.next(
      at(10_000, { type: 'session.ready', sessionId: 'sess_rec', session: {} as never }),
    );
    // The user speaks 0–500 ms (a live source emits each frame once captured, at its end).
    clock.set(10_100);
    for (let ms = 0; ms < 500; ms += 100) input$.next(frame(PCM16_24K, ms, 100, 1000));

    // The assistant's item starts playing at 1000 ms; all 1000 ms of it arrive at once.
    clock.set(11_000);
    events$.next(at(11_000, { type: 'playback.started', responseId: 'r1', itemId: 'a1' }));
    const output$ = new Subject<AudioFrame>();
    plugin.processOutput?.(output$).subscribe();
    for (let ms = 0; ms < 1000; ms += 250) output$.next(frame(PCM16_24K, ms, 250, 2000));

    // The user talks over it at 1100 ms (16 kHz input is resampled); playback is cut at 300 ms.
    clock.set(11_100);
    input$.next(frame(PCM16_16K, 1100, 100, 1000));
    clock.set(11_400);
    events$.next(
      at(11_400, {
        type: 'playback.interrupted',
        responseId: 'r1',
        itemId: 'a1',
        playedMs: 300,
        receivedMs: 1000,
        flushLatencyMs: 2,
      }),
    );
    output$.complete();

    // Everything 1500 ms behind the clock is final: 1500 ms are on disk, in a valid WAV.
    clock.set(13_000);
    events$.next(at(13_000, { type: 'input.audio', durationMs: 100 }));
    expect(plugin.paths).toHaveLength(1);
    const path = plugin.paths[0] ?? '';
    expect(path).toMatch(/recordings\/test_agent-.*-sess_rec\.wav$/);
    for (let i = 0; i < 200 && (await stat(path)).size < 44 + 1500 * perMs * 2; i += 1) {
      await new Promise((done) => setTimeout(done, 10));
    }
    const timeline: [number, number][] = [
      [1000, 500],
      [0, 500],
      [2000, 100],
      [3000, 100], // both voices during the barge-in, summed
      [2000, 100],
      [0, 200], // the cut item's remaining 700 ms are not in the recording
    ];
    expect(runs(await readRecording(path))).toEqual(timeline);

    events$.next(at(13_100, { type: 'session.closed', reason: 'closed' }));
    await plugin.whenClosed();
    expect(runs(await readRecording(path))).toEqual(timeline);
    expect(ctx.logger.entries).toEqual([]);
  });

  it('validates its options and folder', async () => {
    const baseDir = await tempDir('recorder-validate');
    const options = recorderPlugin.options.parse({ dir: 'out', sample_rate: 16000 });
    expect(options).toEqual({ dir: 'out', sample_rate: 16000 });
    expect(await recorderPlugin.validate?.(options, { agentName: 'a', baseDir })).toEqual([]);
    expect(() => recorderPlugin.options.parse({ sample_rate: 44100 })).toThrow(/sample_rate/);
  });
});
