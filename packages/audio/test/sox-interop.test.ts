import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { type AudioFormat, G711_ALAW, G711_ULAW, PCM16_24K } from '../src/audio-format.js';
import { decodeToSamples, encodeSamples } from '../src/codec.js';
import { tone } from '../src/generators.js';
import { parseWavHeader } from '../src/parse-wav-header.js';
import { pcm16ToSamples } from '../src/pcm16.js';
import { createWavHeader } from '../src/wav-header.js';

// `npm test` installs sox (system-deps.txt): a missing one fails here with the fix, never skips.
if (spawnSync('sox', ['--version']).error !== undefined) {
  throw new Error('`sox` is not on PATH: run `node scripts/ensure-system-deps.js` (npm test does)');
}
const dir = mkdtempSync(join(tmpdir(), 'voxd-audio-sox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sox(...args: string[]): Buffer {
  return execFileSync('sox', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** sox's own decode of a WAV file to 16-bit little-endian PCM. */
function soxDecode(path: string): Int16Array {
  return pcm16ToSamples(sox('-V1', path, '-t', 'raw', '-e', 'signed', '-b', '16', '-L', '-'));
}

function zeroCrossings(samples: Int16Array): number {
  let count = 0;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i - 1]! < 0 !== samples[i]! < 0) count++;
  }
  return count;
}

describe('WAV interop with sox', () => {
  it('parses a 16 kHz PCM16 file written by sox', () => {
    const path = join(dir, 'sine-16k.wav');
    sox('-n', '-r', '16000', '-c', '1', '-b', '16', path, 'synth', '0.5', 'sine', '440');
    const bytes = readFileSync(path);
    const info = parseWavHeader(bytes);
    expect(info).toMatchObject({
      format: { encoding: 'pcm16', sampleRate: 16000, channels: 1 },
      dataLength: 16000,
      dataStatus: 'complete',
      durationMs: 500,
    });
    const samples = decodeToSamples(
      bytes.subarray(info.dataOffset, info.dataOffset + info.dataLength),
      'pcm16',
    );
    // 440 Hz for 0.5 s crosses zero about 440 times.
    expect(zeroCrossings(samples)).toBeGreaterThanOrEqual(438);
    expect(zeroCrossings(samples)).toBeLessThanOrEqual(442);
  });

  it.each([
    ['u-law', G711_ULAW],
    ['a-law', G711_ALAW],
  ] as const)(
    'parses and decodes a %s file written by sox exactly as sox does',
    (encoding, format) => {
      const path = join(dir, `sine-${encoding}.wav`);
      sox('-n', '-r', '8000', '-c', '1', '-e', encoding, path, 'synth', '0.25', 'sine', '440');
      const bytes = readFileSync(path);
      const info = parseWavHeader(bytes);
      expect(info).toMatchObject({ format, dataLength: 2000, dataStatus: 'complete' });
      // Our header for the same data is byte-identical to the one sox wrote.
      expect(Array.from(createWavHeader(format, 2000))).toEqual(
        Array.from(bytes.subarray(0, info.dataOffset)),
      );
      const ours = decodeToSamples(bytes.subarray(info.dataOffset), format.encoding);
      expect(ours).toEqual(soxDecode(path));
    },
  );

  it.each([
    ['pcm16 24 kHz', PCM16_24K],
    ['µ-law', G711_ULAW],
    ['A-law', G711_ALAW],
  ] as const)('writes %s files that sox reads without warnings', (_name, format: AudioFormat) => {
    const data = tone(format, { frequencyHz: 1000, durationMs: 101, amplitude: 0.4 });
    const path = join(dir, `ours-${format.encoding}-${format.sampleRate}.wav`);
    const file = new Uint8Array(
      createWavHeader(format, data.length).length + data.length + (data.length % 2),
    );
    file.set(createWavHeader(format, data.length));
    file.set(data, file.length - data.length - (data.length % 2));
    writeFileSync(path, file);
    const soxInfo = execFileSync('soxi', [path], { encoding: 'utf8' });
    expect(soxInfo).toContain(`Sample Rate    : ${format.sampleRate}`);
    expect(soxInfo).toContain('Channels       : 1');
    const result = spawnSync('sox', [
      '-V2',
      path,
      '-t',
      'raw',
      '-e',
      'signed',
      '-b',
      '16',
      '-L',
      '-',
    ]);
    expect(result.stderr.toString()).toBe('');
    expect(pcm16ToSamples(result.stdout)).toEqual(decodeToSamples(data, format.encoding));
    // And sox encodes our PCM the same way we do.
    if (format.encoding !== 'pcm16') {
      const pcmPath = join(dir, 'ours-linear.raw');
      writeFileSync(pcmPath, encodeSamples(decodeToSamples(data, format.encoding), 'pcm16'));
      const reencoded = sox(
        '-t',
        'raw',
        '-r',
        '8000',
        '-c',
        '1',
        '-e',
        'signed',
        '-b',
        '16',
        '-L',
        pcmPath,
        '-D', // no dither: compare the bare quantizers
        '-t',
        'raw',
        '-e',
        format.encoding === 'g711_ulaw' ? 'u-law' : 'a-law',
        '-',
      );
      expect(Array.from(reencoded)).toEqual(Array.from(data));
    }
  });
});
