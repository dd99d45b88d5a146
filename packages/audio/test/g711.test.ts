import { alaw, mulaw } from 'alawmulaw';
import { describe, expect, it } from 'vitest';

import { decodeToSamples, encodeSamples } from '../src/codec.js';
import { alawDecode, alawEncode, mulawDecode, mulawEncode } from '../src/g711.js';

const ALL_SAMPLES = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
const ALL_CODES = Uint8Array.from({ length: 256 }, (_, i) => i);

function sine(count: number, amplitude: number): Int16Array {
  return Int16Array.from({ length: count }, (_, i) =>
    Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * 1000 * i) / 8000 + 0.3)),
  );
}

function snrDb(reference: Int16Array, decoded: Int16Array): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i]!;
    signal += r * r;
    noise += (r - decoded[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}

describe('G.711 µ-law', () => {
  it('decodes the ITU-T reference values', () => {
    const decoded = mulawDecode(Uint8Array.of(0xff, 0x7f, 0x80, 0x00, 0xfe, 0xf0, 0xef, 0x7e));
    expect(Array.from(decoded)).toEqual([0, 0, 32124, -32124, 8, 120, 132, -8]);
  });

  it('encodes zero, full scale and segment ends to the ITU-T codes', () => {
    const codes = mulawEncode(Int16Array.of(0, -1, 32767, -32768, 8, -8, 132));
    expect(Array.from(codes)).toEqual([0xff, 0x7f, 0x80, 0x00, 0xfe, 0x7e, 0xef]);
  });

  it('agrees with alawmulaw on every code and every non-negative sample', () => {
    expect(Array.from(mulawDecode(ALL_CODES))).toEqual(
      Array.from(ALL_CODES, (c) => mulaw.decodeSample(c) + 0),
    );
    const ours = mulawEncode(ALL_SAMPLES);
    const mismatches = ALL_SAMPLES.filter(
      (x) => x >= 0 && ours[x + 32768] !== (mulaw.encodeSample(x) & 0xff),
    );
    expect(Array.from(mismatches)).toEqual([]);
  });

  it('re-encodes every decoded code to itself, except negative zero', () => {
    const again = mulawEncode(mulawDecode(ALL_CODES));
    const changed = ALL_CODES.filter((code) => again[code] !== code);
    expect(Array.from(changed)).toEqual([0x7f]);
  });

  it('round-trips within half a quantization step below the clip level', () => {
    const codes = mulawEncode(ALL_SAMPLES);
    const decoded = mulawDecode(codes);
    const outliers: number[] = [];
    for (let i = 0; i < ALL_SAMPLES.length; i++) {
      const x = ALL_SAMPLES[i]!;
      const exponent = (~codes[i]! >> 4) & 7;
      const halfStep = 4 << exponent;
      const bound = Math.abs(x) <= 32124 + halfStep ? halfStep + 1 : Math.abs(x) - 32124;
      if (Math.abs(decoded[i]! - x) > bound) outliers.push(x);
    }
    expect(outliers).toEqual([]);
  });

  it('keeps a -6 dBFS sine at the G.711 signal-to-noise ratio (> 35 dB)', () => {
    const reference = sine(8000, 0.5);
    expect(snrDb(reference, mulawDecode(mulawEncode(reference)))).toBeGreaterThan(35);
  });
});

describe('G.711 A-law', () => {
  it('decodes the ITU-T reference values', () => {
    const decoded = alawDecode(Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a, 0xd4, 0xc5));
    expect(Array.from(decoded)).toEqual([8, -8, 32256, -32256, 24, 264]);
  });

  it('encodes zero, full scale and segment ends to the ITU-T codes', () => {
    const codes = alawEncode(Int16Array.of(0, -1, 32767, -32768, 16, 256));
    expect(Array.from(codes)).toEqual([0xd5, 0x55, 0xaa, 0x2a, 0xd4, 0xc5]);
  });

  it('agrees with alawmulaw on every code and every non-negative sample', () => {
    expect(Array.from(alawDecode(ALL_CODES))).toEqual(Array.from(ALL_CODES, alaw.decodeSample));
    const ours = alawEncode(ALL_SAMPLES);
    const mismatches = ALL_SAMPLES.filter(
      (x) => x >= 0 && ours[x + 32768] !== alaw.encodeSample(x),
    );
    expect(Array.from(mismatches)).toEqual([]);
  });

  it('re-encodes every decoded code to itself', () => {
    expect(alawEncode(alawDecode(ALL_CODES))).toEqual(ALL_CODES);
  });

  it('round-trips within half a quantization step', () => {
    const codes = alawEncode(ALL_SAMPLES);
    const decoded = alawDecode(codes);
    const outliers: number[] = [];
    for (let i = 0; i < ALL_SAMPLES.length; i++) {
      const exponent = ((codes[i]! ^ 0x55) >> 4) & 7;
      const halfStep = exponent <= 1 ? 8 : 8 << (exponent - 1);
      if (Math.abs(decoded[i]! - ALL_SAMPLES[i]!) > halfStep) outliers.push(ALL_SAMPLES[i]!);
    }
    expect(outliers).toEqual([]);
  });

  it('keeps a -6 dBFS sine at the G.711 signal-to-noise ratio (> 35 dB)', () => {
    const reference = sine(8000, 0.5);
    expect(snrDb(reference, alawDecode(alawEncode(reference)))).toBeGreaterThan(35);
  });
});

describe('codec dispatch', () => {
  it('encodes and decodes by encoding name', () => {
    const samples = Int16Array.of(0, 1000, -1000, 32767);
    expect(encodeSamples(samples, 'g711_ulaw')).toEqual(mulawEncode(samples));
    expect(encodeSamples(samples, 'g711_alaw')).toEqual(alawEncode(samples));
    expect(Array.from(encodeSamples(samples, 'pcm16').subarray(0, 4))).toEqual([0, 0, 0xe8, 0x03]);
    const ulaw = mulawEncode(samples);
    expect(decodeToSamples(ulaw, 'g711_ulaw')).toEqual(mulawDecode(ulaw));
    expect(decodeToSamples(encodeSamples(samples, 'pcm16'), 'pcm16')).toEqual(samples);
  });

  it('encodes samples from a subarray view at any offset', () => {
    const backing = Int16Array.of(5, 0, 32767, 5);
    expect(Array.from(mulawEncode(backing.subarray(1, 3)))).toEqual([0xff, 0x80]);
  });
});
