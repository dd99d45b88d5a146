import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { parseWavHeader } from '@voxd/audio';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';

import { tempDir } from './cli-harness.js';
import {
  agentNamed,
  get,
  killDaemons,
  sample,
  startDaemon,
  waitFor,
  writeWavAgent,
} from './daemon-harness.js';

afterEach(killDaemons);

describe('voxd daemon: drain and failures', () => {
  it('SIGTERM with a session in flight exits 0 within the drain deadline with a valid sink WAV', async () => {
    await using dir = await tempDir();
    const out = join(dir.path, 'out.wav');
    // Real-time pace: the session is still streaming its 8 s question when SIGTERM arrives.
    await writeWavAgent(dir.path, 'booking', {
      fixture: 'booking-16k.wav',
      pace: 'realtime',
      sink: out,
    });
    const daemon = await startDaemon([dir.path, '--drain-timeout-ms', '3000'], { cwd: dir.path });
    // Wait for the assistant to be answering: a response is in flight when SIGTERM arrives.
    await waitFor(
      async () => {
        const { text } = await get(`${daemon.adminUrl}/metrics`);
        return (sample(text, 'voxd_audio_seconds_total{agent="booking",direction="out"}') ?? 0) > 0;
      },
      30_000,
      () => daemon.stderr(),
    );
    expect(await agentNamed(daemon.adminUrl, 'booking')).toMatchObject({
      state: 'running',
      activeSessions: 1,
    });
    const startMs = Date.now();
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    // Bound: the 3 s drain deadline plus generous process teardown on a loaded machine.
    expect(Date.now() - startMs).toBeLessThan(20_000);

    const bytes = await readFile(out);
    const info = parseWavHeader(bytes);
    expect(info.dataStatus).toBe('complete');
    expect(info.declaredDataLength).toBeGreaterThan(0);
    expect(info.declaredDataLength).toBe(bytes.length - info.dataOffset);
    expect(daemon.stderr()).toContain('"msg":"draining"');
    expect(daemon.stderr()).toContain('"reason":"closed"');
  });

  it('a session that fails is logged and counted; the daemon stays up and /readyz says why', async () => {
    await using dir = await tempDir();
    // An upstream that accepts TCP and hangs up at once, bound to port 0: it never answers (no
    // handshake, no HTTP), and no other process can take its port meanwhile.
    const silent = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => void silent.close());
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await writeWavAgent(dir.path, 'unreachable', {
      connection: [
        'connection:',
        `  endpoint: ws://127.0.0.1:${port}`,
        '  model: gpt-realtime',
        '  auth:',
        '    type: api-key',
        '    key: test-key-not-logged',
      ].join('\n'),
      extra: 'daemon:\n  restart: on-failure\n  restart_delay_ms: 100',
    });
    // restart: never — one session, then the agent is done (and still counts as ready).
    await writeWavAgent(dir.path, 'healthy', { extra: 'daemon:\n  restart: never' });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });

    const failing = await waitFor(
      async () => {
        const entry = await agentNamed(daemon.adminUrl, 'unreachable');
        return entry !== undefined && entry.sessionsFailed >= 1 ? entry : undefined;
      },
      60_000,
      () => daemon.stderr(),
    );
    expect(failing.lastError).toBeDefined();
    // on-failure with a 100 ms backoff: it keeps retrying.
    await waitFor(
      async () => ((await agentNamed(daemon.adminUrl, 'unreachable'))?.sessionsFailed ?? 0) >= 2,
      30_000,
      () => daemon.stderr(),
    );
    await waitFor(
      async () => (await agentNamed(daemon.adminUrl, 'healthy'))?.state === 'done',
      30_000,
      () => daemon.stderr(),
    );
    expect(await agentNamed(daemon.adminUrl, 'healthy')).toMatchObject({
      sessionsStarted: 1,
      restarts: 0,
      activeSessions: 0,
    });
    const metrics = await get(`${daemon.adminUrl}/metrics`);
    expect(
      sample(metrics.text, 'voxd_sessions_total{agent="unreachable",outcome="error"}'),
    ).toBeGreaterThanOrEqual(1);

    expect((await get(`${daemon.adminUrl}/healthz`)).status).toBe(200);
    const ready = await waitFor(
      async () => {
        const r = await get(`${daemon.adminUrl}/readyz`);
        return JSON.stringify(r.body).includes('{"name":"healthy","ready":true}') ? r : undefined;
      },
      30_000,
      () => 'healthy never ready',
    );
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'not ready',
      agents: expect.arrayContaining([
        {
          name: 'unreachable',
          ready: false,
          reason: `upstream ws://127.0.0.1:${port} unreachable`,
        },
        { name: 'healthy', ready: true },
      ]) as unknown,
    });
    expect(daemon.stderr()).toContain('"msg":"session failed","agent":"unreachable"');
    expect(daemon.stderr()).not.toContain('test-key-not-logged');

    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });
});
