import { describe, expect, it } from 'vitest';

import {
  type AudioFormat,
  G711_ALAW,
  G711_ULAW,
  PCM16_16K,
  PCM16_24K,
} from '../src/audio-format.js';
import { AudioError } from '../src/audio-error.js';
import { parseWavHeader } from '../src/parse-wav-header.js';
import { createWavHeader, wavHeaderLayout } from '../src/wav-header.js';
import { catchError } from './catch-error.js';

const PCM16_8K: AudioFormat = { encoding: 'pcm16', sampleRate: 8000, channels: 1 };
const FORMATS: readonly AudioFormat[] = [PCM16_8K, PCM16_16K, PCM16_24K, G711_ULAW, G711_ALAW];

function withData(format: AudioFormat, data: Uint8Array): Uint8Array {
  const header = createWavHeader(format, data.length);
  const file = new Uint8Array(header.length + data.length + (data.length % 2));
  file.set(header);
  file.set(data, header.length);
  return file;
}

describe('createWavHeader', () => {
  it('writes the canonical 44-byte PCM header', () => {
    const header = createWavHeader(PCM16_16K, 16000);
    expect(Array.from(header)).toEqual([
      ...[0x52, 0x49, 0x46, 0x46, 0xa4, 0x3e, 0x00, 0x00], // RIFF, 36 + 16000
      ...[0x57, 0x41, 0x56, 0x45, 0x66, 0x6d, 0x74, 0x20], // WAVEfmt
      ...[0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00], // 16, PCM, mono
      ...[0x80, 0x3e, 0x00, 0x00, 0x00, 0x7d, 0x00, 0x00], // 16000 Hz, 32000 B/s
      ...[0x02, 0x00, 0x10, 0x00, 0x64, 0x61, 0x74, 0x61], // align 2, 16 bits, data
      ...[0x80, 0x3e, 0x00, 0x00],
    ]);
  });

  it('writes G.711 with an 18-byte fmt chunk and a fact chunk', () => {
    const header = createWavHeader(G711_ULAW, 800);
    const view = new DataView(header.buffer);
    expect(header.length).toBe(58);
    expect(view.getUint32(16, true)).toBe(18);
    expect(view.getUint16(20, true)).toBe(7);
    expect(view.getUint16(36, true)).toBe(0); // cbSize
    expect(new TextDecoder().decode(header.subarray(38, 42))).toBe('fact');
    expect(view.getUint32(46, true)).toBe(800);
    expect(view.getUint32(54, true)).toBe(800);
    expect(view.getUint32(4, true)).toBe(50 + 800);
    expect(new DataView(createWavHeader(G711_ALAW, 1).buffer).getUint16(20, true)).toBe(6);
  });

  it('counts the RIFF pad byte after odd-length data', () => {
    const view = new DataView(createWavHeader(G711_ALAW, 801).buffer);
    expect(view.getUint32(4, true)).toBe(50 + 802);
    expect(view.getUint32(54, true)).toBe(801);
  });

  it('exposes the offsets a streaming writer patches', () => {
    for (const format of FORMATS) {
      const layout = wavHeaderLayout(format);
      const header = createWavHeader(format, 1234);
      const view = new DataView(header.buffer);
      expect(header.length).toBe(layout.headerLength);
      expect(view.getUint32(layout.dataSizeOffset, true)).toBe(1234);
      expect(view.getUint32(layout.riffSizeOffset, true)).toBe(layout.headerLength - 8 + 1234);
      const samples = format.encoding === 'pcm16' ? 617 : 1234;
      if (layout.factSampleCountOffset !== undefined) {
        expect(view.getUint32(layout.factSampleCountOffset, true)).toBe(samples);
      }
    }
    expect(wavHeaderLayout(PCM16_24K).factSampleCountOffset).toBeUndefined();
    expect(wavHeaderLayout(G711_ULAW).factSampleCountOffset).toBe(46);
  });

  it('rejects lengths that are negative, fractional, half a sample or beyond 4 GiB', () => {
    for (const bad of [-2, 1.5, 2 ** 32]) {
      expect(catchError(() => createWavHeader(PCM16_24K, bad))).toMatchObject({
        code: 'E_AUDIO_INVALID_ARGUMENT',
      });
    }
    const odd = catchError(() => createWavHeader(PCM16_24K, 3));
    expect(odd).toBeInstanceOf(AudioError);
    expect(odd).toMatchObject({
      code: 'E_AUDIO_PARTIAL_SAMPLE',
      message: 'WAV data length 3 is not a whole number of 2-byte samples',
    });
  });
});

describe('createWavHeader → parseWavHeader', () => {
  it.each(FORMATS.map((f) => [`${f.encoding} ${f.sampleRate}`, f] as const))(
    'round-trips %s',
    (_name, format) => {
      const data = new Uint8Array(format.sampleRate / 5).fill(0x11); // 200 ms of G.711, 100 ms PCM
      const info = parseWavHeader(withData(format, data));
      expect(info).toEqual({
        format,
        dataOffset: wavHeaderLayout(format).headerLength,
        dataLength: data.length,
        declaredDataLength: data.length,
        dataStatus: 'complete',
        durationMs: format.encoding === 'pcm16' ? 100 : 200,
      });
    },
  );

  it('parses a header alone as a truncated file with the declared size', () => {
    const info = parseWavHeader(createWavHeader(PCM16_24K, 48000));
    expect(info).toMatchObject({
      dataOffset: 44,
      dataLength: 0,
      declaredDataLength: 48000,
      dataStatus: 'truncated',
      durationMs: 0,
    });
  });

  it('parses a file inside a larger buffer at an odd byte offset', () => {
    const file = withData(PCM16_16K, new Uint8Array(320));
    const backing = new Uint8Array(file.length + 3);
    backing.set(file, 1);
    const info = parseWavHeader(backing.subarray(1, 1 + file.length));
    expect(info).toMatchObject({ format: PCM16_16K, dataOffset: 44, dataLength: 320 });
  });
});
