import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { tempDir } from './cli-harness.js';
import {
  agents,
  get,
  killDaemons,
  sample,
  startDaemon,
  waitFor,
  writeWavAgent,
} from './daemon-harness.js';

afterEach(killDaemons);

describe('voxd daemon: a WAV agent on the embedded server', () => {
  it('prints the banner, serves /healthz /readyz /agents /metrics, restarts sessions, exits 0 on SIGTERM', async () => {
    await using dir = await tempDir();
    await writeWavAgent(dir.path, 'weather', {
      sink: `${dir.path}/out.wav`,
      extra: 'plugins:\n  - type: transcript\n    dir: transcripts',
    });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });

    expect(daemon.stdout()).toMatch(/^ {2}local +http:\/\/127\.0\.0\.1:\d+/m);
    expect(daemon.stdout()).toMatch(/^ {2}agent +weather +wav +\w+ +weather\.yaml$/m);

    const health = await get(`${daemon.adminUrl}/healthz`);
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });

    const ready = await waitFor(
      async () => {
        const r = await get(`${daemon.adminUrl}/readyz`);
        return r.status === 200 ? r : undefined;
      },
      30_000,
      () => 'never ready',
    );
    expect(ready.body).toEqual({ status: 'ready', agents: [{ name: 'weather', ready: true }] });

    // The default restart policy is `always`: a second session starts after the first ended.
    const [entry] = await waitFor(
      async () => {
        const list = await agents(daemon.adminUrl);
        return (list[0]?.restarts ?? 0) >= 1 ? list : undefined;
      },
      45_000,
      () => daemon.stderr(),
    );
    expect(entry).toMatchObject({ name: 'weather', kind: 'wav', sessionsFailed: 0 });
    expect(entry?.sessionsStarted).toBeGreaterThanOrEqual(2);

    // With `pace: asap` some turns end before the server measured speech; over restarts one does.
    const metrics = await waitFor(
      async () => {
        const m = await get(`${daemon.adminUrl}/metrics`);
        return (sample(m.text, 'voxd_turn_latency_seconds_count{agent="weather"}') ?? 0) >= 1
          ? m
          : undefined;
      },
      45_000,
      () => 'no turn latency observed',
    );
    expect(metrics.status).toBe(200);
    expect(sample(metrics.text, 'voxd_turns_total{agent="weather"}')).toBeGreaterThanOrEqual(1);
    expect(
      sample(metrics.text, 'voxd_sessions_total{agent="weather",outcome="source-ended"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(metrics.text, 'voxd_turn_latency_seconds_bucket{le="+Inf",agent="weather"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(metrics.text).toContain('process_cpu_seconds_total');

    // Session plugins are created per session: one transcript file each.
    const transcripts = await readdir(join(dir.path, 'transcripts'));
    expect(
      transcripts.filter((f) => f.startsWith('weather-') && f.endsWith('.jsonl')).length,
    ).toBeGreaterThanOrEqual(2);

    const missing = await get(`${daemon.adminUrl}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });

    // Structured logs: JSON lines naming the agent and session, never the embedded server's key.
    const logs = daemon
      .stderr()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'session ready', agent: 'weather', session: 'weather#1' }),
    );
    expect(daemon.stderr()).not.toMatch(/api-key=/);

    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });
});
