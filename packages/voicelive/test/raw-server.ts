// A plain `ws` server on 127.0.0.1:0 for fault cases the local Voice Live server does not produce:
// rejected upgrades with any status and body, dropped sockets, silent peers, oversize frames.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

export interface SeenRequest {
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
}

export interface RawServerOptions {
  /** Answer the upgrade with this status and body instead of accepting it. */
  readonly reject?: (
    request: SeenRequest,
    index: number,
  ) => { status: number; body: string } | undefined;
  /** Called for each accepted connection; `index` counts accepted connections from 0. */
  readonly onConnection?: (socket: WebSocket, request: SeenRequest, index: number) => void;
  /** @default true */
  readonly autoPong?: boolean;
}

export interface RawServer {
  readonly url: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  readonly sockets: WebSocket[];
  /** Close codes the server received, in order. */
  readonly closeCodes: number[];
  close(): Promise<void>;
}

export async function startRawServer(options: RawServerOptions = {}): Promise<RawServer> {
  const requests: SeenRequest[] = [];
  const sockets: WebSocket[] = [];
  const closeCodes: number[] = [];
  const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
  const http = createServer((_req, res) => res.writeHead(404).end());
  http.on('upgrade', (req, socket, head) => {
    // A client that gives up (timeout, close) resets the socket: not a test failure.
    socket.on('error', () => undefined);
    const seen = { url: new URL(req.url ?? '/', 'http://127.0.0.1'), headers: req.headers };
    const index = requests.length;
    requests.push(seen);
    const rejection = options.reject?.(seen, index);
    if (rejection !== undefined) {
      socket.end(
        `HTTP/1.1 ${rejection.status} Rejected\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(rejection.body)}\r\nConnection: close\r\n\r\n${rejection.body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const accepted = sockets.length;
      sockets.push(ws);
      ws.on('close', (code) => closeCodes.push(code));
      options.onConnection?.(ws, seen, accepted);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    sockets,
    closeCodes,
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** A `session.created` event as the service sends it. */
export function sessionCreated(id: string): string {
  return JSON.stringify({
    type: 'session.created',
    event_id: `event_${id}`,
    session: { id, object: 'realtime.session', model: 'gpt-realtime' },
  });
}
