import type { VoiceMetrics } from './create-voice-metrics.js';

/** The exposition of a `VoiceMetrics` registry: what `GET /metrics` answers. */
export interface MetricsExposition {
  /** The `Content-Type` header value (Prometheus text format 0.0.4). */
  readonly contentType: string;
  readonly body: string;
}

/** Renders every metric of the registry (voice metrics and anything else registered there). */
export async function metricsText(metrics: VoiceMetrics): Promise<MetricsExposition> {
  const body = await metrics.registry.metrics();
  return { contentType: metrics.registry.contentType, body };
}
