import { durationMs, tone } from '@voxd/audio';
import type { AudioFormat, AudioFrame } from '@voxd/audio';
import type { AudioSink, PlaybackProgress } from '@voxd/core';
import { EMPTY, Subject, from, lastValueFrom, toArray } from 'rxjs';
import type { Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';

/** A sink built for one conformance test, with an optional probe of what it has output. */
export interface SinkUnderTest {
  readonly sink: AudioSink;
  /**
   * Milliseconds of audio the sink has output (written to its file, sent to its device), called
   * after `close()`. Without it, the tests check only what `play` reports.
   */
  readonly outputMs?: () => number | Promise<number>;
}

/** How the sink under test is driven. */
export interface SinkConformanceOptions {
  /** Duration of each test frame. @default 20 */
  readonly frameMs?: number;
  /** Frames in each test stream; keep realtime sinks' tests short. @default 10 */
  readonly frames?: number;
  /** Bound on each wait. @default 5000 */
  readonly timeoutMs?: number;
}

/**
 * Registers the tests every `AudioSink` must pass: progress is monotonic and reaches the
 * stream's duration, `play` completes after playing everything (and reports at least once, even
 * for an empty stream), consecutive plays each count from 0, unsubscribing stops at once (the
 * input is released, nothing more is reported or output), and `close()` is idempotent.
 *
 * `makeSink` is called once per test and must return a fresh sink; the suite closes it. Test
 * frames are a tone in `sink.format`.
 *
 * @example
 * describeSinkConformance('wav sink (asap)', () => {
 *   const sink = createWavSink({ path: join(dir, 'out.wav'), pace: 'asap' }, ctx);
 *   return { sink, outputMs: () => readWavDurationMs(sink.path) };
 * });
 */
export function describeSinkConformance(
  name: string,
  makeSink: () => SinkUnderTest | Promise<SinkUnderTest>,
  options: SinkConformanceOptions = {},
): void {
  const frameMs = options.frameMs ?? 20;
  const count = options.frames ?? 10;
  const timeoutMs = options.timeoutMs ?? 5000;
  const makeFrames = (format: AudioFormat, n: number): AudioFrame[] =>
    Array.from({ length: n }, (_, i) => ({
      format,
      data: tone(format, { frequencyHz: 440, durationMs: frameMs, amplitude: 0.3 }),
      timestampMs: i * frameMs,
    }));
  const totalMs = (frames: readonly AudioFrame[]): number =>
    frames.reduce((ms, f) => ms + durationMs(f.format, f.data.length), 0);
  const play = (sink: AudioSink, frames: readonly AudioFrame[]): Promise<PlaybackProgress[]> =>
    withTimeout(lastValueFrom(sink.play(from(frames)).pipe(toArray())), timeoutMs, 'play');

  describe(`${name}: AudioSink conformance`, () => {
    it('reports progress monotonically and completes after playing everything', async () => {
      const { sink, outputMs } = await makeSink();
      const frames = makeFrames(sink.format, count);
      const progress = await play(sink, frames);
      await sink.close();
      expect(progress.length).toBeGreaterThan(0);
      const played = progress.map((p) => p.playedMs);
      played.forEach((ms, i) => {
        if (i > 0) expect(ms, `progress ${i}`).toBeGreaterThanOrEqual(played[i - 1] ?? 0);
      });
      expect(played.at(-1)).toBeCloseTo(totalMs(frames), 3);
      if (outputMs) expect(await outputMs()).toBeCloseTo(totalMs(frames), 3);
    });

    it('reports at least once and completes for an empty stream', async () => {
      const { sink } = await makeSink();
      const progress = await withTimeout(
        lastValueFrom(sink.play(EMPTY).pipe(toArray())),
        timeoutMs,
        'play(EMPTY)',
      );
      await sink.close();
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)?.playedMs).toBe(0);
    });

    it('counts each play from 0 and outputs consecutive plays in full', async () => {
      const { sink, outputMs } = await makeSink();
      const first = makeFrames(sink.format, count);
      const second = makeFrames(sink.format, Math.max(1, Math.floor(count / 2)));
      const a = await play(sink, first);
      const b = await play(sink, second);
      await sink.close();
      expect(a.at(-1)?.playedMs).toBeCloseTo(totalMs(first), 3);
      expect(b.at(-1)?.playedMs).toBeCloseTo(totalMs(second), 3);
      if (outputMs) expect(await outputMs()).toBeCloseTo(totalMs(first) + totalMs(second), 3);
    });

    it('stops at once on unsubscribe: input released, nothing more reported or output', async () => {
      const { sink, outputMs } = await makeSink();
      const input = new Subject<AudioFrame>();
      const reported: number[] = [];
      let subscription: Subscription | undefined;
      let lastBeforeStop: number | undefined;
      const stopped = new Promise<void>((resolve, reject) => {
        subscription = sink.play(input).subscribe({
          next: ({ playedMs }) => {
            reported.push(playedMs);
            if (playedMs > 0 && lastBeforeStop === undefined) {
              lastBeforeStop = playedMs;
              subscription?.unsubscribe();
              resolve();
            }
          },
          error: reject,
          complete: () => reject(new Error('play completed though its input never did')),
        });
      });
      for (const frame of makeFrames(sink.format, count)) input.next(frame);
      await withTimeout(stopped, timeoutMs, 'first progress');
      expect(input.observed).toBe(false);
      for (const frame of makeFrames(sink.format, count)) input.next(frame);
      await new Promise((resolve) => setTimeout(resolve, 3 * frameMs));
      expect(reported.at(-1)).toBe(lastBeforeStop);
      await sink.close();
      // What was output is exactly what was reported as played: nothing buffered leaked out.
      if (outputMs) expect(await outputMs()).toBeCloseTo(lastBeforeStop ?? 0, 3);
    });

    it('close() is idempotent', async () => {
      const { sink } = await makeSink();
      await play(sink, makeFrames(sink.format, 2));
      await Promise.all([sink.close(), sink.close()]);
      await expect(sink.close()).resolves.toBeUndefined();
    });
  });
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not settle in ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
