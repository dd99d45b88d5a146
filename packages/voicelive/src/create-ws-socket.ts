import WebSocket from 'ws';

import type { SocketRequest, WebSocketLike } from './voice-live-options.js';

/**
 * The default `createSocket`: a `ws` client. Compression is off because base64 audio gains little
 * from it and it costs CPU per frame; `maxPayload` makes ws refuse oversize frames before buffering.
 */
export function createWsSocket(request: SocketRequest): WebSocketLike {
  return new WebSocket(request.url, {
    headers: { ...request.headers },
    maxPayload: request.maxPayloadBytes,
    perMessageDeflate: false,
  });
}
