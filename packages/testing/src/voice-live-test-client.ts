import { WebSocket } from 'ws';

import { voiceLiveUrl } from './voice-live-url.js';

/**
 * A parsed server frame. Tests assert on it field by field, so it stays untyped JSON.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes, asserted by the tests
export type WireEvent = any;

/** A real `ws` client on a Voice Live endpoint that records every server event, in order. */
export interface VoiceLiveTestClient {
  readonly ws: WebSocket;
  /** Every server event received so far, parsed, in arrival order. */
  readonly events: WireEvent[];
  /** Sends `event` as one JSON text frame. */
  send(event: Record<string, unknown>): void;
  /** Sends `data` as it is (malformed JSON, binary frames). */
  sendRaw(data: string | Buffer): void;
  /**
   * Resolves with the first event of `type` after the last one awaited through `next` or `until`;
   * rejects after `timeoutMs` (default 20 s) naming the events received so far.
   */
  next(type: string, timeoutMs?: number): Promise<WireEvent>;
  /** Like `next`, for the first event after the last awaited one for which `predicate` holds. */
  until(predicate: (event: WireEvent) => boolean, timeoutMs?: number): Promise<WireEvent>;
  /** The `type` of every event received so far. */
  types(): string[];
  /** Closes with 1000 (if still open) and resolves once the socket is closed. */
  close(): Promise<void>;
  /** Resolves with the close code and reason, whichever side closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
}

/** How to reach the endpoint; every field defaults to a plain, valid Voice Live connection. */
export interface VoiceLiveTestClientOptions {
  /** Query parameters; default `{ 'api-version': '2025-10-01', model: 'gpt-realtime' }`. */
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Default `/voice-live/realtime`. */
  readonly path?: string;
  readonly protocols?: readonly string[];
}

const DEFAULT_QUERY = { 'api-version': '2025-10-01', model: 'gpt-realtime' };
const DEFAULT_TIMEOUT_MS = 20_000;

function typeOf(event: unknown): unknown {
  return typeof event === 'object' && event !== null && 'type' in event ? event.type : undefined;
}

/**
 * Opens a WebSocket to the Voice Live endpoint of `baseUrl` (an `http://host:port` server URL) and
 * resolves once it is open; rejects if the upgrade fails. Raw frames, no SDK: for asserting the
 * wire protocol event by event.
 *
 * @example
 * const client = await connectVoiceLiveClient(server.url);
 * expect((await client.next('session.created')).session.model).toBe('gpt-realtime');
 * await client.close();
 */
export function connectVoiceLiveClient(
  baseUrl: string,
  options: VoiceLiveTestClientOptions = {},
): Promise<VoiceLiveTestClient> {
  const url = voiceLiveUrl(baseUrl, options.path, options.query ?? DEFAULT_QUERY);
  const ws = new WebSocket(url, [...(options.protocols ?? [])], {
    headers: { ...options.headers },
  });
  const events: WireEvent[] = [];
  const waiters = new Set<() => void>();
  let cursor = 0;
  ws.on('message', (data) => {
    events.push(JSON.parse((data as Buffer).toString('utf8')));
    for (const waiter of waiters) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const types = (): string[] => events.map((event) => String(typeOf(event)));
  const until = (
    predicate: (event: WireEvent) => boolean,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<WireEvent> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (let i = cursor; i < events.length; i++) {
          const event: unknown = events[i];
          if (predicate(event)) {
            cursor = i + 1;
            resolve(event);
            return true;
          }
        }
        return false;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out; events so far: ${types().join(', ')}`));
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
        next: (type, timeoutMs) => until((event) => typeOf(event) === type, timeoutMs),
        until,
        types,
        close: async () => {
          if (ws.readyState === WebSocket.OPEN) ws.close(1000);
          await closed;
        },
        closed,
      }),
    );
  });
}
