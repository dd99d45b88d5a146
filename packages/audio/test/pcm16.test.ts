import { describe, expect, it } from 'vitest';

import { AudioError } from '../src/audio-error.js';
import { pcm16ToSamples, samplesToPcm16 } from '../src/pcm16.js';
import { catchError } from './catch-error.js';

describe('pcm16', () => {
  it('reads little-endian signed samples', () => {
    const bytes = Uint8Array.of(0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0xff, 0x7f, 0x34, 0x12);
    expect(Array.from(pcm16ToSamples(bytes))).toEqual([1, -1, -32768, 32767, 0x1234]);
  });

  it('writes little-endian signed samples', () => {
    const samples = Int16Array.of(1, -1, -32768, 32767, 0x1234);
    expect(Array.from(samplesToPcm16(samples))).toEqual([
      0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0xff, 0x7f, 0x34, 0x12,
    ]);
  });

  it('reads from an odd byte offset', () => {
    const backing = Uint8Array.of(0xaa, 0x34, 0x12, 0xcd, 0xab, 0xbb);
    const unaligned = backing.subarray(1, 5);
    expect(unaligned.byteOffset % 2).toBe(1);
    expect(Array.from(pcm16ToSamples(unaligned))).toEqual([0x1234, -0x5433]);
  });

  it('writes only the viewed samples of a subarray', () => {
    const samples = Int16Array.of(9, 0x0102, 0x0304, 9).subarray(1, 3);
    expect(Array.from(samplesToPcm16(samples))).toEqual([0x02, 0x01, 0x04, 0x03]);
  });

  it('returns copies that do not alias the input', () => {
    const bytes = Uint8Array.of(1, 0);
    const samples = pcm16ToSamples(bytes);
    bytes[0] = 2;
    expect(samples[0]).toBe(1);
  });

  it('round-trips every 16-bit value', () => {
    const all = new Int16Array(65536);
    for (let i = 0; i < all.length; i++) all[i] = i - 32768;
    const back = pcm16ToSamples(samplesToPcm16(all));
    expect(back.length).toBe(all.length);
    expect(all.filter((x, i) => back[i] !== x).length).toBe(0);
  });

  it('rejects an odd byte length', () => {
    const error = catchError(() => pcm16ToSamples(new Uint8Array(3)));
    expect(error).toBeInstanceOf(AudioError);
    expect(error).toMatchObject({
      code: 'E_AUDIO_PARTIAL_SAMPLE',
      message: 'pcm16 data is 3 bytes: an odd length ends in half a sample',
    });
  });
});
