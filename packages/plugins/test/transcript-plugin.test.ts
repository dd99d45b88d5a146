import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { SessionEvent } from '@voxd/core';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { transcriptPlugin } from '../src/transcript-plugin.js';
import { at, pluginContext, tempDir } from './support.js';

const parse = (options: unknown) => transcriptPlugin.options.parse(options);

async function readLines(dir: string): Promise<Record<string, unknown>[]> {
  const files = await readdir(dir);
  expect(files).toHaveLength(1);
  const text = await readFile(join(dir, files[0] ?? ''), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('transcript plugin', () => {
  it('writes final transcripts, interruptions and the session bounds as JSONL, line by line', async () => {
    const baseDir = await tempDir('transcript');
    const plugin = transcriptPlugin.create(parse({ dir: 'logs/calls' }), pluginContext(baseDir));
    const events$ = new Subject<SessionEvent>();
    const subscription = plugin.tap?.(events$);
    const dir = join(baseDir, 'logs/calls');

    events$.next(at(1000, { type: 'session.connecting' }));
    events$.next(at(1040, { type: 'session.ready', sessionId: 'sess_1', session: {} as never }));
    events$.next(at(2000, { type: 'transcript.user', itemId: 'u1', text: 'what', final: false }));
    events$.next(
      at(2100, {
        type: 'transcript.user',
        itemId: 'u1',
        text: 'What is the weather?',
        final: true,
      }),
    );
    // Written before the session ends: a crash after this point loses nothing.
    expect((await readLines(dir)).map((line) => line['role'])).toEqual(['session', 'user']);

    events$.next(
      at(2500, {
        type: 'transcript.assistant',
        responseId: 'r1',
        itemId: 'a1',
        text: 'Sunny and warm.',
        final: true,
      }),
    );
    events$.next(
      at(3000, {
        type: 'playback.interrupted',
        responseId: 'r1',
        itemId: 'a1',
        playedMs: 812.4,
        receivedMs: 2400,
        flushLatencyMs: 3,
      }),
    );
    events$.next(at(3300, { type: 'session.closed', reason: 'closed' }));
    events$.complete();

    const lines = await readLines(dir);
    expect(lines).toEqual([
      expect.objectContaining({ atMs: 40, role: 'session', event: 'started', sessionId: 'sess_1' }),
      { atMs: 1100, role: 'user', itemId: 'u1', text: 'What is the weather?' },
      { atMs: 1500, role: 'assistant', itemId: 'a1', responseId: 'r1', text: 'Sunny and warm.' },
      {
        atMs: 2000,
        role: 'interruption',
        itemId: 'a1',
        responseId: 'r1',
        playedMs: 812,
        receivedMs: 2400,
      },
      { atMs: 2300, role: 'session', event: 'closed', reason: 'closed' },
    ]);
    const files = await readdir(dir);
    expect(files[0]).toMatch(/^test_agent-\d{4}-\d\d-\d\dT[\d-]+Z-sess_1\.jsonl$/);
    subscription?.unsubscribe();
  });

  it('logs a typed error and keeps the session going when the file cannot be created', async () => {
    const baseDir = await tempDir('transcript-bad');
    await writeFile(join(baseDir, 'taken'), 'a file, not a folder');
    const ctx = pluginContext(baseDir);
    const plugin = transcriptPlugin.create(parse({ dir: 'taken' }), ctx);
    const events$ = new Subject<SessionEvent>();
    plugin.tap?.(events$);
    events$.next(at(0, { type: 'session.ready', sessionId: 's', session: {} as never }));
    events$.next(at(5, { type: 'transcript.user', itemId: 'u', text: 'hi', final: true }));
    expect(ctx.logger.entries).toEqual([
      expect.objectContaining({
        level: 'error',
        fields: expect.objectContaining({ code: 'E_PLUGIN_IO' }),
      }),
    ]);
  });

  it('validates the folder and rejects unknown options', async () => {
    const baseDir = await tempDir('transcript-validate');
    await writeFile(join(baseDir, 'taken'), 'x');
    const ctx = { agentName: 'a', baseDir };
    expect(await transcriptPlugin.validate?.(parse({ dir: 'new/deeper' }), ctx)).toEqual([]);
    expect(await transcriptPlugin.validate?.(parse({ dir: 'taken' }), ctx)).toEqual([
      { path: ['dir'], message: 'taken: is a file, not a folder' },
    ]);
    expect(await transcriptPlugin.validate?.(parse({ dir: 'taken/sub' }), ctx)).toEqual([
      { path: ['dir'], message: `taken/sub: ${join(baseDir, 'taken')} is not a folder` },
    ]);
    expect(parse({}).dir).toBe('transcripts');
    expect(() => parse({ folder: 'x' })).toThrow(/folder/);
  });
});
