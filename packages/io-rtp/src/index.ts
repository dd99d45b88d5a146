export { parseTelephoneEvent } from './dtmf.js';
export type { TelephoneEvent } from './dtmf.js';
export { formatHostPort, parseHostPort } from './host-port.js';
export type { HostPort } from './host-port.js';
export { createJitterBuffer } from './jitter-buffer.js';
export type {
  JitterBuffer,
  JitterBufferOptions,
  JitterStats,
  PlayoutItem,
  PushOutcome,
} from './jitter-buffer.js';
export {
  STATIC_PAYLOAD_TYPES,
  codecOfFormat,
  formatOfCodec,
  swapBytes16,
} from './payload-types.js';
export type { PayloadSpec, RtpCodec } from './payload-types.js';
export { looksLikeRtcp, parseRtcpPacket, serializeRtcpBye } from './rtcp-packet.js';
export type { RtcpParseResult, RtcpSummary } from './rtcp-packet.js';
export { createRtpChannel } from './rtp-channel.js';
export type { RtpChannel } from './rtp-channel.js';
export { RtpError } from './rtp-error.js';
export type { RtpErrorCode } from './rtp-error.js';
export {
  RTP_SESSION_FORMATS,
  rtpSinkOptionsSchema,
  rtpSourceOptionsSchema,
  sessionFormatOf,
  toRtpSinkOptions,
  toRtpSourceOptions,
} from './rtp-options.js';
export type {
  RtpSessionFormatName,
  RtpSinkOptions,
  RtpSinkParsedOptions,
  RtpSinkYamlOptions,
  RtpSourceOptions,
  RtpSourceParsedOptions,
  RtpSourceYamlOptions,
} from './rtp-options.js';
export { parseRtpPacket, serializeRtpPacket } from './rtp-packet.js';
export type { RtpHeaderFields, RtpPacket, RtpParseFailure, RtpParseResult } from './rtp-packet.js';
export { createRtpPlugins } from './rtp-plugins.js';
export type {
  RtpPlugins,
  RtpSinkPluginDescriptor,
  RtpSourcePluginDescriptor,
} from './rtp-plugins.js';
export { createRtpSink } from './rtp-sink.js';
export type { RtpSendStats, RtpSink } from './rtp-sink.js';
export { createRtpSource } from './rtp-source.js';
export type { DtmfKey, RtpReceiveStats, RtpSource } from './rtp-source.js';
export { extendSequence, timestampDelta } from './sequence.js';
