import {
  clientEventToDated,
  encodeEvent,
  parseClientEvent,
  parseV1ClientEvent,
  createV1ServerStream,
} from '@voxd/protocol';
import type { Dialect, Parsed, ClientEvent, TranslationLoss, WireEvent } from '@voxd/protocol';

import type { LocalServerLogger } from '../local-server-options.js';

/**
 * Where a session meets its client's dialect. The session logic speaks the dated shape only; a
 * `v1` connection's events are translated here, on the way in and on the way out, so there is
 * one session model for both dialects.
 */
export interface DialectEdge {
  readonly dialect: Dialect;
  /** Parses a client frame (not an append: those have one shape) into a dated event. */
  parse(data: string | Uint8Array, maxBytes: number): Parsed<ClientEvent>;
  /** The events to send for one dated server event. */
  outbound(event: WireEvent): readonly WireEvent[];
}

const datedEdge: DialectEdge = {
  dialect: 'dated',
  parse: (data, maxBytes) => parseClientEvent(data, { maxBytes }),
  outbound: (event) => [event],
};

function describeLosses(losses: readonly TranslationLoss[]): string[] {
  return losses.map((loss) => `${loss.path} (${loss.effect}: ${loss.reason})`);
}

/**
 * The edge of one connection. On `v1`, a client event is checked against the `v1` schemas (so a
 * malformed one is reported with its `v1` field path), translated, then checked as a dated event
 * (so the session sees only what it would accept from a dated client). What does not translate
 * is logged at debug level, never dropped silently.
 */
export function dialectEdge(
  dialect: Dialect,
  logger: LocalServerLogger,
  sessionId: string,
): DialectEdge {
  if (dialect === 'dated') return datedEdge;
  const toV1 = createV1ServerStream();
  return {
    dialect,
    parse(data, maxBytes) {
      const parsed = parseV1ClientEvent(data, { maxBytes });
      if (parsed.kind !== 'known') return parsed;
      const { events, losses } = clientEventToDated(parsed.event);
      if (losses.length > 0) {
        logger.debug('v1 client event not fully carried', {
          sessionId,
          type: parsed.event.type,
          losses: describeLosses(losses),
        });
      }
      // One client event always translates to one (the dated shape has every client event's
      // counterpart, or the event passes unchanged).
      return parseClientEvent(encodeEvent(events[0] as ClientEvent), { maxBytes });
    },
    outbound(event) {
      const { events, losses } = toV1(event);
      if (losses.length > 0) {
        logger.debug('server event not fully carried to v1', {
          sessionId,
          type: event.type,
          losses: describeLosses(losses),
        });
      }
      return events;
    },
  };
}
