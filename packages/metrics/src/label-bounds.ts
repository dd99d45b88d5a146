import type { CoreErrorCode } from '@voxd/core';

/** The value every label falls back to when its input is outside the known set. */
export const OTHER_LABEL = 'other';

/**
 * Every `CoreError` code: the type makes the build fail when core adds one that is missing here
 * (the string index only lets a code stay listed for a while after core drops it).
 */
const CORE_CODES: Record<CoreErrorCode, true> & Record<string, true> = {
  E_SESSION_READY_TIMEOUT: true,
  E_SESSION_UPDATE_REJECTED: true,
  E_FORMAT_MISMATCH: true,
  E_FORMAT_UNSUPPORTED: true,
  E_SERVER_ERROR: true,
  E_MALFORMED_EVENT: true,
  E_AUDIO_DELTA_INVALID: true,
  E_TRANSCRIPTION_FAILED: true,
  E_TRANSPORT_CLOSED: true,
  E_SOURCE_FAILED: true,
  E_SINK_FAILED: true,
  E_PLUGIN_FAILED: true,
  E_TOOL_CONFLICT: true,
  E_INVALID_OPTION: true,
  E_SESSION_CLOSED: true,
};

/**
 * Codes a session can report besides core's own: the Voice Live transport's (`@voxd/voicelive`,
 * which this package may not import), the sources' and sinks', the agent runtime's (a session it
 * cannot create), and the server's `error.code` (or `error.type`) values from the protocol
 * reference §7.1 plus Azure's documented rate-limit codes.
 */
const OTHER_KNOWN_CODES = [
  'E_TRANSPORT_AUTH',
  'E_TRANSPORT_HANDSHAKE',
  'E_TRANSPORT_UNREACHABLE',
  'E_TRANSPORT_TIMEOUT',
  'E_TRANSPORT_FRAME_TOO_LARGE',
  'E_TRANSPORT_RETRIES_EXHAUSTED',
  'E_TRANSPORT_OPTIONS',
  'E_WAV_CORRUPT',
  'E_WAV_IO',
  'E_WAV_TRUNCATED',
  'E_AGENT_SESSION',
  'invalid_request_error',
  'server_error',
  'invalid_event_type',
  'invalid_json',
  'missing_required_parameter',
  'invalid_value',
  'input_audio_buffer_commit_empty',
  'item_not_found',
  'response_cancel_not_active',
  'conversation_already_has_active_response',
  'rate_limit_exceeded',
] as const;

/** The error codes `voxd_errors_total` keeps as they are; any other code counts as `other`. */
export const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set([
  ...Object.keys(CORE_CODES),
  ...OTHER_KNOWN_CODES,
]);

/** The reasons `voxd_transport_reconnects_total` distinguishes. */
export type ReconnectReason =
  | 'timeout'
  | 'unreachable'
  | 'auth'
  | 'rate-limited'
  | 'handshake'
  | 'frame-too-large'
  | 'socket-closed'
  | 'other';

/**
 * Patterns over the transport's free-text reason (an error message such as "the service closed
 * the socket with 1006" or "cannot reach wss://…: connect ECONNREFUSED"), tried in order: the
 * first match wins. The text itself never becomes a label, it may hold hosts and ports.
 */
const REASON_PATTERNS: readonly (readonly [ReconnectReason, RegExp])[] = [
  ['frame-too-large', /frame (?:is )?larger|frame too large|\b1009\b/i],
  ['timeout', /timed? ?out|ETIMEDOUT|\bpong\b/i],
  [
    'unreachable',
    /cannot reach|ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE/i,
  ],
  ['auth', /\b40[13]\b|unauthori[sz]ed|forbidden|credential|token/i],
  ['rate-limited', /\b429\b|rate.?limit|throttl|too many requests/i],
  ['handshake', /upgrade|handshake|\bHTTP \d{3}\b/i],
  [
    'socket-closed',
    /closed? the socket|socket (?:was )?closed|\bclose[ds]? (?:code )?\d{4}\b|\b10(?:0[0-9]|1[0-5])\b/i,
  ],
];

/** Maps a reconnect reason of any text to one of a few label values. */
export function reconnectReasonLabel(reason: string): ReconnectReason {
  for (const [label, pattern] of REASON_PATTERNS) {
    if (pattern.test(reason)) return label;
  }
  return 'other';
}

/** Options that widen the built-in label sets. */
export interface LabelBoundsOptions {
  /** Error codes to keep besides `KNOWN_ERROR_CODES` (a plugin's own codes). */
  readonly errorCodes?: readonly string[];
  /**
   * How many distinct tool names get their own `tool` label; later names count as `other`. Tool
   * names come from the model, which may invent some.
   * @default 64
   */
  readonly maxToolLabels?: number;
}

/** The label mapping of one `VoiceMetrics`; tool names are remembered across its sessions. */
export interface LabelBounds {
  errorCode(code: string): string;
  tool(name: string): string;
  reconnectReason(reason: string): ReconnectReason;
}

const DEFAULT_MAX_TOOL_LABELS = 64;
/** Prometheus label values may be any UTF-8, but dashboards and PromQL regexes prefer these. */
const TOOL_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Creates the label mapping: known error codes, the first `maxToolLabels` tool names. */
export function createLabelBounds(options: LabelBoundsOptions = {}): LabelBounds {
  const errorCodes = new Set([...KNOWN_ERROR_CODES, ...(options.errorCodes ?? [])]);
  const maxToolLabels = options.maxToolLabels ?? DEFAULT_MAX_TOOL_LABELS;
  const tools = new Set<string>();
  return {
    errorCode: (code) => (errorCodes.has(code) ? code : OTHER_LABEL),
    tool(name) {
      if (tools.has(name)) return name;
      if (!TOOL_NAME.test(name) || tools.size >= maxToolLabels) return OTHER_LABEL;
      tools.add(name);
      return name;
    },
    reconnectReason: reconnectReasonLabel,
  };
}
