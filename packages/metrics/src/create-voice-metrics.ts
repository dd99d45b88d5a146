import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { createLabelBounds } from './label-bounds.js';
import type { LabelBounds, LabelBoundsOptions } from './label-bounds.js';
import { MetricsError } from './metrics-error.js';
import { VOICE_LATENCY_BUCKETS_SECONDS } from './voice-buckets.js';

/** Options of `createVoiceMetrics`. */
export interface VoiceMetricsOptions {
  /** Where the metrics register. @default a new `Registry` (never prom-client's global one) */
  readonly registry?: Registry;
  /** Prepended to every voice metric name. @default 'voxd_' */
  readonly prefix?: string;
  /**
   * Also collect prom-client's Node process metrics (`process_cpu_seconds_total`,
   * `nodejs_eventloop_lag_seconds`, …) into the registry. They keep their standard, unprefixed
   * names so stock Node dashboards and alerts work; the scrape's `job` label tells services apart.
   * @default false
   */
  readonly collectProcessMetrics?: boolean;
  /** Widen the bounded label sets (extra error codes, how many tool names). */
  readonly labels?: LabelBoundsOptions;
}

/**
 * The voice metrics of one process. Values are in base units (seconds); every series carries an
 * `agent` label and only bounded others (see README.md for the full table).
 */
export interface VoiceMetrics {
  readonly registry: Registry;
  readonly prefix: string;
  /** User speech stopped → first assistant audio. */
  readonly turnLatencySeconds: Histogram<'agent'>;
  /** Response started → its first audio delta. */
  readonly responseFirstAudioSeconds: Histogram<'agent'>;
  /** User speech started → assistant playback stopped (barge-in). */
  readonly bargeinFlushSeconds: Histogram<'agent'>;
  /** Tool handler run time, by tool. */
  readonly toolCallSeconds: Histogram<'agent' | 'tool'>;
  readonly sessionsTotal: Counter<'agent' | 'outcome'>;
  readonly turnsTotal: Counter<'agent'>;
  readonly interruptionsTotal: Counter<'agent'>;
  readonly audioSecondsTotal: Counter<'agent' | 'direction'>;
  readonly transportReconnectsTotal: Counter<'agent' | 'reason'>;
  readonly errorsTotal: Counter<'agent' | 'code'>;
  readonly unknownEventsTotal: Counter<'agent'>;
  readonly toolCallsTotal: Counter<'agent' | 'tool' | 'outcome'>;
  readonly sessionsActive: Gauge<'agent'>;
  /** Maps unbounded inputs (error codes, tool names, reconnect reasons) to bounded label values. */
  readonly labelBounds: LabelBounds;
}

const PROMETHEUS_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Creates and registers every voxd voice metric. */
export function createVoiceMetrics(options: VoiceMetricsOptions = {}): VoiceMetrics {
  const prefix = options.prefix ?? 'voxd_';
  if (prefix !== '' && !PROMETHEUS_NAME.test(prefix)) {
    throw new MetricsError(
      'E_METRICS_INVALID_OPTION',
      `prefix ${JSON.stringify(prefix)} is not a Prometheus metric name prefix ([a-zA-Z_:][a-zA-Z0-9_:]*)`,
    );
  }
  const maxToolLabels = options.labels?.maxToolLabels;
  if (maxToolLabels !== undefined && !(Number.isInteger(maxToolLabels) && maxToolLabels >= 0)) {
    throw new MetricsError(
      'E_METRICS_INVALID_OPTION',
      `labels.maxToolLabels must be a non-negative integer, got ${String(maxToolLabels)}`,
    );
  }
  const registry = options.registry ?? new Registry();
  const registers = [registry];
  const buckets = [...VOICE_LATENCY_BUCKETS_SECONDS];

  const guarded = <TMetric>(create: () => TMetric): TMetric => {
    try {
      return create();
    } catch (error) {
      throw new MetricsError(
        'E_METRICS_DUPLICATE',
        `cannot register voice metrics with prefix "${prefix}": ${(error as Error).message}`,
        { cause: error },
      );
    }
  };
  const histogram = <TLabel extends string>(name: string, help: string, labelNames: TLabel[]) =>
    guarded(
      () => new Histogram<TLabel>({ name: prefix + name, help, labelNames, buckets, registers }),
    );
  const counter = <TLabel extends string>(name: string, help: string, labelNames: TLabel[]) =>
    guarded(() => new Counter<TLabel>({ name: prefix + name, help, labelNames, registers }));

  const metrics: VoiceMetrics = {
    registry,
    prefix,
    turnLatencySeconds: histogram(
      'turn_latency_seconds',
      'Time from the end of user speech (VAD speech_stopped) to the first assistant audio.',
      ['agent'],
    ),
    responseFirstAudioSeconds: histogram(
      'response_first_audio_seconds',
      'Time from response.created to the first response.audio.delta of that response.',
      ['agent'],
    ),
    bargeinFlushSeconds: histogram(
      'bargein_flush_seconds',
      'Time from user speech started (barge-in) to assistant playback stopped.',
      ['agent'],
    ),
    toolCallSeconds: histogram('tool_call_seconds', 'Run time of tool (function call) handlers.', [
      'agent',
      'tool',
    ]),
    sessionsTotal: counter(
      'sessions_total',
      'Sessions that ended, by outcome (closed, source-ended, transport-closed, error).',
      ['agent', 'outcome'],
    ),
    turnsTotal: counter('turns_total', 'User turns committed to the conversation.', ['agent']),
    interruptionsTotal: counter(
      'interruptions_total',
      'Barge-ins: user speech that cut a running response or its playback.',
      ['agent'],
    ),
    audioSecondsTotal: counter(
      'audio_seconds_total',
      'Audio streamed: in = user audio sent to the service, out = assistant audio received.',
      ['agent', 'direction'],
    ),
    transportReconnectsTotal: counter(
      'transport_reconnects_total',
      'Times a session lost its connection and started reconnecting, by bounded reason.',
      ['agent', 'reason'],
    ),
    errorsTotal: counter(
      'errors_total',
      'Session errors (recoverable or not), by code; unknown codes count as other.',
      ['agent', 'code'],
    ),
    unknownEventsTotal: counter(
      'unknown_events_total',
      'Server events of a type the protocol package does not know (kept, not dropped).',
      ['agent'],
    ),
    toolCallsTotal: counter(
      'tool_calls_total',
      'Tool calls by tool and outcome: ok, error, timeout, or dropped (cut by a cancelled response, not run).',
      ['agent', 'tool', 'outcome'],
    ),
    sessionsActive: guarded(
      () =>
        new Gauge<'agent'>({
          name: `${prefix}sessions_active`,
          help: 'Sessions currently running.',
          labelNames: ['agent'],
          registers,
        }),
    ),
    labelBounds: createLabelBounds(options.labels),
  };
  if (options.collectProcessMetrics === true) {
    guarded(() => collectDefaultMetrics({ register: registry }));
  }
  return metrics;
}
