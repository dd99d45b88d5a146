import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { WavInfo } from '@voxd/audio';
import { parseWavHeader, silence } from '@voxd/audio';
import { startLocalServer } from '@voxd/local-server';
import type { WireEvent } from '@voxd/testing';
import { startRecordingProxy } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { FIXTURES, tempDir } from './cli-harness.js';
import { agentNamed, killDaemons, startDaemon, waitFor, writeWavAgent } from './daemon-harness.js';

afterEach(killDaemons);

const KEY = 'g711-test-key';

/** Agent connection lines for a remote endpoint (the proxy) with an API key. */
function viaProxy(url: string): string {
  return [
    'connection:',
    `  endpoint: ${url.replace(/^http/, 'ws')}`,
    '  model: gpt-realtime',
    '  auth:',
    '    type: api-key',
    `    key: ${KEY}`,
  ].join('\n');
}

/** The bytes of the base64 `audio`/`delta` fields of `events`, joined. */
function joined(events: readonly WireEvent[], field: 'audio' | 'delta'): Buffer {
  return Buffer.concat(events.map((e) => Buffer.from(e[field] as string, 'base64')));
}

/** The data chunk of a WAV file. */
async function wavData(path: string): Promise<{ info: WavInfo; data: Buffer }> {
  const file = await readFile(path);
  const info = parseWavHeader(file);
  return { info, data: file.subarray(info.dataOffset, info.dataOffset + info.dataLength) };
}

describe('voxd daemon: what crosses the wire (seen by a recording proxy)', () => {
  it('a µ-law WAV agent’s bytes reach the server as g711_ulaw appends identical to the file', async () => {
    await using dir = await tempDir();
    await using server = await startLocalServer({
      port: 0,
      apiKeys: [KEY],
      responder: 'tone',
      pace: 'asap',
    });
    // Between the daemon and the server: records what really crossed the wire.
    await using proxy = await startRecordingProxy(server.url);
    const fixture = join(FIXTURES, 'phone-8k-ulaw.wav');
    await writeWavAgent(dir.path, 'phone', {
      fixture: 'phone-8k-ulaw.wav',
      connection: viaProxy(proxy.url),
      extra: 'daemon:\n  restart: never',
    });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    await waitFor(
      async () => (await agentNamed(daemon.adminUrl, 'phone'))?.state === 'done',
      60_000,
      () => daemon.stderr(),
    );
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);

    const sent = proxy.events({ from: 'client' });
    const update = sent.find((e) => e.type === 'session.update');
    expect(update.session.input_audio_format).toBe('g711_ulaw');
    const appends = sent.filter((e) => e.type === 'input_audio_buffer.append');
    expect(appends.length).toBeGreaterThan(1);
    const wire = joined(appends, 'audio');

    const { info, data } = await wavData(fixture);
    expect(info.format).toEqual({ encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 });
    // Byte for byte: no decode/re-encode, nothing dropped. After the file come only the source's
    // trailing silence (1000 ms by default) and the silence that pads the last 20 ms frame.
    expect(wire.subarray(0, data.length).equals(data)).toBe(true);
    const tail = wire.subarray(data.length);
    const frameBytes = 160;
    expect(wire.length % frameBytes).toBe(0);
    expect(tail.length - 8000).toBeGreaterThanOrEqual(0);
    expect(tail.length - 8000).toBeLessThan(frameBytes);
    expect(tail.every((byte) => byte === silence(info.format, 1)[0])).toBe(true);
  }, 120_000);

  it('SIGTERM during a response lets it finish (response.done completed) and the recording holds all of it', async () => {
    await using dir = await tempDir();
    // A one-second tone, streamed in real time: the response is in flight for about a second.
    await using server = await startLocalServer({ port: 0, apiKeys: [KEY], responder: 'tone' });
    await using proxy = await startRecordingProxy(server.url);
    const out = join(dir.path, 'out.wav');
    // One utterance: nothing the user says afterwards interrupts (cancels) the answer.
    await writeWavAgent(dir.path, 'drained', {
      fixture: 'barge-in-24k.wav',
      pace: 'realtime',
      sink: out,
      connection: viaProxy(proxy.url),
      extra: 'daemon:\n  restart: never',
    });
    const daemon = await startDaemon([dir.path, '--drain-timeout-ms', '15000'], { cwd: dir.path });
    const deltas = (): unknown[] => proxy.events({ type: 'response.audio.delta' });
    await waitFor(
      () => deltas().length > 0,
      60_000,
      () => daemon.stderr(),
    );
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);

    const responseId = (deltas()[0] as { response_id: string }).response_id;
    const fromServer = proxy.events({ from: 'server' });
    const done = fromServer.find((e) => e.type === 'response.done' && e.response.id === responseId);
    expect(done?.response.status).toBe('completed');
    const audio = joined(
      fromServer.filter((e) => e.type === 'response.audio.delta' && e.response_id === responseId),
      'delta',
    );
    expect(audio.length).toBe(48_000); // 1 s of pcm16 at 24 kHz
    const { info, data } = await wavData(out);
    expect(info.dataStatus).toBe('complete');
    // The response in flight at SIGTERM is in the recording whole, from its first byte to its last.
    expect(data.subarray(0, audio.length).equals(audio)).toBe(true);
  }, 120_000);

  it('after the upstream drops, the session settings are re-applied and the audio keeps flowing', async () => {
    await using dir = await tempDir();
    await using server = await startLocalServer({
      port: 0,
      apiKeys: [KEY],
      responder: 'tone',
      pace: 'asap',
    });
    await using proxy = await startRecordingProxy(server.url);
    const fixture = 'booking-16k.wav';
    await writeWavAgent(dir.path, 'resilient', {
      fixture,
      pace: 'realtime',
      connection: viaProxy(proxy.url),
      extra: 'daemon:\n  restart: never',
    });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    const appendsOn = (connection: number) =>
      proxy.frames.filter(
        (f) =>
          f.from === 'client' &&
          f.connection === connection &&
          f.event.type === 'input_audio_buffer.append',
      );
    // A second of the user's audio reached the first connection; then the network drops it.
    await waitFor(
      () => appendsOn(1).length >= 10,
      60_000,
      () => daemon.stderr(),
    );
    proxy.dropAll();
    await waitFor(
      () => appendsOn(2).length >= 10,
      60_000,
      () => daemon.stderr(),
    );
    const frames = proxy.frames;
    const on = (connection: number, from: 'client' | 'server', type: string) =>
      frames.findIndex(
        (f) => f.connection === connection && f.from === from && f.event.type === type,
      );
    // The new session got the agent's settings again, and the server shows them.
    const update1 = frames[on(1, 'client', 'session.update')]?.event;
    const update2 = frames[on(2, 'client', 'session.update')]?.event;
    expect(update2?.session).toEqual(update1?.session);
    const updated2 = frames[on(2, 'server', 'session.updated')]?.event;
    expect(updated2?.session.instructions).toBe('Answer in one short sentence.');
    expect(updated2?.session.turn_detection.type).toBe('server_vad');
    expect(updated2?.session.input_audio_sampling_rate).toBe(16_000);
    // Audio flows into the new session only once it is configured, and continues the file where
    // the stream was (what the drop interrupted is lost, as on a live call), not from its start.
    expect(frames.indexOf(appendsOn(2)[0]!)).toBeGreaterThan(on(2, 'server', 'session.updated'));
    const { data } = await wavData(join(FIXTURES, fixture));
    const sent1 = joined(
      proxy.events({ connection: 1, type: 'input_audio_buffer.append' }),
      'audio',
    );
    const resumed = joined(
      proxy.events({ connection: 2, type: 'input_audio_buffer.append' }),
      'audio',
    );
    expect(data.subarray(0, sent1.length).equals(sent1)).toBe(true);
    const at = data.indexOf(resumed);
    expect(at).toBeGreaterThanOrEqual(sent1.length);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    expect(daemon.stderr()).toContain('"msg":"session reconnecting","agent":"resilient"');
  }, 120_000);

  it('idle_timeout_ms closes a session whose upstream went silent mid-response', async () => {
    await using dir = await tempDir();
    await using server = await startLocalServer({ port: 0, apiKeys: [KEY], responder: 'tone' });
    await using proxy = await startRecordingProxy(server.url);
    await writeWavAgent(dir.path, 'stalled', {
      connection: viaProxy(proxy.url),
      extra: 'daemon:\n  restart: never\n  idle_timeout_ms: 1500',
    });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    await waitFor(
      () => proxy.frames.some((f) => f.event.type === 'response.audio.delta'),
      60_000,
      () => daemon.stderr(),
    );
    // The connection stays open but nothing crosses it any more: only the idle timeout ends it.
    proxy.stallAll();
    await waitFor(
      async () => (await agentNamed(daemon.adminUrl, 'stalled'))?.state === 'done',
      60_000,
      () => daemon.stderr(),
    );
    expect(daemon.stderr()).toMatch(
      /"msg":"session idle: closing","agent":"stalled".*"idleTimeoutMs":1500/,
    );
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  }, 120_000);

  it('max_session_duration_ms recycles a session that would run forever', async () => {
    await using dir = await tempDir();
    await using server = await startLocalServer({ port: 0, apiKeys: [KEY], responder: 'tone' });
    await using proxy = await startRecordingProxy(server.url);
    const maxMs = 2000;
    // A looping real-time source never ends by itself.
    await writeWavAgent(dir.path, 'recycled', {
      pace: 'realtime',
      connection: viaProxy(proxy.url),
      extra: `  loop: true\ndaemon:\n  restart: always\n  restart_delay_ms: 100\n  max_session_duration_ms: ${maxMs}`,
    });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    await waitFor(
      async () => ((await agentNamed(daemon.adminUrl, 'recycled'))?.sessionsStarted ?? 0) >= 3,
      60_000,
      () => daemon.stderr(),
    );
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    const lines = daemon
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; time: string; session?: string });
    const timeOf = (msg: string, session: string) =>
      Date.parse(lines.find((l) => l.msg === msg && l.session === session)?.time ?? '');
    for (const session of ['recycled#1', 'recycled#2']) {
      expect(
        lines.some(
          (l) =>
            l.msg === 'session reached its maximum duration: recycling' && l.session === session,
        ),
      ).toBe(true);
      // Measured from the session's start (created before it is ready), so at most the maximum.
      const readyToClosed = timeOf('session closed', session) - timeOf('session ready', session);
      expect(readyToClosed).toBeLessThanOrEqual(maxMs + 1000);
      expect(readyToClosed).toBeGreaterThan(maxMs / 2);
    }
  }, 120_000);
});
