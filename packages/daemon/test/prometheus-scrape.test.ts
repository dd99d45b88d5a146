// Debian's real `prometheus` scrapes a running daemon (the real bin) and answers histogram_quantile
// over the turn-latency histogram the daemon's sessions produced.
import { findPrometheus, startPrometheus } from '@voxd/testing';
import type { RunningPrometheus } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { tempDir } from './cli-harness.js';
import { get, killDaemons, sample, startDaemon, waitFor, writeWavAgent } from './daemon-harness.js';

// `npm test` installs Debian's prometheus (system-deps.txt): a missing one fails, never skips.
const binary = findPrometheus();

let prometheus: RunningPrometheus | undefined;
afterEach(async () => {
  await prometheus?.stop();
  prometheus = undefined;
  killDaemons();
});

describe('Prometheus scraping the daemon', () => {
  it('scrapes the turn-latency histogram and answers histogram_quantile', async () => {
    await using dir = await tempDir();
    await writeWavAgent(dir.path, 'scraped', { pace: 'asap' });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    await waitFor(
      async () => {
        const { text } = await get(`${daemon.adminUrl}/metrics`);
        return (sample(text, 'voxd_turn_latency_seconds_count{agent="scraped"}') ?? 0) >= 1;
      },
      30_000,
      () => 'no turn observed by the daemon',
    );

    prometheus = await startPrometheus(binary, new URL(daemon.adminUrl).host);
    const running = prometheus;
    const count = await waitFor(
      async () => {
        const result = await running.query('voxd_turn_latency_seconds_count{agent="scraped"}');
        const value = Number(result[0]?.value[1]);
        return Number.isFinite(value) && value >= 1 ? value : undefined;
      },
      30_000,
      () => `prometheus never scraped the histogram:\n${running.log()}`,
    );
    expect(count).toBeGreaterThanOrEqual(1);
    const p95 = await running.query(
      'histogram_quantile(0.95, sum by (le) (voxd_turn_latency_seconds_bucket{agent="scraped"}))',
    );
    const seconds = Number(p95[0]?.value[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(10);
  });
});
