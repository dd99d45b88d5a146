import { byteLengthForMs, durationMs, sameFormat } from '@voxd/audio';
import type { AudioFrame } from '@voxd/audio';
import type { AudioSource } from '@voxd/core';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import type { Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { eventually } from '../eventually.js';

/** A source built for one conformance test, with a probe of the resources it holds. */
export interface SourceUnderTest {
  readonly source: AudioSource;
  /**
   * Whether the source holds its OS resource (file descriptor, socket, device stream) right now.
   * For files, `() => openFileCount(path) > 0`.
   */
  readonly isOpen: () => boolean | Promise<boolean>;
}

/** How the source under test is expected to behave. */
export interface SourceConformanceOptions {
  /** Duration of every frame but the last. */
  readonly frameMs: number;
  /** The source ends by itself (a file) rather than running until unsubscribed. @default true */
  readonly completes?: boolean;
  /** Two subscriptions give the same audio (a file, a generator; not a live device). @default true */
  readonly repeatable?: boolean;
  /** Frames taken from a source that does not complete. @default 10 */
  readonly sampleFrames?: number;
  /** Bound on each wait; generous, since tests must not depend on timing. @default 5000 */
  readonly timeoutMs?: number;
}

/**
 * Registers the tests every `AudioSource` must pass: cold until subscribed, frames of exactly
 * `frameMs` in `source.format`, timestamps increasing without overlap, completion at the end,
 * everything released on completion and on unsubscribe (also an unsubscribe before the first
 * frame), and nothing emitted after teardown.
 *
 * `makeSource` is called once per test and must return a fresh source.
 *
 * @example
 * describeSourceConformance('wav source (asap)', () => {
 *   const source = createWavSource({ path: file, pace: 'asap' }, ctx);
 *   return { source, isOpen: () => openFileCount(file) > 0 };
 * }, { frameMs: 20 });
 */
export function describeSourceConformance(
  name: string,
  makeSource: () => SourceUnderTest | Promise<SourceUnderTest>,
  options: SourceConformanceOptions,
): void {
  const completes = options.completes ?? true;
  const repeatable = options.repeatable ?? true;
  const sampleFrames = options.sampleFrames ?? 10;
  const timeoutMs = options.timeoutMs ?? 5000;
  const collect = (source: AudioSource): Promise<AudioFrame[]> =>
    lastValueFrom(
      (completes ? source.frames$ : source.frames$.pipe(take(sampleFrames))).pipe(toArray()),
    );

  describe(`${name}: AudioSource conformance`, () => {
    it('is cold: nothing is opened before subscribe', async () => {
      const { source, isOpen } = await makeSource();
      // Give a hot source every chance to start on its own.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await isOpen()).toBe(false);
      await firstValueFrom(source.frames$);
      await eventually(async () => !(await isOpen()), 'released after take(1)', timeoutMs);
    });

    it('emits frames of exactly frameMs in the source format', async () => {
      const { source } = await makeSource();
      const frames = await collect(source);
      expect(frames.length).toBeGreaterThan(0);
      const frameBytes = byteLengthForMs(source.format, options.frameMs);
      frames.forEach((frame, index) => {
        expect(sameFormat(frame.format, source.format), `frame ${index} format`).toBe(true);
        const last = completes && index === frames.length - 1;
        if (last) {
          expect(frame.data.length).toBeGreaterThan(0);
          expect(frame.data.length).toBeLessThanOrEqual(frameBytes);
        } else {
          expect(frame.data.length, `frame ${index} bytes`).toBe(frameBytes);
        }
      });
    });

    it('stamps frames with increasing, non-overlapping timestamps', async () => {
      const { source } = await makeSource();
      const frames = await collect(source);
      expect(frames[0]?.timestampMs).toBeGreaterThanOrEqual(0);
      for (let i = 1; i < frames.length; i += 1) {
        const previous = frames[i - 1];
        const frame = frames[i];
        if (previous === undefined || frame === undefined) continue;
        const previousEndMs =
          previous.timestampMs + durationMs(previous.format, previous.data.length);
        expect(frame.timestampMs, `frame ${i} timestamp`).toBeGreaterThan(previous.timestampMs);
        // Sub-microsecond slack for float ms; a gap (dropped audio) is allowed, an overlap is not.
        expect(frame.timestampMs, `frame ${i} overlaps`).toBeGreaterThanOrEqual(
          previousEndMs - 1e-6,
        );
      }
    });

    if (completes) {
      it('completes at the end of input and releases everything', async () => {
        const { source, isOpen } = await makeSource();
        let completed = false;
        await lastValueFrom(source.frames$, { defaultValue: undefined }).then(() => {
          completed = true;
        });
        expect(completed).toBe(true);
        await eventually(async () => !(await isOpen()), 'released after completion', timeoutMs);
      });
    }

    if (repeatable) {
      it('gives each subscription its own stream from the start', async () => {
        const { source } = await makeSource();
        const [a, b] = await Promise.all([collect(source), collect(source)]);
        expect(b.length).toBe(a.length);
        expect(b.map((f) => f.timestampMs)).toEqual(a.map((f) => f.timestampMs));
        // Buffer.equals, not toEqual: a generic deep compare of audio takes seconds.
        expect(concatBytes(b).equals(concatBytes(a)), 'same audio bytes').toBe(true);
      });
    }

    it('releases everything on unsubscribe and emits nothing after teardown', async () => {
      const { source, isOpen } = await makeSource();
      let afterTeardown = 0;
      let unsubscribed = false;
      let seen = 0;
      let subscription: Subscription | undefined;
      await new Promise<void>((resolve, reject) => {
        subscription = source.frames$.subscribe({
          next: () => {
            if (unsubscribed) afterTeardown += 1;
            seen += 1;
            if (seen === 2) resolve();
          },
          error: reject,
          complete: () => resolve(),
        });
      });
      unsubscribed = true;
      subscription?.unsubscribe();
      await eventually(async () => !(await isOpen()), 'released after unsubscribe', timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(afterTeardown).toBe(0);
    });

    it('releases everything when unsubscribed before the first frame', async () => {
      const { source, isOpen } = await makeSource();
      let unsubscribed = false;
      let afterTeardown = 0;
      const subscription = source.frames$.subscribe({
        next: () => {
          if (unsubscribed) afterTeardown += 1;
        },
      });
      unsubscribed = true;
      subscription.unsubscribe();
      // An open that was already in flight must still be closed when it lands.
      await new Promise((resolve) => setTimeout(resolve, 50));
      await eventually(
        async () => !(await isOpen()),
        'released after early unsubscribe',
        timeoutMs,
      );
      expect(afterTeardown).toBe(0);
    });
  });
}

function concatBytes(frames: readonly AudioFrame[]): Buffer {
  return Buffer.concat(frames.map((f) => f.data));
}
