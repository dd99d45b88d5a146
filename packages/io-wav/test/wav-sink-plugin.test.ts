import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parseWavHeader } from '@voxd/audio';
import { afterAll, describe, expect, it } from 'vitest';

import { WAV_SINK_FORMATS, audioFormatOf } from '../src/wav-sink-options.js';
import { wavSinkPlugin } from '../src/wav-sink-plugin.js';
import { makeCtx, tempDir } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const validation = { agentName: 'test', baseDir: dir };
const parse = (options: Record<string, unknown>) => wavSinkPlugin.options.parse(options);

describe('wavSinkPlugin', () => {
  it('fills in the documented defaults and leaves format for the app to fill', () => {
    expect(parse({ path: 'out.wav' })).toEqual({
      path: 'out.wav',
      pace: 'realtime',
      mode: 'assistant',
    });
  });

  it('rejects unknown keys and values', () => {
    const result = wavSinkPlugin.options.safeParse({
      path: 'x.wav',
      format: 'mp3',
      mode: 'both',
      extra: 1,
    });
    expect(result.error?.issues.map((i) => i.path.join('.') || i.message)).toEqual(
      expect.arrayContaining(['format', 'mode', expect.stringContaining('extra')]),
    );
  });

  it('maps every output_audio_format name to its AudioFormat', () => {
    expect(WAV_SINK_FORMATS.map((name) => [name, audioFormatOf(name)])).toEqual([
      ['pcm16', { encoding: 'pcm16', sampleRate: 24000, channels: 1 }],
      ['pcm16_8000hz', { encoding: 'pcm16', sampleRate: 8000, channels: 1 }],
      ['pcm16_16000hz', { encoding: 'pcm16', sampleRate: 16000, channels: 1 }],
      ['pcm16_24000hz', { encoding: 'pcm16', sampleRate: 24000, channels: 1 }],
      ['g711_ulaw', { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 }],
      ['g711_alaw', { encoding: 'g711_alaw', sampleRate: 8000, channels: 1 }],
    ]);
  });

  it('creates a sink in the configured format, resolving the path against the agent folder', async () => {
    mkdirSync(join(dir, 'out'), { recursive: true });
    const sink = wavSinkPlugin.create(
      parse({ path: 'out/call.wav', format: 'g711_ulaw', mode: 'conversation' }),
      makeCtx(dir),
    );
    expect(sink).toMatchObject({
      kind: 'wav',
      mode: 'conversation',
      path: join(dir, 'out/call.wav'),
    });
    expect(sink.format).toEqual(audioFormatOf('g711_ulaw'));
    await sink.close();
    expect(parseWavHeader(readFileSync(sink.path)).format).toEqual(audioFormatOf('g711_ulaw'));
  });

  it('validate accepts a creatable path without creating the file', async () => {
    await expect(
      wavSinkPlugin.validate?.(parse({ path: 'fresh.wav' }), validation),
    ).resolves.toEqual([]);
    expect(existsSync(join(dir, 'fresh.wav'))).toBe(false);
  });

  it('validate reports a missing folder and a path that is a folder', async () => {
    await expect(
      wavSinkPlugin.validate?.(parse({ path: 'no/such/x.wav' }), validation),
    ).resolves.toEqual([
      { path: ['path'], message: 'no/such/x.wav: folder no/such does not exist' },
    ]);
    mkdirSync(join(dir, 'taken.wav'));
    await expect(
      wavSinkPlugin.validate?.(parse({ path: 'taken.wav' }), validation),
    ).resolves.toEqual([{ path: ['path'], message: 'taken.wav: is a folder, not a file' }]);
  });
});
