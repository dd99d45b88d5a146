import type { WebSocket } from 'ws';

/** How long a closing client may take to read its close frame before the socket is cut. */
const CLOSE_GRACE_MS = 5_000;

export interface ClientChannelOptions {
  /** Queued bytes beyond which the client counts as too slow. */
  readonly clientBufferBytes: number;
  /** Called once when the client cannot keep up; the channel is already closing. */
  readonly onTooSlow: (bufferedBytes: number) => void;
}

/** The client socket, with backpressure and one close. */
export interface ClientChannel {
  /** Sends one text frame; returns false (and sends nothing) once the channel is closing. */
  sendText(text: string): boolean;
  /** Closes with a code and reason once; later calls do nothing. */
  close(code: number, reason: string): void;
  readonly closing: boolean;
}

/**
 * Wraps the client's WebSocket. A client that stops reading would make the gateway buffer upstream
 * audio without bound; once `bufferedAmount` passes `clientBufferBytes` the client is closed with
 * 1008 'client too slow', and cut if it does not finish the close handshake within a few seconds,
 * so memory per session stays bounded.
 */
export function createClientChannel(ws: WebSocket, options: ClientChannelOptions): ClientChannel {
  let closing = false;

  function close(code: number, reason: string): void {
    if (closing) return;
    closing = true;
    ws.close(code, closeReason(reason));
    const cut = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    cut.unref();
    ws.once('close', () => clearTimeout(cut));
  }

  return {
    get closing() {
      return closing;
    },
    sendText(text) {
      if (closing || ws.readyState !== ws.OPEN) return false;
      ws.send(text);
      if (ws.bufferedAmount > options.clientBufferBytes) {
        const buffered = ws.bufferedAmount;
        close(1008, 'client too slow');
        options.onTooSlow(buffered);
        return false;
      }
      return true;
    },
    close,
  };
}

/** Close reasons are limited to 123 UTF-8 bytes by the WebSocket protocol; cut on a character. */
function closeReason(reason: string): string {
  let out = reason;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}
