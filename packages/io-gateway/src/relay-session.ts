import type { SessionEvent, Transport, TransportMessage } from '@voxd/core';
import type { ClientEvent, ServerEvent, SessionConfig } from '@voxd/protocol';
import { encodeEvent, parseClientEvent } from '@voxd/protocol';
import type { SchedulerLike, Subscription } from 'rxjs';
import { Subject, timer } from 'rxjs';
import type { WebSocket } from 'ws';

import { applySessionUpdate } from './apply-session-update.js';
import type { ClientChannel } from './client-channel.js';
import { createClientChannel } from './client-channel.js';
import { clientErrorText, protocolErrorText } from './client-error.js';
import type { DeriverState, RelayedMessage } from './derive-session-events.js';
import { deriveSessionEvents, INITIAL_DERIVER_STATE } from './derive-session-events.js';
import { splitOversizeEvent, underClientLimit } from './fit-client-frames.js';
import { GatewayError } from './gateway-error.js';
import type { GatewayCloseStatus, GatewaySession } from './gateway-options.js';
import type { GatewayToolCalls } from './gateway-tool-calls.js';
import { createGatewayToolCalls } from './gateway-tool-calls.js';
import { withAgentTools } from './with-agent-tools.js';
import type { ResolvedGatewayOptions } from './resolve-options.js';

/** A relayed session as the gateway server manages it. */
export interface RelaySession extends GatewaySession {
  /** Whether a response (or a tool round trip) is running: drain waits for it. */
  inFlight(): boolean;
  /** Resolves when nothing is in flight any more (at once if nothing is). */
  settled(): Promise<void>;
}

export interface RelaySessionInit {
  readonly id: string;
  readonly ws: WebSocket;
  readonly upstream: Transport;
  readonly options: ResolvedGatewayOptions;
  /** Called before the first event, so `events$` subscribers see everything. */
  readonly announce: (session: RelaySession) => void;
}

type Phase = 'starting' | 'ready' | 'closed';

interface SessionEnd {
  readonly code: number;
  readonly reason: string;
  readonly why: 'closed' | 'transport-closed' | 'error';
  /** Set for abnormal ends: reported as a fatal `session.error` first. */
  readonly errorMessage?: string;
}

/**
 * Relays one client socket to its own upstream (see `startGateway`). The client's first event is a
 * `session.created` carrying the session the upstream accepted for the agent; client events that
 * arrive before that wait in a bounded queue.
 */
export function createRelaySession(init: RelaySessionInit): RelaySession {
  const { id, ws, upstream, options } = init;
  const scheduler: SchedulerLike = options.scheduler;
  const { logger } = options;
  const events$ = new Subject<SessionEvent>();
  const subscriptions: Subscription[] = [];
  const queue: string[] = [];
  const activeResponses = new Set<string>();
  const settledWaiters: (() => void)[] = [];
  let phase: Phase = 'starting';
  let deriver: DeriverState = INITIAL_DERIVER_STATE;
  const agentSession: SessionConfig = withAgentTools(options.session, options.tools);
  /** The session in effect: the agent's, with what the client was allowed to change. */
  let effectiveSession: SessionConfig = agentSession;
  /** Fields whose client value was dropped in this session (logged and reported once each). */
  const droppedFields = new Set<string>();
  let ownUpdatesPending = 0;
  let awaitingToolResponse = false;
  let resolveClosed: (status: GatewayCloseStatus) => void = () => undefined;
  const closed = new Promise<GatewayCloseStatus>((resolve) => (resolveClosed = resolve));
  let idleTimer: Subscription | undefined;
  let lastActivityMs = scheduler.now();
  let upstreamCloseCode: number | undefined;
  let clientFrameTooLarge = false;

  const emit = (event: SessionEvent): void => events$.next(event);
  const derive = (message: RelayedMessage): void => {
    const result = deriveSessionEvents(deriver, message, scheduler.now());
    deriver = result.state;
    for (const event of result.events) emit(event);
  };

  const channel: ClientChannel = createClientChannel(ws, {
    clientBufferBytes: options.clientBufferBytes,
    onTooSlow: (bufferedBytes) => {
      logger.warn({ sessionId: id, bufferedBytes }, 'gateway client too slow');
      finish({
        code: 1008,
        reason: 'client too slow',
        why: 'error',
        errorMessage: 'client too slow: it stopped reading',
      });
    },
  });

  const sendUpstream = (text: string, event: ClientEvent | undefined): void => {
    try {
      if (upstream.sendRaw !== undefined) upstream.sendRaw(text);
      else if (event !== undefined) upstream.send(event);
      else upstream.send(JSON.parse(text) as ClientEvent);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      channel.sendText(
        clientErrorText({ code: 'invalid_value', message, eventId: event?.event_id ?? undefined }),
      );
    }
  };

  const tools: GatewayToolCalls = createGatewayToolCalls({
    tools: new Map((options.tools ?? []).map((tool) => [tool.name, tool])),
    forwardToolCalls: options.forwardToolCalls,
    defaultTimeoutMs: options.toolTimeoutMs,
    scheduler,
    emit,
    send: (event) => {
      if (event.type === 'response.create') awaitingToolResponse = true;
      upstream.send(event);
      // After the whole round trip was sent (outputs, then maybe response.create), not midway.
      queueMicrotask(checkSettled);
    },
  });

  const session: RelaySession = {
    id,
    events$: events$.asObservable(),
    closed,
    close: (code = 1000, reason = 'closed by the gateway') =>
      finish({ code, reason, why: 'closed' }),
    inFlight: () => activeResponses.size > 0 || awaitingToolResponse || tools.pending(),
    settled: () =>
      session.inFlight() && phase !== 'closed'
        ? new Promise<void>((resolve) => settledWaiters.push(resolve))
        : Promise.resolve(),
  };

  function checkSettled(): void {
    if (session.inFlight()) return;
    for (const resolve of settledWaiters.splice(0)) resolve();
  }

  function finish(end: SessionEnd): void {
    const { code, reason, why, errorMessage } = end;
    if (phase === 'closed') return;
    phase = 'closed';
    if (errorMessage !== undefined) {
      const error = new GatewayError(
        code === 1008 || code === 1009 ? 'E_GATEWAY_CLIENT' : 'E_GATEWAY_UPSTREAM',
        errorMessage,
      );
      emit({
        atMs: scheduler.now(),
        type: 'session.error',
        recoverable: false,
        code: error.code,
        message: errorMessage,
        error,
      });
    }
    channel.close(code, reason);
    tools.abortAll();
    idleTimer?.unsubscribe();
    for (const subscription of subscriptions) subscription.unsubscribe();
    upstream.close(1000);
    queue.length = 0;
    activeResponses.clear();
    awaitingToolResponse = false;
    checkSettled();
    logger.info({ sessionId: id, code, reason }, 'gateway session closed');
    emit({ atMs: scheduler.now(), type: 'session.closed', reason: why });
    events$.complete();
    resolveClosed({ code, reason });
  }

  function failUpstream(detail: string): void {
    if (phase === 'ready') {
      channel.sendText(
        clientErrorText({ type: 'server_error', code: 'upstream_unavailable', message: detail }),
      );
    }
    finish({
      code: 1011,
      reason: `upstream: ${detail}`,
      why: 'error',
      errorMessage: `upstream failed: ${detail}`,
    });
  }

  function toClient(text: string | undefined, event: ServerEvent): void {
    const frame = text ?? encodeEvent(event);
    if (underClientLimit(frame)) {
      channel.sendText(frame);
      return;
    }
    const parts = splitOversizeEvent(event);
    if (parts !== undefined) {
      for (const part of parts) if (!channel.sendText(part)) return;
      return;
    }
    logger.warn({ sessionId: id, eventType: event.type }, 'gateway dropped an oversized event');
    channel.sendText(
      clientErrorText({
        type: 'server_error',
        code: 'event_too_large',
        message: `the upstream sent a ${event.type} event larger than 1 MiB; it was not relayed`,
      }),
    );
  }

  function onStarting(event: ServerEvent): void {
    if (event.type === 'session.created') {
      ownUpdatesPending++;
      upstream.send({ type: 'session.update', session: agentSession });
    } else if (event.type === 'session.updated' && ownUpdatesPending > 0) {
      ownUpdatesPending--;
      phase = 'ready';
      derive({ source: 'server', event });
      channel.sendText(
        JSON.stringify({
          type: 'session.created',
          event_id: event.event_id,
          session: event.session,
        }),
      );
      for (const text of queue.splice(0)) relayClientFrame(text);
    } else if (event.type === 'error') {
      failUpstream(`the agent session was refused: ${event.error.message}`);
    }
  }

  function onReady(message: Extract<TransportMessage, { kind: 'event' }>): void {
    const { event } = message;
    if (event.type === 'session.created') {
      failUpstream('the upstream session was replaced (reconnected); the conversation is lost');
      return;
    }
    if (event.type === 'session.updated' && ownUpdatesPending > 0) {
      ownUpdatesPending--;
      derive({ source: 'server', event });
      return;
    }
    if (event.type === 'response.created') {
      activeResponses.add(event.response.id);
      awaitingToolResponse = false;
    }
    const verdict = tools.inspect(event);
    derive({ source: 'server', event });
    if (verdict.action === 'forward') toClient(message.text, event);
    else if (verdict.action === 'rewrite') toClient(undefined, verdict.event);
    if (event.type === 'response.done') {
      activeResponses.delete(event.response.id);
      checkSettled();
    }
  }

  function fromUpstream(message: TransportMessage): void {
    if (phase === 'closed') return;
    lastActivityMs = scheduler.now();
    switch (message.kind) {
      case 'malformed': {
        const error = new GatewayError('E_GATEWAY_UPSTREAM', message.reason);
        emit({
          atMs: scheduler.now(),
          type: 'session.error',
          recoverable: true,
          code: error.code,
          message: message.reason,
          error,
        });
        return;
      }
      case 'unknown':
        derive({ source: 'unknown', type: message.type, raw: message.raw });
        if (phase === 'ready') {
          const frame = message.text ?? JSON.stringify(message.raw);
          if (underClientLimit(frame)) channel.sendText(frame);
        }
        return;
      case 'event':
        if (phase === 'starting') onStarting(message.event);
        else onReady(message);
    }
  }

  function reportDropped(fields: readonly string[]): void {
    for (const field of fields) {
      if (droppedFields.has(field)) continue;
      droppedFields.add(field);
      logger.info(
        { sessionId: id, field },
        `gateway kept the agent's session.${field}: the client's value was dropped`,
      );
      options.onSessionFieldDropped({ sessionId: id, field });
    }
  }

  function onClientSessionUpdate(known: Extract<ClientEvent, { type: 'session.update' }>): void {
    const outcome = applySessionUpdate({
      agent: agentSession,
      current: effectiveSession,
      requested: known.session,
      policy: options.fieldPolicy,
    });
    if (!outcome.ok) {
      const [first = ''] = outcome.fields;
      channel.sendText(
        clientErrorText({
          code: 'session_field_not_allowed',
          message: `this agent does not let clients set ${outcome.fields.map((f) => `session.${f}`).join(', ')}`,
          param: `session.${first}`,
          eventId: known.event_id ?? undefined,
        }),
      );
      return;
    }
    reportDropped(outcome.dropped);
    effectiveSession = outcome.session;
    // Even when every field was kept, the update goes upstream: the client gets its
    // session.updated, showing the effective values.
    const update: ClientEvent = {
      type: 'session.update',
      session: outcome.session,
      ...(typeof known.event_id === 'string' ? { event_id: known.event_id } : {}),
    };
    // The audio the client sends after this update is in the formats it names: meter it so.
    derive({ source: 'client', event: update });
    sendUpstream(encodeEvent(update), update);
  }

  function fromClient(text: string, known: ClientEvent | undefined): void {
    if (known?.type === 'session.update') {
      onClientSessionUpdate(known);
      return;
    }
    if (known !== undefined) derive({ source: 'client', event: known });
    sendUpstream(text, known);
  }

  /** Parses a client frame once and relays it (the session is ready). */
  function relayClientFrame(text: string): void {
    const parsed = parseClientEvent(text, { maxBytes: options.maxFrameBytes });
    if (parsed.kind === 'malformed') {
      channel.sendText(protocolErrorText(parsed.error));
      return;
    }
    fromClient(text, parsed.kind === 'known' ? parsed.event : undefined);
  }

  function onClientFrame(text: string): void {
    if (phase === 'closed') return;
    lastActivityMs = scheduler.now();
    if (phase === 'ready') {
      relayClientFrame(text);
      return;
    }
    // Not parsed yet: even an error reply must wait until the client has its session.created.
    if (queue.length >= options.maxQueuedEvents) {
      finish({
        code: 1008,
        reason: 'too many events before the session was ready',
        why: 'error',
        errorMessage: 'client queue overflow',
      });
      return;
    }
    queue.push(text);
  }

  /**
   * Idle means no frame either way for `idleTimeoutMs`. One timer checks the last activity and
   * sleeps for the rest, instead of re-arming a timer on every audio frame.
   */
  function armIdleTimer(delayMs: number): void {
    if (options.idleTimeoutMs <= 0 || phase === 'closed') return;
    idleTimer = timer(delayMs, scheduler).subscribe(() => {
      // Waiting for the upstream is not idleness: upstreamReadyTimeoutMs covers it.
      if (phase === 'starting') {
        armIdleTimer(options.idleTimeoutMs);
        return;
      }
      const idleMs = scheduler.now() - lastActivityMs;
      if (idleMs >= options.idleTimeoutMs)
        finish({ code: 1000, reason: 'idle timeout', why: 'closed' });
      else armIdleTimer(options.idleTimeoutMs - idleMs);
    });
  }

  // Announce before anything can emit, so subscribers miss nothing.
  init.announce(session);
  emit({ atMs: scheduler.now(), type: 'session.connecting' });

  ws.on('message', (data, isBinary) => {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as ArrayBuffer).toString('utf8');
    if (isBinary) logger.debug({ sessionId: id }, 'binary client frame read as JSON text');
    onClientFrame(text);
  });
  ws.on('error', (error: Error & { code?: string }) => {
    // ws closes with 1009 by itself when a frame is over maxPayload.
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') clientFrameTooLarge = true;
    logger.warn({ sessionId: id, err: error.message }, 'gateway client socket error');
  });
  ws.on('close', (code, reason) => {
    if (clientFrameTooLarge || code === 1009) {
      const errorMessage = `a client frame was over maxFrameBytes (${options.maxFrameBytes})`;
      finish({ code: 1009, reason: 'frame too large', why: 'error', errorMessage });
    } else finish({ code, reason: reason.toString('utf8'), why: 'closed' });
  });

  armIdleTimer(options.idleTimeoutMs);
  if (options.maxSessionDurationMs > 0) {
    subscriptions.push(
      timer(options.maxSessionDurationMs, scheduler).subscribe(() =>
        finish({ code: 1001, reason: 'session duration limit reached', why: 'closed' }),
      ),
    );
  }
  subscriptions.push(
    timer(options.upstreamReadyTimeoutMs, scheduler).subscribe(() => {
      if (phase === 'starting')
        failUpstream(`not ready within ${options.upstreamReadyTimeoutMs} ms`);
    }),
  );
  subscriptions.push(
    upstream.status$.subscribe((status) => {
      if (status.type === 'closed') upstreamCloseCode = status.code;
      if (status.type === 'reconnecting' && phase === 'ready') {
        failUpstream(`connection lost (${status.reason}); Voice Live sessions cannot resume`);
      }
    }),
  );
  subscriptions.push(
    upstream.messages$.subscribe({
      next: fromUpstream,
      error: (error: unknown) =>
        failUpstream(error instanceof Error ? error.message : String(error)),
      complete: () => {
        // A normal end by the service (1000, or 1001 after its end_conversation tool) is mirrored.
        if (phase === 'ready' && (upstreamCloseCode === 1000 || upstreamCloseCode === 1001)) {
          finish({
            code: upstreamCloseCode,
            reason: 'the upstream ended the session',
            why: 'transport-closed',
          });
        } else failUpstream(`the upstream closed the connection (${upstreamCloseCode ?? 1006})`);
      },
    }),
  );
  return session;
}
