import { describe, expect, it } from 'vitest';

import { G711_ALAW, G711_ULAW, PCM16_16K, PCM16_24K } from '../src/audio-format.js';
import { parseWavHeader } from '../src/parse-wav-header.js';
import { WavError } from '../src/wav-error.js';
import { catchError } from './catch-error.js';
import { ascii, extensibleFmtBody, fmtBody, riffWave } from './wav-builder.js';

const PCM_FMT = fmtBody({ tag: 1 });

function wavError(bytes: Uint8Array): WavError {
  const error = catchError(() => parseWavHeader(bytes));
  expect(error).toBeInstanceOf(WavError);
  return error as WavError;
}

function expectWavError(bytes: Uint8Array, code: WavError['code'], message: string): void {
  const error = wavError(bytes);
  expect({ code: error.code, message: error.message }).toEqual({ code, message });
}

describe('parseWavHeader: chunk walking', () => {
  it('skips LIST, fact and unknown chunks before data', () => {
    const bytes = riffWave([
      { id: 'LIST', body: ascii('INFOISFT\x05\x00\x00\x00voxd\x00\x00') },
      { id: 'fmt ', body: PCM_FMT },
      { id: 'fact', body: new Uint8Array(4) },
      { id: 'junk', body: new Uint8Array(10) },
      { id: 'data', body: new Uint8Array(640) },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({
      format: PCM16_16K,
      dataLength: 640,
      dataStatus: 'complete',
      durationMs: 20,
    });
  });

  it('honours the pad byte after an odd-sized chunk', () => {
    const bytes = riffWave([
      { id: 'fmt ', body: PCM_FMT },
      { id: 'odd ', body: new Uint8Array(5).fill(0x41) },
      { id: 'data', body: new Uint8Array(4) },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({ dataOffset: 12 + 24 + 14 + 8, dataLength: 4 });
  });

  it('tolerates a writer that forgot the pad byte', () => {
    const bytes = riffWave([
      { id: 'fmt ', body: PCM_FMT },
      { id: 'odd ', body: new Uint8Array(5), omitPad: true },
      { id: 'data', body: new Uint8Array(4) },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({ dataOffset: 12 + 24 + 13 + 8, dataLength: 4 });
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with a PCM subformat', () => {
    const bytes = riffWave([
      { id: 'fmt ', body: extensibleFmtBody(1, 24000) },
      { id: 'data', body: new Uint8Array(480) },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({ format: PCM16_24K, dataLength: 480 });
  });

  it('reads G.711 fmt chunks with and without cbSize', () => {
    const ulaw = riffWave([
      { id: 'fmt ', body: fmtBody({ tag: 7, sampleRate: 8000, bitsPerSample: 8 }) },
      { id: 'data', body: new Uint8Array(80) },
    ]);
    expect(parseWavHeader(ulaw)).toMatchObject({ format: G711_ULAW, durationMs: 10 });
    const alaw = riffWave([
      {
        id: 'fmt ',
        body: fmtBody({ tag: 6, sampleRate: 8000, bitsPerSample: 8, extra: new Uint8Array(2) }),
      },
      { id: 'data', body: new Uint8Array(80) },
    ]);
    expect(parseWavHeader(alaw)).toMatchObject({ format: G711_ALAW, dataOffset: 12 + 26 + 8 });
  });
});

describe('parseWavHeader: data size', () => {
  it('accepts a truncated data chunk and reports the declared size', () => {
    const bytes = riffWave([
      { id: 'fmt ', body: PCM_FMT },
      { id: 'data', body: new Uint8Array(1200), declaredSize: 96000 },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({
      dataLength: 1200,
      declaredDataLength: 96000,
      dataStatus: 'truncated',
      durationMs: 37.5,
      warning: 'data chunk declares 96000 bytes but only 1200 follow',
    });
  });

  it('drops a trailing half sample of a truncated file', () => {
    const bytes = riffWave([
      { id: 'fmt ', body: PCM_FMT },
      { id: 'data', body: new Uint8Array(1201), declaredSize: 96000, omitPad: true },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({
      dataLength: 1200,
      dataStatus: 'truncated',
      warning: 'data chunk declares 96000 bytes but only 1201 follow',
    });
  });

  it('drops and reports an odd byte at the end of a complete PCM16 data chunk', () => {
    const bytes = riffWave([
      { id: 'fmt ', body: PCM_FMT },
      { id: 'data', body: new Uint8Array(641) },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({
      dataLength: 640,
      declaredDataLength: 641,
      dataStatus: 'complete',
      warning: 'data ends with 1 byte(s) of a partial sample',
    });
  });

  it.each([0, 0xffffffff])('reads a streaming size of %d to the end of the file', (size) => {
    const bytes = riffWave([
      { id: 'fmt ', body: PCM_FMT },
      { id: 'data', body: new Uint8Array(3200), declaredSize: size },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({
      dataLength: 3200,
      declaredDataLength: size,
      dataStatus: 'unsized',
      durationMs: 100,
    });
  });

  it('ignores bytes after the data chunk', () => {
    const bytes = riffWave([
      { id: 'fmt ', body: PCM_FMT },
      { id: 'data', body: new Uint8Array(64) },
      { id: 'LIST', body: new Uint8Array(30) },
    ]);
    expect(parseWavHeader(bytes)).toMatchObject({ dataLength: 64, dataStatus: 'complete' });
  });
});

describe('parseWavHeader: errors name what is wrong', () => {
  it('rejects files that are not RIFF/WAVE', () => {
    const ogg = new Uint8Array(64);
    ogg.set(ascii('OggS'));
    expectWavError(ogg, 'E_WAV_CORRUPT', "not a RIFF file (starts with 'OggS')");
    expectWavError(
      Uint8Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11),
      'E_WAV_CORRUPT',
      'not a RIFF file (starts with 0x00 0x01 0x02 0x03)',
    );
    expectWavError(
      riffWave([], 'AVI '),
      'E_WAV_CORRUPT',
      "not a WAVE file (RIFF form type 'AVI ')",
    );
    const rifx = riffWave([]);
    rifx.set(ascii('RIFX'));
    expectWavError(rifx, 'E_WAV_UNSUPPORTED', 'big-endian RIFX WAV not supported');
  });

  it('reports files shorter than the RIFF header as truncated', () => {
    expectWavError(
      ascii('RIFF\x00\x00'),
      'E_WAV_TRUNCATED',
      'file is 6 bytes, shorter than the 12-byte RIFF header',
    );
    expectWavError(
      new Uint8Array(0),
      'E_WAV_TRUNCATED',
      'file is 0 bytes, shorter than the 12-byte RIFF header',
    );
  });

  it('reports a missing fmt or data chunk', () => {
    expectWavError(
      riffWave([]),
      'E_WAV_CORRUPT',
      'fmt chunk missing (chunks end at byte 12 of 12)',
    );
    expectWavError(
      riffWave([{ id: 'data', body: new Uint8Array(4) }]),
      'E_WAV_CORRUPT',
      'fmt chunk missing before the data chunk',
    );
    expectWavError(
      riffWave([{ id: 'fmt ', body: PCM_FMT }]),
      'E_WAV_CORRUPT',
      'data chunk missing (chunks end at byte 36 of 36)',
    );
  });

  it('reports a chunk that runs past the end before data', () => {
    const bytes = riffWave([
      { id: 'fmt ', body: PCM_FMT },
      { id: 'LIST', body: new Uint8Array(100), declaredSize: 5000 },
    ]);
    expectWavError(
      bytes,
      'E_WAV_TRUNCATED',
      "'LIST' chunk at byte 36 declares 5000 bytes but only 100 follow",
    );
    expectWavError(
      riffWave([{ id: 'fmt ', body: PCM_FMT }]).subarray(0, 30),
      'E_WAV_TRUNCATED',
      "'fmt ' chunk at byte 12 declares 16 bytes but only 10 follow",
    );
  });

  it('reports garbage where a chunk id should be', () => {
    const bytes = riffWave([{ id: 'fmt ', body: PCM_FMT }]);
    const withGarbage = new Uint8Array(bytes.length + 8);
    withGarbage.set(bytes);
    withGarbage.set([0xde, 0xad, 0xbe, 0xef], bytes.length);
    expectWavError(withGarbage, 'E_WAV_CORRUPT', 'invalid chunk id 0xde 0xad 0xbe 0xef at byte 36');
  });

  it('rejects unsupported formats with the reason', () => {
    const cases: [Uint8Array, string][] = [
      [
        fmtBody({ tag: 1, sampleRate: 44100 }),
        'unsupported sample rate 44100 Hz (supported: 8000, 16000, 24000)',
      ],
      [fmtBody({ tag: 1, channels: 2 }), 'stereo not supported (mono only)'],
      [fmtBody({ tag: 1, channels: 6 }), '6 channels not supported (mono only)'],
      [fmtBody({ tag: 1, bitsPerSample: 24 }), '24-bit samples not supported (16-bit only)'],
      [fmtBody({ tag: 1, bitsPerSample: 8 }), '8-bit samples not supported (16-bit only)'],
      [
        fmtBody({ tag: 3, bitsPerSample: 32 }),
        'IEEE float (format tag 0x0003) not supported (PCM, A-law and µ-law only)',
      ],
      [fmtBody({ tag: 0x1234 }), 'format tag 0x1234 not supported (PCM, A-law and µ-law only)'],
      [
        fmtBody({ tag: 7, sampleRate: 16000, bitsPerSample: 8 }),
        'G.711 µ-law must be 8000 Hz, not 16000 Hz',
      ],
      [
        fmtBody({ tag: 6, sampleRate: 24000, bitsPerSample: 8 }),
        'G.711 A-law must be 8000 Hz, not 24000 Hz',
      ],
      [
        extensibleFmtBody(3),
        'IEEE float (format tag 0x0003) not supported (PCM, A-law and µ-law only)',
      ],
    ];
    for (const [body, message] of cases) {
      const bytes = riffWave([
        { id: 'fmt ', body },
        { id: 'data', body: new Uint8Array(8) },
      ]);
      expectWavError(bytes, 'E_WAV_UNSUPPORTED', message);
    }
  });

  it('rejects self-contradicting fmt chunks as corrupt', () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(12), 'fmt chunk is 12 bytes (needs at least 16)'],
      [fmtBody({ tag: 1, channels: 0, blockAlign: 2 }), 'fmt chunk declares 0 channels'],
      [
        fmtBody({ tag: 1, blockAlign: 4 }),
        'block align 4 does not match 1 channel of 16-bit samples (2)',
      ],
      [
        fmtBody({ tag: 7, sampleRate: 8000, bitsPerSample: 16 }),
        'G.711 µ-law must have 8 bits per sample, fmt chunk declares 16',
      ],
      [fmtBody({ tag: 0xfffe }), 'WAVE_FORMAT_EXTENSIBLE fmt chunk is 16 bytes (needs 40)'],
    ];
    for (const [body, message] of cases) {
      const bytes = riffWave([
        { id: 'fmt ', body },
        { id: 'data', body: new Uint8Array(8) },
      ]);
      expectWavError(bytes, 'E_WAV_CORRUPT', message);
    }
  });
});
