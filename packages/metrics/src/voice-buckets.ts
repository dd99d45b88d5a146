/**
 * Histogram buckets for voice latencies, in seconds: 10 ms to 10 s, dense where conversations feel
 * the difference (100 ms to 1 s) and sparse in the tail that only shows outages.
 */
export const VOICE_LATENCY_BUCKETS_SECONDS: readonly number[] = Object.freeze([
  0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10,
]);
