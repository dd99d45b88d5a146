// @voxd/voicelive: the WebSocket transport to an Azure AI Voice Live endpoint (or the local server).
export { backoffDelayMs, DEFAULT_RECONNECT } from './backoff-delay.js';
export type { ResolvedReconnectOptions } from './backoff-delay.js';
export { buildVoiceLiveUrl } from './build-url.js';
export type { BuildUrlInput } from './build-url.js';
export { createEntraTokenProvider, VOICE_LIVE_SCOPE } from './entra-token-provider.js';
export { redactUrl } from './redact-url.js';
export { TransportError } from './transport-error.js';
export type { TransportErrorCode, TransportErrorDetails } from './transport-error.js';
export type {
  ReconnectOptions,
  SocketRequest,
  VoiceLiveAuth,
  VoiceLiveOptions,
  VoiceLiveTarget,
  WebSocketData,
  WebSocketLike,
} from './voice-live-options.js';
export { createVoiceLiveTransport } from './voice-live-transport.js';
