import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { byteLengthForMs, parseWavHeader, PCM16_24K, pcm16ToSamples } from '@voxd/audio';
import { createSession } from '@voxd/core';
import type { SessionEvent, TransportMessage } from '@voxd/core';
import type { ServerEvent } from '@voxd/protocol';
import {
  createMemorySink,
  createMemorySource,
  createScriptedTransport,
  serverEvents as ev,
  testScheduler,
} from '@voxd/testing';
import { asyncScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { recorderPlugin } from '../src/recorder-plugin.js';
import { transcriptPlugin } from '../src/transcript-plugin.js';
import { pluginContext, tempDir } from './support.js';

const msg = (event: ServerEvent): TransportMessage => ({ kind: 'event', event });
/** `ms` of PCM16 24 kHz whose every byte is `fill` (so each sample is fill * 257). */
const audio = (ms: number, fill: number): Uint8Array =>
  new Uint8Array(byteLengthForMs(PCM16_24K, ms)).fill(fill);

describe('recorder and transcript in a real session (virtual time)', () => {
  it('record what was sent and what was played, cut at the barge-in, and log the transcript', async () => {
    const baseDir = await tempDir('session');
    // Inside `run`, asyncScheduler runs on the test scheduler's virtual clock.
    const ctx = pluginContext(baseDir, asyncScheduler);
    const recorder = recorderPlugin.create(recorderPlugin.options.parse({ dir: 'rec' }), ctx);
    const transcript = transcriptPlugin.create(transcriptPlugin.options.parse({ dir: 'log' }), ctx);
    const events: SessionEvent[] = [];

    testScheduler().run(({ hot, flush }) => {
      const source = createMemorySource({
        format: PCM16_24K,
        audio: audio(2000, 1),
        frameMs: 100,
        pace: 'realtime',
        scheduler: asyncScheduler,
      });
      const sink = createMemorySink({ format: PCM16_24K, scheduler: asyncScheduler });
      // The answer's three 100 ms deltas start playing at 300 ms; the user talks over it at 550 ms.
      const inbound$ = hot('290ms u 9ms r 1 2 3 t 245ms s', {
        u: msg(ev.transcriptionCompleted('item_U1', 'What is the weather?')),
        r: msg(ev.responseCreated('resp_1')),
        1: msg(ev.audioDelta('resp_1', 'item_A1', audio(100, 2))),
        2: msg(ev.audioDelta('resp_1', 'item_A1', audio(100, 2))),
        3: msg(ev.audioDelta('resp_1', 'item_A1', audio(100, 2))),
        t: msg(ev.transcriptDone('resp_1', 'item_A1', 'Sunny and warm.')),
        s: msg(ev.speechStarted('item_U2', 550)),
      });
      const transport = createScriptedTransport({ handshake: true, inbound$ });
      const session = createSession({
        transport,
        session: {},
        source,
        sink,
        plugins: [recorder, transcript],
      });
      session.events$.subscribe({ next: (event) => events.push(event), error: () => undefined });
      asyncScheduler.schedule(() => void session.close(), 900);
      flush();
    });

    await recorder.whenClosed();
    const interrupted = events.find((e) => e.type === 'playback.interrupted');
    expect(interrupted).toMatchObject({ itemId: 'item_A1', playedMs: 200 });
    const closedAt = events.find((e) => e.type === 'session.closed')?.atMs ?? 0;
    expect(closedAt).toBe(900);
    expect(events.find((e) => e.type === 'session.closed')).toMatchObject({ reason: 'closed' });

    // The WAV: the user's audio from the start to the close, the answer's two played frames
    // (300–500 ms) summed over it, and nothing of the cut third frame.
    expect(recorder.paths).toHaveLength(1);
    const bytes = new Uint8Array(await readFile(recorder.paths[0] ?? ''));
    const info = parseWavHeader(bytes);
    expect(info.dataOffset + info.dataLength).toBe(bytes.length);
    const samples = pcm16ToSamples(bytes.subarray(info.dataOffset));
    const user = 257;
    const both = 257 + 514;
    const at = (ms: number): number | undefined => samples[ms * 24];
    expect([at(50), at(250), at(310), at(490), at(510), at(700)]).toEqual([
      user,
      user,
      both,
      both,
      user,
      user,
    ]);
    expect(samples.filter((s) => s === both).length).toBe(200 * 24);
    // User audio until the close at 900 ms (a frame due at the very moment of the close may miss it).
    expect(samples.length).toBeGreaterThanOrEqual(800 * 24);
    expect(samples.length).toBeLessThanOrEqual(900 * 24);
    expect(samples.every((s) => s === user || s === both)).toBe(true);

    const logDir = join(baseDir, 'log');
    const [file] = await readdir(logDir);
    const lines = (await readFile(join(logDir, file ?? ''), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { role: string; text?: string; playedMs?: number });
    expect(lines.map((l) => [l.role, l.text ?? l.playedMs ?? ''])).toEqual([
      ['session', ''],
      ['user', 'What is the weather?'],
      ['assistant', 'Sunny and warm.'],
      ['interruption', 200],
      ['session', ''],
    ]);
  });
});
