import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { byteLengthForMs } from '@voxd/audio';
import type { AudioFormat } from '@voxd/audio';
import { requireCommand } from '@voxd/testing';
import { afterAll, describe, expect, it } from 'vitest';

import { sessionInputAudio } from '../src/session-input-audio.js';
import { wavSourcePlugin } from '../src/wav-source-plugin.js';
import { makeCtx, patternBytes, tempDir, writeWav } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const alaw: AudioFormat = { encoding: 'g711_alaw', sampleRate: 8000, channels: 1 };
writeWav(join(dir, 'call.wav'), alaw, patternBytes(byteLengthForMs(alaw, 500)));
// sox reads 44.1 kHz fine; voxd does not (the session converts nothing).
execFileSync(requireCommand('sox'), [
  '-n',
  '-r',
  '44100',
  '-c',
  '1',
  '-b',
  '16',
  join(dir, 'cd.wav'),
  'synth',
  '0.1',
  'sine',
  '440',
]);
const validation = { agentName: 'test', baseDir: dir };

describe('wavSourcePlugin', () => {
  it('fills in the documented defaults', () => {
    expect(wavSourcePlugin.options.parse({ path: 'call.wav' })).toEqual({
      path: 'call.wav',
      pace: 'realtime',
      frame_ms: 20,
      leading_silence_ms: 0,
      trailing_silence_ms: 1000,
      loop: false,
    });
  });

  it('rejects unknown keys and bad values, naming each', () => {
    const result = wavSourcePlugin.options.safeParse({
      path: '',
      pace: 'fast',
      frameMs: 20,
      trailing_silence_ms: -1,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.') || issue.message);
    expect(paths).toEqual(
      expect.arrayContaining([
        'path',
        'pace',
        'trailing_silence_ms',
        expect.stringContaining('frameMs'),
      ]),
    );
  });

  it('creates a source from YAML options, resolving the path against the agent folder', () => {
    const options = wavSourcePlugin.options.parse({ path: 'call.wav', pace: 'asap' });
    const source = wavSourcePlugin.create(options, makeCtx(dir));
    expect(source.kind).toBe('wav');
    expect(source.path).toBe(join(dir, 'call.wav'));
    expect(source.format).toEqual(alaw);
    expect(sessionInputAudio(source.format)).toEqual({
      input_audio_format: 'g711_alaw',
      input_audio_sampling_rate: 8000,
    });
  });

  it('validate accepts a readable WAV of a supported format', async () => {
    const options = wavSourcePlugin.options.parse({ path: 'call.wav' });
    await expect(wavSourcePlugin.validate?.(options, validation)).resolves.toEqual([]);
  });

  it('validate reports a missing, unreadable or unsupported file at `path`', async () => {
    const check = (path: string): Promise<unknown> | undefined =>
      wavSourcePlugin.validate?.(wavSourcePlugin.options.parse({ path }), validation);
    await expect(check('nope.wav')).resolves.toEqual([
      { path: ['path'], message: 'nope.wav: no such file' },
    ]);
    await expect(check('.')).resolves.toEqual([
      { path: ['path'], message: expect.stringMatching(/^\.: .*EISDIR/) },
    ]);
    await expect(check('cd.wav')).resolves.toEqual([
      {
        path: ['path'],
        message: 'cd.wav: unsupported sample rate 44100 Hz (supported: 8000, 16000, 24000)',
        hint: expect.stringContaining('sox in.wav -r 24000'),
      },
    ]);
  });
});
