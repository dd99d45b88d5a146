import type { ErrorEventDetails } from '@voxd/protocol';
import type { ResolvedOptions } from '../local-server-options.js';
import type { Responder } from '../responders/responder.js';
import type { Rng } from '../rng.js';
import type { Conversation } from './conversation.js';
import type { SessionState } from './session-config.js';

/** An `error` event's payload (§5.5). */
export type WireError = ErrorEventDetails;

/** What the parts of one session share: state, the outgoing side of the socket, ids. */
export interface SessionContext {
  readonly options: ResolvedOptions;
  readonly rng: Rng;
  readonly conversation: Conversation;
  readonly responder: Responder;
  session: SessionState;
  /** Set once assistant audio was sent: the voice is fixed from then on. */
  audioProduced: boolean;
  /** Sends a server event; adds its `event_id`. No-op once the socket is closed. */
  send(event: { readonly type: string } & Record<string, unknown>): void;
  sendError(error: WireError): void;
  /** `prefix_` + a (seeded) random suffix. */
  newId(prefix: 'item' | 'resp' | 'call' | 'event'): string;
  /** Synthesizes `text` at `sampleRate` with the offline TTS. */
  speak(
    text: string,
    options: { readonly sampleRate: number; readonly voice?: string },
  ): Promise<Int16Array>;
  /** Whether the socket is gone: long-running work stops. */
  readonly closed: boolean;
}
