/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return -- frames are JSON of many shapes (WireEvent), asserted field by field by the tests */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';

import { WebSocket, WebSocketServer } from 'ws';

import type { WireEvent } from './voice-live-test-client.js';

/** One JSON frame that crossed the proxy. */
export interface ProxiedFrame {
  /** `client`: sent by the client towards the server; `server`: the other way. */
  readonly from: 'client' | 'server';
  /** 1-based number of the connection it crossed, in upgrade order. */
  readonly connection: number;
  readonly event: WireEvent;
}

/** An upgrade request as the proxy received it (before it is forwarded). */
export interface ProxiedUpgrade {
  /** Path and query. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** A running recording proxy. */
export interface RecordingProxy {
  /** `http://127.0.0.1:PORT`: use it as the endpoint instead of the target's. */
  readonly url: string;
  readonly port: number;
  /** Every JSON frame relayed, both ways, in the order the proxy saw them. */
  readonly frames: ProxiedFrame[];
  /** The events of the frames that match `filter` (every field optional), in order. */
  events(filter?: {
    readonly from?: 'client' | 'server';
    readonly connection?: number;
    readonly type?: string;
  }): WireEvent[];
  readonly upgrades: ProxiedUpgrade[];
  /** Connections currently relayed. */
  openConnections(): number;
  /** Cuts every relayed connection at the TCP level, both sides, without a close frame. */
  dropAll(): void;
  /**
   * From now on, frames of the connections open now are swallowed both ways (recorded, not
   * relayed) while their sockets stay open: a peer that went silent without closing.
   */
  stallAll(): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Headers forwarded to the target: the credentials and protocol ones, nothing hop-by-hop. */
const FORWARDED = ['api-key', 'authorization', 'x-ms-client-request-id', 'user-agent'];

/**
 * A WebSocket proxy on a port-0 loopback listener that relays every connection to `target` (an
 * `http://host:port` Voice Live server) unchanged, records the JSON frames both ways, and can cut
 * every connection on demand: for asserting what a client really sent on the wire (its appends,
 * its session.update after a reconnect) and for dropping an upstream mid-session.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const frames: ProxiedFrame[] = [];
  const upgrades: ProxiedUpgrade[] = [];
  const pairs = new Set<{ client: WebSocket; server: WebSocket; stalled: boolean }>();
  let connections = 0;
  const targetWs = target.replace(/^http/, 'ws').replace(/\/$/, '');

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024 * 1024,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false),
  });
  const http = createServer((_request, response) => {
    response.writeHead(426).end();
  });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = request.url ?? '/';
    upgrades.push({ url, headers: request.headers });
    const headers: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const protocols = (request.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    const server = new WebSocket(`${targetWs}${url}`, protocols, {
      headers,
      perMessageDeflate: false,
      maxPayload: 64 * 1024 * 1024,
    });
    server.once('unexpected-response', (_req, response) => {
      // The target refused the upgrade: the client gets the same status and body.
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        socket.end(
          `HTTP/1.1 ${response.statusCode ?? 502} ${response.statusMessage ?? ''}\r\n` +
            `Content-Type: ${response.headers['content-type'] ?? 'text/plain'}\r\n` +
            `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString()}`,
        );
      });
    });
    server.once('error', () => socket.destroy());
    server.once('open', () => {
      wss.handleUpgrade(request, socket, head, (client) => {
        const connection = ++connections;
        const pair = { client, server, stalled: false };
        pairs.add(pair);
        const relay = (from: 'client' | 'server', to: WebSocket) => (data: Buffer) => {
          try {
            const event: WireEvent = JSON.parse(data.toString('utf8'));
            frames.push({ from, connection, event });
          } catch {
            // Not JSON: relayed unrecorded (a test of malformed frames reads the server's answer).
          }
          if (!pair.stalled && to.readyState === WebSocket.OPEN) to.send(data, { binary: false });
        };
        client.on('message', relay('client', server));
        server.on('message', relay('server', client));
        const closeOther = (other: WebSocket) => (code: number, reason: Buffer) => {
          pairs.delete(pair);
          if (other.readyState === WebSocket.OPEN)
            other.close(code === 1005 || code === 1006 ? 1000 : code, reason);
          else other.terminate();
        };
        client.on('close', closeOther(server));
        server.on('close', closeOther(client));
        client.on('error', () => client.terminate());
        server.on('error', () => server.terminate());
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', resolve);
  });
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const close = async (): Promise<void> => {
    for (const { client, server } of pairs) {
      client.terminate();
      server.terminate();
    }
    wss.close();
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  };
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    frames,
    upgrades,
    events: (filter = {}) => {
      const out: WireEvent[] = [];
      for (const frame of frames) {
        if (filter.from !== undefined && frame.from !== filter.from) continue;
        if (filter.connection !== undefined && frame.connection !== filter.connection) continue;
        if (filter.type !== undefined && frame.event.type !== filter.type) continue;
        out.push(frame.event);
      }
      return out;
    },
    openConnections: () => pairs.size,
    dropAll: () => {
      for (const pair of pairs) {
        pairs.delete(pair);
        pair.client.terminate();
        pair.server.terminate();
      }
    },
    stallAll: () => {
      for (const pair of pairs) pair.stalled = true;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
