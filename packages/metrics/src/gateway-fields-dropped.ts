import { Counter } from 'prom-client';

import type { VoiceMetrics } from './create-voice-metrics.js';

/**
 * `voxd_gateway_session_fields_dropped_total{agent,field}`: gateway sessions in which a client's
 * value of a session field was dropped because the agent keeps it (counted once per session and
 * field). Created on first use, then the same counter for every caller of `metrics` (each gateway
 * agent, each reload): its series never reset while the process lives. The caller bounds `field`
 * (the session fields the protocol knows, else `other`).
 */
export function gatewayFieldsDroppedCounter(metrics: VoiceMetrics): Counter<'agent' | 'field'> {
  const name = `${metrics.prefix}gateway_session_fields_dropped_total`;
  const existing = metrics.registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter<'agent' | 'field'>({
    name,
    help: "Gateway sessions in which a client's value of a session field was dropped (the agent's value kept), by field.",
    labelNames: ['agent', 'field'],
    registers: [metrics.registry],
  });
}
