// Percentiles and the markdown report of the load driver.

/** The q-quantile (0–1) of `values` by the nearest-rank method; undefined when empty. */
export function quantile(values, q) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

/** p50/p95/p99/max/count of `values`, rounded to 0.1 ms. */
export function summarize(values) {
  const round = (v) => (v === undefined ? null : Math.round(v * 10) / 10);
  return {
    count: values.length,
    p50: round(quantile(values, 0.5)),
    p95: round(quantile(values, 0.95)),
    p99: round(quantile(values, 0.99)),
    max: round(quantile(values, 1)),
  };
}

const cell = (v) => (v === null || v === undefined ? '–' : String(v));

/** A markdown table: one row per phase, latency columns in ms. */
export function markdownTable(phases) {
  const lines = [
    '| phase | sessions | user turns | turn p50 | turn p95 | turn p99 | first-audio p50 | first-audio p95 | first-audio p99 | connect p95 | errors | interruptions | sessions/s |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const p of phases) {
    lines.push(
      `| ${p.name} | ${p.sessions} | ${p.turnLatencyMs.count} | ${cell(p.turnLatencyMs.p50)} | ${cell(p.turnLatencyMs.p95)} | ${cell(p.turnLatencyMs.p99)} | ${cell(p.firstAudioMs.p50)} | ${cell(p.firstAudioMs.p95)} | ${cell(p.firstAudioMs.p99)} | ${cell(p.connectMs.p95)} | ${p.errors} | ${p.interruptions} | ${cell(p.sessionsPerSecond)} |`,
    );
  }
  return lines.join('\n');
}
