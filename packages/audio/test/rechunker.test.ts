import { describe, expect, it } from 'vitest';

import { G711_ULAW, PCM16_16K, PCM16_24K } from '../src/audio-format.js';
import { AudioError } from '../src/audio-error.js';
import { createRechunker } from '../src/rechunker.js';
import { catchError } from './catch-error.js';

function counting(length: number, start = 0): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i) & 0xff);
}

function joined(frames: readonly Uint8Array[]): number[] {
  return frames.flatMap((f) => Array.from(f));
}

describe('createRechunker', () => {
  it('cuts 20 ms frames of 24 kHz PCM16 (960 bytes) out of uneven chunks, in order', () => {
    const rechunker = createRechunker(PCM16_24K, 20);
    expect(rechunker.frameBytes).toBe(960);
    const input = counting(5000);
    const frames = [
      ...rechunker.push(input.subarray(0, 100)),
      ...rechunker.push(input.subarray(100, 2901)),
      ...rechunker.push(input.subarray(2901, 2901)),
      ...rechunker.push(input.subarray(2901, 5000)),
    ];
    expect(frames.map((f) => f.length)).toEqual([960, 960, 960, 960, 960]);
    expect(rechunker.pendingBytes).toBe(200);
    const tail = rechunker.flush();
    expect(tail?.length).toBe(200);
    expect(joined([...frames, tail ?? new Uint8Array(0)])).toEqual(Array.from(input));
  });

  it('returns views of the input for whole frames and copies only held-back bytes', () => {
    const rechunker = createRechunker(PCM16_16K, 10); // 320 bytes
    const input = counting(700);
    const frames = rechunker.push(input);
    expect(frames.map((f) => f.buffer === input.buffer)).toEqual([true, true]);
    input.fill(0); // the caller reuses its buffer
    const tail = rechunker.flush();
    expect(Array.from(tail ?? [])).toEqual(Array.from(counting(60, 640)));
  });

  it('handles a chunk boundary inside a sample', () => {
    const rechunker = createRechunker(PCM16_16K, 10);
    const input = counting(641);
    const frames = [
      ...rechunker.push(input.subarray(0, 161)),
      ...rechunker.push(input.subarray(161)),
    ];
    expect(frames.map((f) => f.length)).toEqual([320, 320]);
    expect(joined(frames)).toEqual(Array.from(input.subarray(0, 640)));
    const error = catchError(() => rechunker.flush());
    expect(error).toBeInstanceOf(AudioError);
    expect(error).toMatchObject({
      code: 'E_AUDIO_PARTIAL_SAMPLE',
      message: 'stream ended inside a sample: 1 byte(s) held back are not whole 2-byte samples',
    });
  });

  it('returns undefined from flush when nothing is held back, and restarts cleanly', () => {
    const rechunker = createRechunker(G711_ULAW, 20); // 160 bytes
    expect(rechunker.push(counting(320)).length).toBe(2);
    expect(rechunker.flush()).toBeUndefined();
    expect(rechunker.push(counting(10)).length).toBe(0);
    expect(rechunker.flush()?.length).toBe(10);
    expect(rechunker.pendingBytes).toBe(0);
  });

  it('does not hand out a held frame that a later push would overwrite', () => {
    const rechunker = createRechunker(G711_ULAW, 10); // 80 bytes
    rechunker.push(counting(50));
    const [first] = rechunker.push(counting(100, 50));
    rechunker.push(counting(50, 200));
    expect(Array.from(first ?? [])).toEqual(Array.from(counting(80)));
  });

  it.each([0, -10, 0.1, 15.5 / 8, Number.NaN])('rejects frameMs %d', (frameMs) => {
    const error = catchError(() => createRechunker(G711_ULAW, frameMs));
    expect(error).toMatchObject({ code: 'E_AUDIO_INVALID_ARGUMENT' });
    expect((error as Error).message).toContain(`frameMs ${frameMs} is not a positive whole number`);
  });
});
