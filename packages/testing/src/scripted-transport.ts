import type { Transport, TransportMessage, TransportStatus } from '@voxd/core';
import type {
  ClientEvent,
  ClientEventOf,
  ClientEventType,
  ServerEvent,
  SessionObject,
} from '@voxd/protocol';
import type { Observable } from 'rxjs';
import { merge, Observable as RxObservable, Subject } from 'rxjs';

import { serverEvents } from './server-events.js';

/** The server side of a {@link ScriptedTransport}, driven by the test. */
export interface ScriptedServer {
  /** Delivers a typed server event. Before anyone subscribed, events wait and are delivered on connect. */
  emit(event: ServerEvent): void;
  /** Delivers an event of a type the protocol package does not know. */
  emitUnknown(type: string, raw?: Readonly<Record<string, unknown>>): void;
  /** Delivers a frame that failed to parse. */
  emitMalformed(reason: string): void;
  /** Reports a connection status change on `status$`. */
  setStatus(status: TransportStatus): void;
  /** Errors `messages$` (a fatal transport failure). */
  fail(error: Error): void;
  /** Completes `messages$` (the server closed the connection). */
  end(): void;
}

export interface ScriptedTransportOptions {
  /** Server messages to deliver on connect, e.g. a marble `hot()` stream. */
  readonly inbound$?: Observable<TransportMessage>;
  /**
   * Answers the handshake like a real server: `session.created` on connect and `session.updated`
   * (the update merged into the session) for every `session.update`. @default false
   */
  readonly handshake?:
    boolean | { readonly sessionId?: string; readonly session?: Partial<SessionObject> };
  /** Called for every client event after it is recorded: script replies here. */
  readonly respond?: (event: ClientEvent, server: ScriptedServer) => void;
}

/**
 * An in-memory {@link Transport} test double for marble and unit tests of session logic, which is
 * pure and does no I/O. The real WebSocket transport is tested over real sockets.
 */
export interface ScriptedTransport extends Transport, ScriptedServer {
  /** Every client event sent while connected, in order. */
  readonly sent: readonly ClientEvent[];
  /** Client events sent after `close()` (a real transport drops them; tests assert there are none). */
  readonly sentAfterClose: readonly ClientEvent[];
  /** Each sent client event, as it is sent (hot). */
  readonly sent$: Observable<ClientEvent>;
  /** `close()`'s code, or undefined while open. */
  readonly closeCode: number | undefined;
  /** How many times `messages$` was subscribed. */
  readonly connections: number;
  /** The sent events of one type. */
  sentOf<TType extends ClientEventType>(type: TType): ClientEventOf<TType>[];
}

/** Creates a {@link ScriptedTransport}. */
export function createScriptedTransport(options: ScriptedTransportOptions = {}): ScriptedTransport {
  const inbound = new Subject<TransportMessage>();
  const status = new Subject<TransportStatus>();
  const sent$ = new Subject<ClientEvent>();
  const sent: ClientEvent[] = [];
  const sentAfterClose: ClientEvent[] = [];
  const waiting: TransportMessage[] = [];
  let connected = false;
  let connections = 0;
  let closeCode: number | undefined;
  let session: SessionObject = {
    ...serverEvents.sessionCreated().session,
    ...(typeof options.handshake === 'object' ? options.handshake.session : {}),
    ...(typeof options.handshake === 'object' && options.handshake.sessionId !== undefined
      ? { id: options.handshake.sessionId }
      : {}),
  };

  const deliver = (message: TransportMessage): void => {
    if (connected) inbound.next(message);
    else waiting.push(message);
  };

  const messages$ = new RxObservable<TransportMessage>((subscriber) => {
    connections += 1;
    connected = true;
    const subscription = merge(inbound, options.inbound$ ?? []).subscribe(subscriber);
    if (options.handshake !== undefined && options.handshake !== false) {
      inbound.next({ kind: 'event', event: serverEvents.sessionCreated(session) });
    }
    for (const message of waiting.splice(0)) inbound.next(message);
    return () => {
      connected = false;
      subscription.unsubscribe();
    };
  });

  const transport: ScriptedTransport = {
    messages$,
    status$: status.asObservable(),
    send(event) {
      if (closeCode !== undefined) {
        sentAfterClose.push(event);
        return;
      }
      sent.push(event);
      sent$.next(event);
      if (
        options.handshake !== undefined &&
        options.handshake !== false &&
        event.type === 'session.update'
      ) {
        session = { ...session, ...event.session };
        transport.emit(serverEvents.sessionUpdated(session));
      }
      options.respond?.(event, transport);
    },
    close(code = 1000) {
      if (closeCode !== undefined) return;
      closeCode = code;
      inbound.complete();
      sent$.complete();
    },
    emit: (event) => deliver({ kind: 'event', event }),
    emitUnknown: (type, raw = {}) => deliver({ kind: 'unknown', type, raw: { type, ...raw } }),
    emitMalformed: (reason) => deliver({ kind: 'malformed', reason }),
    setStatus: (next) => status.next(next),
    fail: (error) => inbound.error(error),
    end: () => inbound.complete(),
    get sent() {
      return sent;
    },
    get sentAfterClose() {
      return sentAfterClose;
    },
    sent$: sent$.asObservable(),
    get closeCode() {
      return closeCode;
    },
    get connections() {
      return connections;
    },
    sentOf<TType extends ClientEventType>(type: TType) {
      return sent.filter((event): event is ClientEventOf<TType> => event.type === type);
    },
  };
  return transport;
}
