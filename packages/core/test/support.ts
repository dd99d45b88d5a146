import type { AudioFormat } from '@voxd/audio';
import { byteLengthForMs, PCM16_24K } from '@voxd/audio';
import type { ClientEvent, ServerEvent } from '@voxd/protocol';
import type { ScriptedTransport, ScriptedTransportOptions } from '@voxd/testing';
import { createScriptedTransport } from '@voxd/testing';
import type { Observable } from 'rxjs';

import type { CreateSessionOptions, Session } from '../src/create-session.js';
import { createSession } from '../src/create-session.js';
import type { SessionEvent } from '../src/session-event.js';
import type { TransportMessage } from '../src/transport.js';

/** `ms` of audio in `format`, every byte `fill`, so tests can tell chunks apart. */
export function audio(ms: number, fill = 1, format: AudioFormat = PCM16_24K): Uint8Array {
  return new Uint8Array(byteLengthForMs(format, ms)).fill(fill);
}

/** Wraps a typed server event as the transport delivers it. */
export function msg(event: ServerEvent): TransportMessage {
  return { kind: 'event', event };
}

/** Client events other than the handshake and audio appends, as short readable strings. */
export function controlSent(transport: ScriptedTransport): string[] {
  return transport.sent.filter(isControl).map(describeClientEvent);
}

export function isControl(event: ClientEvent): boolean {
  return event.type !== 'session.update' && event.type !== 'input_audio_buffer.append';
}

export function describeClientEvent(event: ClientEvent): string {
  switch (event.type) {
    case 'response.cancel':
      return `cancel ${event.response_id ?? ''}`;
    case 'conversation.item.truncate':
      return `truncate ${event.item_id}@${event.audio_end_ms}`;
    case 'conversation.item.create':
      return event.item.type === 'function_call_output'
        ? `output ${event.item.call_id} ${event.item.output}`
        : `create ${event.item.type}`;
    default:
      return event.type;
  }
}

export interface StartedSession {
  readonly transport: ScriptedTransport;
  readonly session: Session;
  /** Every event so far. */
  readonly events: SessionEvent[];
  /** Set if `events$` errored. */
  readonly failure: { error?: unknown };
}

/**
 * Starts a session on a scripted transport that answers the handshake, with `inbound$` as the
 * rest of the server script. Subscribes `events$` at once (frame 0 in a marble test).
 */
export function startSession(
  options: Omit<CreateSessionOptions, 'transport' | 'session'> & {
    readonly inbound$?: Observable<TransportMessage>;
    readonly session?: CreateSessionOptions['session'];
    readonly handshake?: boolean;
    readonly respond?: ScriptedTransportOptions['respond'];
  },
): StartedSession {
  const { inbound$, handshake, respond, ...rest } = options;
  const transport = createScriptedTransport({
    handshake: handshake ?? true,
    ...(inbound$ === undefined ? {} : { inbound$ }),
    ...(respond === undefined ? {} : { respond }),
  });
  const session = createSession({ ...rest, transport, session: options.session ?? {} });
  const events: SessionEvent[] = [];
  const failure: { error?: unknown } = {};
  session.events$.subscribe({
    next: (event) => events.push(event),
    error: (error: unknown) => {
      failure.error = error;
    },
  });
  return { transport, session, events, failure };
}

/** The event types, without the noisy per-chunk and raw ones. */
export function typesOf(events: readonly SessionEvent[]): string[] {
  return events
    .map((event) => event.type)
    .filter(
      (type) => type !== 'server.event' && type !== 'input.audio' && type !== 'response.audio',
    );
}
