/* eslint-disable @typescript-eslint/no-unsafe-return -- test frames are untyped JSON */
import { WebSocket } from 'ws';

/** A parsed server frame; tests assert on it field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes, asserted by the tests
export type Wire = any;

/** A real `ws` client that records every server event, for asserting order and content. */
export interface TestClient {
  readonly ws: WebSocket;
  readonly events: Wire[];
  send(event: Record<string, unknown>): void;
  sendRaw(data: string | Buffer): void;
  /** Resolves with the first event of `type` after index `from` (default: after the last awaited one). */
  next(type: string, timeoutMs?: number): Promise<Wire>;
  /** Resolves once `predicate` holds for some recorded event. */
  until(predicate: (e: Wire) => boolean, timeoutMs?: number): Promise<Wire>;
  types(): string[];
  close(): Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

export interface ConnectOptions {
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly path?: string;
  readonly protocols?: string[];
}

export function connect(baseUrl: string, options: ConnectOptions = {}): Promise<TestClient> {
  const url = new URL(options.path ?? '/voice-live/realtime', baseUrl.replace('http', 'ws'));
  const query = options.query ?? { 'api-version': '2025-10-01', model: 'gpt-realtime' };
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
  const events: Wire[] = [];
  const waiters = new Set<() => void>();
  let cursor = 0;
  ws.on('message', (data) => {
    events.push(JSON.parse((data as Buffer).toString('utf8')));
    for (const w of waiters) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const until = (predicate: (e: Wire) => boolean, timeoutMs = 20_000): Promise<Wire> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (let i = cursor; i < events.length; i++) {
          const e = events[i]!;
          if (predicate(e)) {
            cursor = i + 1;
            resolve(e);
            return true;
          }
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out; events so far: ${events.map((e) => e.type).join(', ')}`));
      }, timeoutMs);
      const waiter = (): void => {
        if (check()) {
          clearTimeout(timer);
          waiters.delete(waiter);
        }
      };
      waiters.add(waiter);
    });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        events,
        send: (event) => ws.send(JSON.stringify(event)),
        sendRaw: (data) => ws.send(data),
        next: (type, timeoutMs) => until((e) => e.type === type, timeoutMs),
        until,
        types: () => events.map((e) => e.type),
        close: async () => {
          if (ws.readyState === WebSocket.OPEN) ws.close(1000);
          await closed;
        },
        closed,
      }),
    );
  });
}

/** Raw HTTP status and body of a refused upgrade. */
export function upgradeStatus(
  baseUrl: string,
  options: ConnectOptions = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(options.path ?? '/voice-live/realtime', baseUrl.replace('http', 'ws'));
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const ws = new WebSocket(url, { headers: options.headers ?? {} });
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => reject(new Error('upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}
