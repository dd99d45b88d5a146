import { VoxdError } from '@voxd/errors';

/**
 * Codes of the errors `@voxd/metrics` throws.
 *
 * - `E_METRICS_INVALID_OPTION`: a `createVoiceMetrics` option or an `instrumentSession` label is
 *   not usable (a prefix that is not a Prometheus name, an empty agent).
 * - `E_METRICS_DUPLICATE`: the registry already holds a metric of the same name (two
 *   `createVoiceMetrics` calls with one registry and one prefix).
 */
export type MetricsErrorCode = 'E_METRICS_INVALID_OPTION' | 'E_METRICS_DUPLICATE';

/** An error raised by `@voxd/metrics`. */
export class MetricsError extends VoxdError<MetricsErrorCode> {}
