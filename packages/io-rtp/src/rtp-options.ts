import type { AudioFormat, SampleRate } from '@voxd/audio';
import { z } from 'zod';

import { parseHostPort } from './host-port.js';
import type { HostPort } from './host-port.js';
import { formatOfCodec } from './payload-types.js';
import type { PayloadSpec, RtpCodec } from './payload-types.js';

const hostPort = z.string().refine((text) => parseHostPort(text) !== undefined, {
  message: 'expected host:port, e.g. 127.0.0.1:40000 (port 0: any free port)',
});
const codec = z.enum(['PCMU', 'PCMA', 'L16']);
const clockRate = z.union([z.literal(8000), z.literal(16000), z.literal(24000)]);

/** Voice Live format names the session may use on an RTP call. */
export const RTP_SESSION_FORMATS = [
  'passthrough',
  'g711_ulaw',
  'g711_alaw',
  'pcm16',
  'pcm16_16000hz',
  'pcm16_8000hz',
] as const;
export type RtpSessionFormatName = (typeof RTP_SESSION_FORMATS)[number];

/**
 * Options of `source: { type: rtp, … }`.
 *
 * @example
 * source:
 *   type: rtp
 *   listen: 127.0.0.1:${VOXD_RTP_PORT:-40000}
 *   codec: PCMU                 # the call's codec; the session then uses g711_ulaw as is
 */
export const rtpSourceOptionsSchema = z
  .object({
    /** UDP address to receive RTP on (`host:port`; port 0 picks a free one, logged). */
    listen: hostPort,
    /** The codec of the calls; with `session_format: passthrough` it is the session's format too. @default 'PCMU' */
    codec: codec.default('PCMU'),
    /** Clock rate of `codec: L16` (G.711 is always 8000). @default 8000 */
    clock_rate: clockRate.default(8000),
    /**
     * The Voice Live input format: `passthrough` uses the codec's own (PCMU → g711_ulaw, PCMA →
     * g711_alaw, L16 → pcm16 at its rate) so nothing is transcoded; any other name converts every
     * payload with @voxd/audio. @default 'passthrough'
     */
    session_format: z.enum(RTP_SESSION_FORMATS).default('passthrough'),
    /** Dynamic payload types (96–127) accepted besides the static PCMU 0 and PCMA 8. */
    payload_types: z
      .array(
        z
          .object({
            payload_type: z.number().int().min(96).max(127),
            codec: z.enum(['PCMU', 'PCMA', 'L16', 'telephone-event']),
            clock_rate: clockRate.default(8000),
          })
          .strict(),
      )
      .default([]),
    /** Duration of each emitted frame. @default 20 */
    frame_ms: z.number().int().min(10).max(100).default(20),
    /** How long packets wait for late and reordered ones before they play. @default 60 */
    jitter_ms: z.number().int().min(0).max(1000).default(60),
    /** The call ends when no packet came for this long (RTCP BYE ends it at once). @default 5000 */
    inactivity_timeout_ms: z.number().int().min(100).max(600_000).default(5000),
  })
  .strict();

/**
 * Options of `sink: { type: rtp, … }`.
 *
 * @example
 * sink:
 *   type: rtp          # replies to the caller's address from the listening port (symmetric RTP)
 */
export const rtpSinkOptionsSchema = z
  .object({
    /** Where to send; by default the address the source's call comes from (symmetric RTP). */
    target: hostPort.optional(),
    /** Codec sent; `auto` answers in the caller's codec (else the source's `codec`). @default 'auto' */
    codec: z.enum(['auto', 'PCMU', 'PCMA', 'L16']).default('auto'),
    /** Payload type number for `codec: L16` (dynamic). @default 96 */
    payload_type: z.number().int().min(96).max(127).default(96),
    /** Clock rate for `codec: L16`. @default 8000 */
    clock_rate: clockRate.default(8000),
    /** Packet duration. @default 20 */
    ptime_ms: z.number().int().min(10).max(100).default(20),
    /**
     * Format of the assistant audio given to the sink (the session's `output_audio_format`); by
     * default the source's session format (passthrough: the codec's own).
     */
    format: z.enum(RTP_SESSION_FORMATS).optional(),
  })
  .strict();

export type RtpSourceYamlOptions = z.input<typeof rtpSourceOptionsSchema>;
export type RtpSourceParsedOptions = z.output<typeof rtpSourceOptionsSchema>;
export type RtpSinkYamlOptions = z.input<typeof rtpSinkOptionsSchema>;
export type RtpSinkParsedOptions = z.output<typeof rtpSinkOptionsSchema>;

/** Options of `createRtpSource` (camelCase, defaults applied). */
export interface RtpSourceOptions {
  readonly listen: HostPort;
  readonly sessionFormat: AudioFormat;
  readonly payloadTypes: readonly PayloadSpec[];
  readonly frameMs: number;
  readonly jitterMs: number;
  readonly inactivityTimeoutMs: number;
}

/** Options of `createRtpSink`. */
export interface RtpSinkOptions {
  readonly target?: HostPort;
  /** `auto`: the codec of the call received, else `fallbackCodec`. */
  readonly codec: RtpCodec | 'auto';
  readonly fallback: PayloadSpec;
  readonly payloadType: number;
  readonly clockRate: SampleRate;
  readonly ptimeMs: number;
  readonly format: AudioFormat;
}

/** The AudioFormat of a session format name; `passthrough` is the codec's own. */
export function sessionFormatOf(name: RtpSessionFormatName, passthrough: AudioFormat): AudioFormat {
  switch (name) {
    case 'passthrough':
      return passthrough;
    case 'g711_ulaw':
      return { encoding: 'g711_ulaw', sampleRate: 8000, channels: 1 };
    case 'g711_alaw':
      return { encoding: 'g711_alaw', sampleRate: 8000, channels: 1 };
    case 'pcm16':
      return { encoding: 'pcm16', sampleRate: 24000, channels: 1 };
    case 'pcm16_16000hz':
      return { encoding: 'pcm16', sampleRate: 16000, channels: 1 };
    case 'pcm16_8000hz':
      return { encoding: 'pcm16', sampleRate: 8000, channels: 1 };
  }
}

/** The payload spec of a source's configured codec (L16 as dynamic type 96 unless configured). */
export function codecSpecOf(options: RtpSourceParsedOptions): PayloadSpec {
  if (options.codec === 'PCMU') return { payloadType: 0, codec: 'PCMU', clockRate: 8000 };
  if (options.codec === 'PCMA') return { payloadType: 8, codec: 'PCMA', clockRate: 8000 };
  const configured = options.payload_types.find(
    (p) => p.codec === 'L16' && p.clock_rate === options.clock_rate,
  );
  return {
    payloadType: configured?.payload_type ?? 96,
    codec: 'L16',
    clockRate: options.clock_rate,
  };
}

/** Maps validated YAML options to `createRtpSource` options. */
export function toRtpSourceOptions(options: RtpSourceParsedOptions): RtpSourceOptions {
  const spec = codecSpecOf(options);
  const passthrough = formatOfCodec(options.codec, spec.clockRate);
  const dynamic = options.payload_types.map((p): PayloadSpec => ({
    payloadType: p.payload_type,
    codec: p.codec,
    clockRate: p.clock_rate,
  }));
  const payloadTypes: PayloadSpec[] = [
    { payloadType: 0, codec: 'PCMU', clockRate: 8000 },
    { payloadType: 8, codec: 'PCMA', clockRate: 8000 },
    ...dynamic,
  ];
  if (!payloadTypes.some((p) => p.payloadType === spec.payloadType)) payloadTypes.push(spec);
  return {
    listen: parseHostPort(options.listen) ?? { host: '127.0.0.1', port: 0 },
    sessionFormat: sessionFormatOf(options.session_format, passthrough),
    payloadTypes,
    frameMs: options.frame_ms,
    jitterMs: options.jitter_ms,
    inactivityTimeoutMs: options.inactivity_timeout_ms,
  };
}

/** Maps validated YAML options to `createRtpSink` options, given the paired source's (if any). */
export function toRtpSinkOptions(
  options: RtpSinkParsedOptions,
  source: RtpSourceParsedOptions | undefined,
): RtpSinkOptions {
  const fallback: PayloadSpec =
    source === undefined ? { payloadType: 0, codec: 'PCMU', clockRate: 8000 } : codecSpecOf(source);
  const fallbackFormat =
    fallback.codec === 'telephone-event'
      ? formatOfCodec('PCMU', 8000)
      : formatOfCodec(fallback.codec, fallback.clockRate);
  const sourceFormat =
    source === undefined ? fallbackFormat : toRtpSourceOptions(source).sessionFormat;
  const target = options.target === undefined ? undefined : parseHostPort(options.target);
  return {
    ...(target === undefined ? {} : { target }),
    codec: options.codec,
    fallback,
    payloadType: options.payload_type,
    clockRate: options.clock_rate,
    ptimeMs: options.ptime_ms,
    format:
      options.format === undefined ? sourceFormat : sessionFormatOf(options.format, fallbackFormat),
  };
}
