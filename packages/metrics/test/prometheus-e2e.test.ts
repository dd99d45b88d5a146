import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { from } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createVoiceMetrics } from '../src/create-voice-metrics.js';
import { instrumentSession } from '../src/instrument-session.js';
import { metricsText } from '../src/metrics-text.js';
import { asPromql, dashboardTargets } from './config-files.js';
import { fullTurn, sessionError, timeline } from './events.js';
import { findPrometheus, startPrometheus } from '@voxd/testing';
import type { PromSample, RunningPrometheus } from '@voxd/testing';

// `npm test` installs Debian's prometheus (system-deps.txt): a missing one fails, never skips.
const binary = findPrometheus();

const AGENT = { agent: 'e2e' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 250 ms until it returns a value, or fails after `timeoutMs`. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: Error | undefined;
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result !== undefined) return result;
    } catch (error) {
      last = error instanceof Error ? error : new Error(JSON.stringify(error));
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${last.message}`}`);
}

const scalar = (result: readonly PromSample[]): number | undefined => {
  const value = result.length === 1 ? Number(result[0]?.value[1]) : NaN;
  return Number.isFinite(value) ? value : undefined;
};

describe('Prometheus end to end', () => {
  const metrics = createVoiceMetrics({ collectProcessMetrics: true });
  let server: Server | undefined;
  let prometheus: RunningPrometheus | undefined;
  let scrapes = 0;

  /** `count` turns whose latency (0.42 s) falls in the (0.3, 0.5] bucket. */
  const observeTurns = (count: number) => {
    const turns = Array.from({ length: count }, (_, i) =>
      fullTurn(`r${i}`, { turnMs: 420, firstAudioMs: 150 }),
    );
    instrumentSession(
      from(
        timeline([
          { type: 'session.connecting' },
          ...turns.flat(),
          { type: 'session.closed', reason: 'closed' },
        ]),
      ),
      metrics,
      AGENT,
    );
  };

  beforeAll(async () => {
    const http = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      scrapes += 1;
      metricsText(metrics).then(
        ({ contentType, body }) =>
          response.writeHead(200, { 'Content-Type': contentType }).end(body),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
    server = http;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    observeTurns(10);
    prometheus = await startPrometheus(binary, `127.0.0.1:${port}`);
  }, 45_000);

  afterAll(async () => {
    await prometheus?.stop();
    if (server !== undefined) await new Promise<void>((resolve) => server?.close(() => resolve()));
  }, 15_000);

  it('scrapes the voice metrics and answers latency quantiles', async () => {
    const prom = prometheus!;
    await eventually('the voxd target to be up', async () =>
      scalar(await prom.query('up{job="voxd"}')) === 1 ? true : undefined,
    );

    const buckets = await eventually('voxd_turn_latency_seconds_bucket', async () => {
      const result = await prom.query('voxd_turn_latency_seconds_bucket{agent="e2e"}');
      return result.length > 0 ? result : undefined;
    });
    expect(buckets.map((s) => s.metric['le']).sort()).toEqual(
      [
        '0.01',
        '0.025',
        '0.05',
        '0.1',
        '0.15',
        '0.2',
        '0.3',
        '0.5',
        '0.75',
        '1',
        '1.5',
        '2',
        '3',
        '5',
        '10',
        '+Inf',
      ].sort(),
    );
    expect(buckets.every((s) => s.metric['job'] === 'voxd')).toBe(true);
    expect(scalar(await prom.query('voxd_turns_total{agent="e2e"}'))).toBe(10);
    // The histograms' own counters, not only the turn counter: every turn was observed.
    expect(scalar(await prom.query('voxd_turn_latency_seconds_count{agent="e2e"}'))).toBe(10);
    expect(scalar(await prom.query('voxd_turn_latency_seconds_sum{agent="e2e"}'))).toBeCloseTo(
      4.2,
      9,
    );
    expect(scalar(await prom.query('voxd_response_first_audio_seconds_count{agent="e2e"}'))).toBe(
      10,
    );
    expect(
      scalar(await prom.query('voxd_response_first_audio_seconds_sum{agent="e2e"}')),
    ).toBeCloseTo(1.5, 9);
    expect(scalar(await prom.query('voxd_sessions_total{agent="e2e",outcome="closed"}'))).toBe(1);
    expect(scalar(await prom.query('process_cpu_seconds_total{job="voxd"}'))).toBeGreaterThan(0);

    // Every observation is 0.42 s, in the (0.3, 0.5] bucket: Prometheus interpolates linearly
    // inside it, so p95 = 0.3 + 0.2 × 0.95 = 0.49 whatever the count.
    const p95 = scalar(
      await prom.query('histogram_quantile(0.95, sum by (le) (voxd_turn_latency_seconds_bucket))'),
    );
    expect(p95).toBeCloseTo(0.49, 6);

    // rate() needs an increase between two scrapes: observe more turns after the first one.
    const scrapesBefore = scrapes;
    observeTurns(5);
    const rateP95 = await eventually('a rate-based p95', async () =>
      scrapes > scrapesBefore
        ? scalar(
            await prom.query(
              'histogram_quantile(0.95, sum by (le) (rate(voxd_turn_latency_seconds_bucket[30s])))',
            ),
          )
        : undefined,
    );
    expect(rateP95).toBeCloseTo(0.49, 6);
    const p50 = scalar(
      await prom.query(
        'histogram_quantile(0.5, sum by (le) (rate(voxd_turn_latency_seconds_bucket[30s])))',
      ),
    );
    expect(p50).toBeCloseTo(0.4, 6);
    expect(scalar(await prom.query('voxd_turns_total{agent="e2e"}'))).toBe(15);
    // A second session of the same agent adds to its histograms; it never starts them over
    // (Prometheus would read that as a counter reset and lose the first session's turns).
    const scrapesAfterSecond = scrapes;
    await eventually('a scrape after the second session', () =>
      Promise.resolve(scrapes > scrapesAfterSecond ? true : undefined),
    );
    await eventually('the latency count of both sessions', async () =>
      scalar(await prom.query('voxd_turn_latency_seconds_count{agent="e2e"}')) === 15
        ? true
        : undefined,
    );
    expect(scalar(await prom.query('voxd_turn_latency_seconds_sum{agent="e2e"}'))).toBeCloseTo(
      6.3,
      9,
    );
    expect(scalar(await prom.query('voxd_response_first_audio_seconds_count{agent="e2e"}'))).toBe(
      15,
    );
    expect(
      scalar(await prom.query('voxd_response_first_audio_seconds_sum{agent="e2e"}')),
    ).toBeCloseTo(2.25, 9);
    // resets() drops the metric name, so it runs per name (every counter and histogram part).
    const names = await prom.query(
      'count by (__name__) ({__name__=~"voxd_.*(_total|_count|_sum|_bucket)"})',
    );
    expect(names.length).toBeGreaterThanOrEqual(12);
    const reset: string[] = [];
    for (const { metric } of names) {
      const name = metric['__name__'] ?? '';
      const total = scalar(await prom.query(`sum(resets(${name}[5m]))`));
      if (total !== 0) reset.push(`${name}: ${total}`);
    }
    expect(reset).toEqual([]);
  }, 60_000);

  it('runs every dashboard query: valid PromQL that returns series for every panel', async () => {
    const prom = prometheus!;
    // A barge-in, a tool call, a reconnect and an error, so every panel has something to show.
    instrumentSession(
      from(
        timeline([
          {
            type: 'playback.interrupted',
            responseId: 'b',
            itemId: 'bi',
            playedMs: 50,
            receivedMs: 200,
            flushLatencyMs: 40,
          },
          { type: 'turn.interrupted', responseIds: ['b'], cancelSent: true, truncations: [] },
          {
            type: 'tool.result',
            responseId: 'b',
            callId: 'c',
            name: 'lookup',
            durationMs: 120,
            ok: true,
            output: '',
            timedOut: false,
          },
          {
            type: 'session.reconnecting',
            attempt: 1,
            reason: 'the service closed the socket with 1006',
            delayMs: 100,
          },
          sessionError('E_SERVER_ERROR'),
          { type: 'server.unknown', eventType: 'x.y', raw: {} },
        ]),
      ),
      metrics,
      AGENT,
    );
    const scrapesBefore = scrapes;
    await eventually('two more scrapes', () =>
      Promise.resolve(scrapes >= scrapesBefore + 2 ? true : undefined),
    );
    await eventually('the barge-in rate to show', async () =>
      scalar(await prom.query('sum(rate(voxd_interruptions_total[30s]))')),
    );
    const empty: string[] = [];
    for (const { panel, expr } of dashboardTargets()) {
      // query() throws with Prometheus's parse error for invalid PromQL
      const result = await prom.query(asPromql(expr));
      if (result.length === 0) empty.push(`${panel}: ${expr}`);
    }
    expect(empty).toEqual([]);
  }, 60_000);
});
