export { createVoiceMetrics } from './create-voice-metrics.js';
export type { VoiceMetrics, VoiceMetricsOptions } from './create-voice-metrics.js';
export { instrumentSession } from './instrument-session.js';
export type { SessionLabels } from './instrument-session.js';
export {
  createLabelBounds,
  KNOWN_ERROR_CODES,
  OTHER_LABEL,
  reconnectReasonLabel,
} from './label-bounds.js';
export type { LabelBounds, LabelBoundsOptions, ReconnectReason } from './label-bounds.js';
export { MetricsError } from './metrics-error.js';
export type { MetricsErrorCode } from './metrics-error.js';
export { metricsText } from './metrics-text.js';
export type { MetricsExposition } from './metrics-text.js';
export { VOICE_LATENCY_BUCKETS_SECONDS } from './voice-buckets.js';
export { gatewayFieldsDroppedCounter } from './gateway-fields-dropped.js';
