import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { WavError, byteLengthForMs, createWavHeader, silence } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';
import { VoxdError } from '@voxd/errors';
import { requireCommand } from '@voxd/testing';
import { lastValueFrom, take, toArray } from 'rxjs';
import type { Observable } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';

import { createWavSource } from '../src/wav-source.js';
import { byteDiff, concatFrames, makeCtx, patternBytes, tempDir, writeWav } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const ctx = makeCtx(dir);

const FORMATS: readonly AudioFormat[] = [
  { encoding: 'pcm16', sampleRate: 8000, channels: 1 },
  { encoding: 'pcm16', sampleRate: 16000, channels: 1 },
  { encoding: 'pcm16', sampleRate: 24000, channels: 1 },
  { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 },
  { encoding: 'g711_alaw', sampleRate: 8000, channels: 1 },
];

const collect = <T>(frames$: Observable<T>): Promise<T[]> => lastValueFrom(frames$.pipe(toArray()));

describe('createWavSource: formats', () => {
  for (const format of FORMATS) {
    it(`plays ${format.encoding} ${format.sampleRate} Hz byte for byte in 20 ms frames`, async () => {
      // 250 ms: 12 whole frames and a half one, padded with silence.
      const data = patternBytes(byteLengthForMs(format, 250), 3);
      const name = `${format.encoding}-${format.sampleRate}.wav`;
      writeWav(join(dir, name), format, data);
      const source = createWavSource({ path: name, pace: 'asap', trailingSilenceMs: 0 }, ctx);
      expect(source.format).toEqual(format);
      expect(source.durationMs).toBe(250);
      const frames = await collect(source.frames$);
      expect(frames).toHaveLength(13);
      expect(frames.map((f) => f.timestampMs)).toEqual(frames.map((_, i) => i * 20));
      const frameBytes = byteLengthForMs(format, 20);
      expect(frames.every((f) => f.data.length === frameBytes && f.format === source.format)).toBe(
        true,
      );
      const all = concatFrames(frames);
      expect(byteDiff(all.subarray(0, data.length), data)).toBe('equal');
      expect(byteDiff(all.subarray(data.length), silence(format, 10))).toBe('equal');
    });
  }

  it('reads the repository fixtures as the manifest describes them', async () => {
    const root = join(import.meta.dirname, '../../../fixtures');
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
      files: { path: string; format: AudioFormat; durationMs: number }[];
    };
    expect(manifest.files.length).toBeGreaterThan(0);
    for (const entry of manifest.files) {
      const source = createWavSource(
        { path: entry.path, pace: 'asap', trailingSilenceMs: 0 },
        makeCtx(root),
      );
      expect(source.format, entry.path).toEqual(entry.format);
      expect(Math.abs(source.durationMs - entry.durationMs), entry.path).toBeLessThan(1);
      const frames = await collect(source.frames$);
      expect(frames).toHaveLength(Math.ceil(entry.durationMs / 20));
    }
  });

  it.each([
    ['pcm16 16 kHz', ['-r', '16000', '-e', 'signed-integer', '-b', '16'], 'pcm16', 16000],
    ['µ-law', ['-r', '8000', '-e', 'u-law'], 'g711_ulaw', 8000],
    ['A-law', ['-r', '8000', '-e', 'a-law'], 'g711_alaw', 8000],
  ] as const)(
    'reads a %s file written by sox, sample for sample',
    async (_, args, encoding, rate) => {
      const wav = join(dir, `sox-${encoding}.wav`);
      const sox = requireCommand('sox');
      execFileSync(sox, ['-n', '-c', '1', ...args, wav, 'synth', '0.3', 'sine', '440']);
      // sox's own decode of its file to raw bytes is the reference.
      const raw = execFileSync(sox, [wav, '-t', 'raw', '-']);
      const source = createWavSource({ path: wav, pace: 'asap', trailingSilenceMs: 0 }, ctx);
      expect(source.format).toEqual({ encoding, sampleRate: rate, channels: 1 });
      const all = concatFrames(await collect(source.frames$));
      expect(byteDiff(all.subarray(0, raw.length), new Uint8Array(raw))).toBe('equal');
      expect(all.length - raw.length).toBeLessThan(byteLengthForMs(source.format, 20));
    },
  );
});

describe('byteDiff (the byte comparison these tests use)', () => {
  it('names the first difference', () => {
    expect(byteDiff(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe('equal');
    expect(byteDiff(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 9, 3))).toBe(
      'byte 1 is 2, expected 9',
    );
    expect(byteDiff(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe('length 2, expected 3');
  });
});

describe('createWavSource: silence padding and looping', () => {
  const format: AudioFormat = { encoding: 'pcm16', sampleRate: 16000, channels: 1 };
  const data = patternBytes(byteLengthForMs(format, 100), 9);
  const path = writeWav(join(dir, 'pad.wav'), format, data);

  it('appends trailing silence (1000 ms by default) so a server VAD can end the turn', async () => {
    const frames = await collect(createWavSource({ path, pace: 'asap' }, ctx).frames$);
    const all = concatFrames(frames);
    expect(frames).toHaveLength(55);
    expect(byteDiff(all.subarray(0, data.length), data)).toBe('equal');
    expect(byteDiff(all.subarray(data.length), silence(format, 1000))).toBe('equal');
  });

  it('puts leading silence first and stamps frames from the start of it', async () => {
    const source = createWavSource(
      { path, pace: 'asap', leadingSilenceMs: 40, trailingSilenceMs: 60 },
      ctx,
    );
    const frames = await collect(source.frames$);
    const all = concatFrames(frames);
    const lead = byteLengthForMs(format, 40);
    expect(frames).toHaveLength(10);
    expect(frames.at(-1)?.timestampMs).toBe(180);
    expect(byteDiff(all.subarray(0, lead), silence(format, 40))).toBe('equal');
    expect(byteDiff(all.subarray(lead, lead + data.length), data)).toBe('equal');
    expect(byteDiff(all.subarray(lead + data.length), silence(format, 60))).toBe('equal');
  });

  it('loops the file and its trailing silence until unsubscribed', async () => {
    const source = createWavSource({ path, pace: 'asap', trailingSilenceMs: 20, loop: true }, ctx);
    const frames = await lastValueFrom(source.frames$.pipe(take(18), toArray()));
    const period = concatFrames(frames.slice(0, 6));
    expect(byteDiff(concatFrames(frames.slice(6, 12)), period)).toBe('equal');
    expect(byteDiff(concatFrames(frames.slice(12, 18)), period)).toBe('equal');
    expect(frames[17]?.timestampMs).toBe(340);
  });
});

describe('createWavSource: bad files', () => {
  const good = createWavHeader({ encoding: 'pcm16', sampleRate: 16000, channels: 1 }, 3200);

  /** A copy of the good header with little-endian fields patched. */
  const patched = (fields: Record<number, [bytes: 2 | 4, value: number]>): Uint8Array => {
    const header = good.slice();
    const view = new DataView(header.buffer);
    for (const [offset, [size, value]] of Object.entries(fields)) {
      if (size === 2) view.setUint16(Number(offset), value, true);
      else view.setUint32(Number(offset), value, true);
    }
    const file = new Uint8Array(header.length + 3200);
    file.set(header);
    return file;
  };

  const cases: [string, Uint8Array, string, RegExp][] = [
    [
      'text.wav',
      new TextEncoder().encode('hello, I am not audio at all'),
      'E_WAV_CORRUPT',
      /not a RIFF file/,
    ],
    ['short.wav', good.subarray(0, 20), 'E_WAV_TRUNCATED', /fmt/],
    [
      'cd.wav',
      patched({ 24: [4, 44100], 28: [4, 88200] }),
      'E_WAV_UNSUPPORTED',
      /unsupported sample rate 44100 Hz/,
    ],
    ['24bit.wav', patched({ 32: [2, 3], 34: [2, 24] }), 'E_WAV_UNSUPPORTED', /24-bit/],
    ['stereo.wav', patched({ 22: [2, 2], 32: [2, 4] }), 'E_WAV_UNSUPPORTED', /stereo/],
    ['float.wav', patched({ 20: [2, 3], 34: [2, 32], 32: [2, 4] }), 'E_WAV_UNSUPPORTED', /float/],
    ['cut.wav', good.slice(), 'E_WAV_TRUNCATED', /declares 3200 bytes but only 0 follow/],
  ];

  it.each(cases)('%s fails at construction with %#', (name, bytes, code, pattern) => {
    writeFileSync(join(dir, name), bytes);
    const make = (): unknown => createWavSource({ path: name }, ctx);
    expect(make).toThrow(WavError);
    try {
      make();
    } catch (error) {
      expect((error as WavError).code).toBe(code);
      expect((error as WavError).message.startsWith(`${name}: `)).toBe(true);
      expect((error as WavError).message).toMatch(pattern);
    }
  });

  it('names a missing file', () => {
    expect(() => createWavSource({ path: 'nowhere/missing.wav' }, ctx)).toThrow(
      expect.objectContaining({
        code: 'E_WAV_NOT_FOUND',
        message: 'nowhere/missing.wav: no such file',
      }),
    );
  });

  it('fails the stream with E_WAV_TRUNCATED when the file is cut after construction', async () => {
    const format: AudioFormat = { encoding: 'pcm16', sampleRate: 24000, channels: 1 };
    const path = writeWav(
      join(dir, 'shrinks.wav'),
      format,
      patternBytes(byteLengthForMs(format, 500)),
    );
    const source = createWavSource({ path: 'shrinks.wav', pace: 'asap' }, ctx);
    truncateSync(path, 44 + byteLengthForMs(format, 200));
    const error: unknown = await collect(source.frames$).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VoxdError);
    expect(error).toMatchObject({ code: 'E_WAV_TRUNCATED' });
    expect((error as Error).message).toBe(
      'shrinks.wav: file ended at data byte 9600 of 24000 (it was truncated after its header was read)',
    );
  });

  it('fails the stream with E_WAV_NOT_FOUND when the file is deleted after construction', async () => {
    const format: AudioFormat = { encoding: 'pcm16', sampleRate: 8000, channels: 1 };
    const path = writeWav(join(dir, 'goes.wav'), format, patternBytes(320));
    const source = createWavSource({ path: 'goes.wav', pace: 'asap' }, ctx);
    rmSync(path);
    await expect(collect(source.frames$)).rejects.toMatchObject({
      code: 'E_WAV_NOT_FOUND',
      message: 'goes.wav: no such file',
    });
  });
});
