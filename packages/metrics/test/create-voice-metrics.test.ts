import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import { createVoiceMetrics } from '../src/create-voice-metrics.js';
import { metricsText } from '../src/metrics-text.js';
import { VOICE_LATENCY_BUCKETS_SECONDS } from '../src/voice-buckets.js';
import { parseExposition } from './exposition.js';

const VOICE_METRICS = [
  'voxd_turn_latency_seconds histogram',
  'voxd_response_first_audio_seconds histogram',
  'voxd_bargein_flush_seconds histogram',
  'voxd_tool_call_seconds histogram',
  'voxd_sessions_total counter',
  'voxd_turns_total counter',
  'voxd_interruptions_total counter',
  'voxd_audio_seconds_total counter',
  'voxd_transport_reconnects_total counter',
  'voxd_errors_total counter',
  'voxd_unknown_events_total counter',
  'voxd_tool_calls_total counter',
  'voxd_sessions_active gauge',
];

describe('createVoiceMetrics', () => {
  it('registers every voice metric with its type in a fresh registry of its own', async () => {
    const metrics = createVoiceMetrics();
    const { body, contentType } = await metricsText(metrics);
    const types = [...body.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(types.sort()).toEqual([...VOICE_METRICS].sort());
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(parseExposition(body)).toEqual([]); // no series before a session
  });

  it('uses voice buckets from 10 ms to 10 s', async () => {
    const metrics = createVoiceMetrics();
    metrics.turnLatencySeconds.observe({ agent: 'a' }, 0.42);
    const le = parseExposition((await metricsText(metrics)).body)
      .filter((s) => s.name === 'voxd_turn_latency_seconds_bucket')
      .map((s) => s.labels['le']);
    expect(le).toEqual([...VOICE_LATENCY_BUCKETS_SECONDS.map(String), '+Inf']);
    expect(VOICE_LATENCY_BUCKETS_SECONDS[0]).toBe(0.01);
    expect(VOICE_LATENCY_BUCKETS_SECONDS.at(-1)).toBe(10);
  });

  it('takes a registry and a prefix', async () => {
    const registry = new Registry();
    const metrics = createVoiceMetrics({ registry, prefix: 'edge_' });
    expect(metrics.registry).toBe(registry);
    const names = registry.getMetricsAsArray().map((m) => m.name);
    expect(names).toContain('edge_turn_latency_seconds');
    expect(names.every((name) => name.startsWith('edge_'))).toBe(true);
    // two sets of voice metrics may share a registry under different prefixes
    createVoiceMetrics({ registry, prefix: 'other_' });
    expect(registry.getMetricsAsArray()).toHaveLength(2 * VOICE_METRICS.length);
    await expect(registry.metrics()).resolves.toContain('other_sessions_active');
  });

  it('refuses a duplicate registration and a bad prefix with clear errors', () => {
    const registry = new Registry();
    createVoiceMetrics({ registry });
    expect(() => createVoiceMetrics({ registry })).toThrow(
      expect.objectContaining({
        code: 'E_METRICS_DUPLICATE',
        message: expect.stringContaining('voxd_turn_latency_seconds') as string,
      }) as Error,
    );
    expect(() => createVoiceMetrics({ prefix: 'voxd-' })).toThrow(
      expect.objectContaining({
        code: 'E_METRICS_INVALID_OPTION',
        message: expect.stringContaining('"voxd-"') as string,
      }) as Error,
    );
    expect(() => createVoiceMetrics({ labels: { maxToolLabels: -1 } })).toThrow(
      expect.objectContaining({ code: 'E_METRICS_INVALID_OPTION' }) as Error,
    );
  });

  it('adds the standard Node process metrics only when asked', async () => {
    const without = await metricsText(createVoiceMetrics());
    expect(without.body).not.toMatch(/process_|nodejs_/);
    const withProcess = await metricsText(createVoiceMetrics({ collectProcessMetrics: true }));
    const samples = parseExposition(withProcess.body);
    const cpu = samples.find((s) => s.name === 'process_cpu_seconds_total');
    expect(cpu?.value).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes' && s.value > 0)).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });
});
