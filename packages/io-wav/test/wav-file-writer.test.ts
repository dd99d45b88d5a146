import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseWavHeader } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';
import { afterAll, describe, expect, it } from 'vitest';

import { createWavFileWriter } from '../src/wav-file-writer.js';
import { byteDiff, patternBytes, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const pcm: AudioFormat = { encoding: 'pcm16', sampleRate: 16000, channels: 1 };
const ulaw: AudioFormat = { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 };

describe('createWavFileWriter', () => {
  it('creates a valid empty WAV at once, before any audio', () => {
    const path = join(dir, 'empty.wav');
    const writer = createWavFileWriter({ path, format: pcm });
    const info = parseWavHeader(readFileSync(path));
    expect(info).toMatchObject({ format: pcm, dataLength: 0, declaredDataLength: 0 });
    return writer.close();
  });

  it('keeps both size fields right after every flushed write, then finalises on close', async () => {
    const path = join(dir, 'grow.wav');
    const writer = createWavFileWriter({ path, format: pcm });
    const data = patternBytes(6400, 1);
    for (let i = 0; i < 10; i += 1) {
      writer.append(data.subarray(i * 640, (i + 1) * 640));
      await writer.flush();
      const file = readFileSync(path);
      const info = parseWavHeader(file);
      expect(info.declaredDataLength).toBe((i + 1) * 640);
      expect(info.dataStatus).toBe('complete');
      expect(new DataView(file.buffer, file.byteOffset).getUint32(4, true)).toBe(file.length - 8);
    }
    await writer.close();
    const file = readFileSync(path);
    expect(byteDiff(file.subarray(44), data)).toBe('equal');
  });

  it('batches appends that arrive during a write, in order', async () => {
    const path = join(dir, 'batch.wav');
    const writer = createWavFileWriter({ path, format: pcm });
    const chunks = Array.from({ length: 200 }, (_, i) => patternBytes(320, i));
    for (const chunk of chunks) writer.append(chunk);
    expect(writer.dataBytes).toBe(64000);
    await writer.close();
    const file = readFileSync(path);
    expect(parseWavHeader(file).declaredDataLength).toBe(64000);
    chunks.forEach((chunk, i) => {
      expect(byteDiff(file.subarray(44 + i * 320, 44 + (i + 1) * 320), chunk)).toBe('equal');
    });
  });

  it('without header patching writes the sizes only on close', async () => {
    const path = join(dir, 'nopatch.wav');
    const writer = createWavFileWriter({ path, format: pcm, patchHeader: false });
    writer.append(patternBytes(640));
    await writer.flush();
    expect(parseWavHeader(readFileSync(path)).declaredDataLength).toBe(0);
    await writer.close();
    expect(parseWavHeader(readFileSync(path)).declaredDataLength).toBe(640);
  });

  it('pads odd-length G.711 data with the RIFF pad byte, outside the data size', async () => {
    const path = join(dir, 'odd.wav');
    const writer = createWavFileWriter({ path, format: ulaw });
    writer.append(patternBytes(161));
    await writer.close();
    const file = readFileSync(path);
    const info = parseWavHeader(file);
    expect(info).toMatchObject({ format: ulaw, declaredDataLength: 161, dataLength: 161 });
    expect(file.length).toBe(58 + 162);
    expect(new DataView(file.buffer, file.byteOffset).getUint32(4, true)).toBe(file.length - 8);
  });

  it('refuses partial samples, and writes after close', async () => {
    const writer = createWavFileWriter({ path: join(dir, 'refuse.wav'), format: pcm });
    expect(() => writer.append(new Uint8Array(3))).toThrow(/3 bytes are not whole 2-byte samples/);
    await writer.close();
    await writer.close();
    expect(() => writer.append(new Uint8Array(2))).toThrow(
      expect.objectContaining({ code: 'E_WAV_SINK_CLOSED' }),
    );
  });

  it('fails at construction when the folder is missing or the path is a folder', () => {
    expect(() =>
      createWavFileWriter({
        path: join(dir, 'no/such.wav'),
        displayPath: 'no/such.wav',
        format: pcm,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'E_WAV_NOT_FOUND',
        message: 'no/such.wav: its folder does not exist',
      }),
    );
    expect(() => createWavFileWriter({ path: dir, displayPath: 'out', format: pcm })).toThrow(
      expect.objectContaining({
        code: 'E_WAV_IO',
        message: expect.stringMatching(/^out: .*EISDIR/),
      }),
    );
  });
});
