import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { connectVoiceLiveClient } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import { parseCliArgs } from '../src/cli-args.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

describe('parseCliArgs', () => {
  it('reads every flag, repeatable keys and script responders', () => {
    expect(
      parseCliArgs([
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--api-key',
        'a',
        '--api-key=b',
        '--bearer-token',
        't',
        '--responder',
        'script:turns.yaml',
        '--first-audio-ms',
        '250',
        '--jitter-ms',
        '50',
        '--pace',
        'asap',
        '--seed',
        '7',
        '--vad',
        'silero',
        '--strict-api-version',
      ]),
    ).toEqual({
      kind: 'run',
      options: {
        host: '0.0.0.0',
        port: 0,
        apiKeys: ['a', 'b'],
        bearerTokens: ['t'],
        responder: { type: 'script', path: 'turns.yaml' },
        firstAudioMs: 250,
        firstAudioJitterMs: 50,
        pace: 'asap',
        seed: 7,
        vad: 'silero',
        strictApiVersion: true,
      },
    });
    expect(parseCliArgs([])).toEqual({ kind: 'run', options: { apiKeys: [], bearerTokens: [] } });
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it('names what is wrong', () => {
    expect(parseCliArgs(['--bogus'])).toEqual({
      kind: 'error',
      message: "unknown option '--bogus'",
    });
    expect(parseCliArgs(['--port'])).toEqual({ kind: 'error', message: '--port needs a value' });
    expect(parseCliArgs(['--port', 'x'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining("'x'"),
    });
    expect(parseCliArgs(['--port', '70000'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('65535'),
    });
    expect(parseCliArgs(['--pace', 'slow'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('realtime or asap'),
    });
    expect(parseCliArgs(['--vad', 'webrtc'])).toMatchObject({
      kind: 'error',
      message: "--vad must be energy or silero, got 'webrtc'",
    });
    expect(parseCliArgs(['--responder', 'parrot'])).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('script:FILE'),
    });
  });
});

describe('voicelive-local (the built binary)', () => {
  it('prints where it listens, serves sessions, and exits 0 on SIGTERM after closing them with 1001', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--responder', 'tone'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    expect(stdout).toMatch(/voice-live\/realtime\?api-version=/);
    const client = await connectVoiceLiveClient(url);
    await client.next('session.created');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect((await client.closed).code).toBe(1001);
    expect(await exited).toBe(0);
  });

  it('exits 2 with a clear message on a bad flag', async () => {
    const child = spawn(process.execPath, [CLI, '--pace', 'slow'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--pace must be realtime or asap, got 'slow'/);
  });
});
