import type { z } from 'zod';

import { clientEventSchemas } from './client-events.js';
import type { ClientEvent } from './client-events.js';
import {
  decodeFrame,
  DEFAULT_MAX_CLIENT_EVENT_BYTES,
  DEFAULT_MAX_SERVER_EVENT_BYTES,
  oversizeBytes,
} from './frame.js';
import { issueToProtocolError } from './issue-to-error.js';
import { splitOpenValueIssues } from './open-value-issues.js';
import type { UnlistedValue } from './open-value-issues.js';
import { ProtocolError } from './protocol-error.js';
import { serverEventSchemas } from './server-events.js';
import type { ServerEvent } from './server-events.js';

/** The outcome of parsing one wire frame. Nothing is thrown and nothing is dropped. */
export type Parsed<TEvent> =
  | {
      readonly kind: 'known';
      readonly event: TEvent;
      /**
       * Only from a lenient parse, and only when it let some through: the open-ended fields that
       * hold a value the reference does not list. The event's type still names the listed values;
       * these fields hold other strings.
       */
      readonly unlisted?: readonly UnlistedValue[];
    }
  /** A JSON object whose string `type` this package does not know: kept for forward compatibility. */
  | { readonly kind: 'unknown'; readonly type: string; readonly raw: Record<string, unknown> }
  | { readonly kind: 'malformed'; readonly error: ProtocolError };

export interface ParseOptions {
  /**
   * Largest accepted frame, in UTF-8 bytes, checked before `JSON.parse`.
   * @default DEFAULT_MAX_CLIENT_EVENT_BYTES (21 MiB) for client events, DEFAULT_MAX_SERVER_EVENT_BYTES (32 MiB) for server events
   */
  readonly maxBytes?: number;
}

/** Options of {@link parseServerEvent}. */
export interface ServerParseOptions extends ParseOptions {
  /**
   * Accept a string the reference does not list in an open-ended field (voice names and types,
   * voice, transcription and end-of-utterance models, VAD, noise-suppression and tool kinds,
   * reasoning levels), which Azure adds between api-versions, instead of calling the whole event
   * `malformed`. Every other field is validated as strictly as ever. For clients of a real
   * service; a server validates what clients send strictly.
   * @default false
   */
  readonly lenient?: boolean;
}

export type EventParser<TEvent, TOptions extends ParseOptions = ParseOptions> = (
  data: string | Uint8Array,
  options?: TOptions,
) => Parsed<TEvent>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function malformed(error: ProtocolError): { kind: 'malformed'; error: ProtocolError } {
  return { kind: 'malformed', error };
}

/**
 * Builds a parser that dispatches on `type` through a Map to exactly one schema, so the cost of a
 * hot event (`input_audio_buffer.append`, `response.audio.delta`) does not grow with the union.
 */
export function createEventParser<TEvent>(
  byType: ReadonlyMap<string, z.ZodType>,
  defaultMaxBytes: number,
): EventParser<TEvent, ServerParseOptions> {
  return (data, options = {}) => {
    const maxBytes = options.maxBytes ?? defaultMaxBytes;
    const size = oversizeBytes(data, maxBytes);
    if (size !== undefined) {
      return malformed(
        new ProtocolError(
          'E_PROTOCOL_FRAME_TOO_LARGE',
          `frame of at least ${size} bytes is over the limit of ${maxBytes} bytes`,
        ),
      );
    }
    const text = typeof data === 'string' ? data : decodeFrame(data);
    if (text instanceof ProtocolError) return malformed(text);

    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : 'syntax error';
      return malformed(
        new ProtocolError('E_PROTOCOL_NOT_JSON', `frame is not JSON: ${reason}`, { cause }),
      );
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return malformed(
        new ProtocolError(
          'E_PROTOCOL_NOT_OBJECT',
          `event must be a JSON object, got ${describe(raw)}`,
        ),
      );
    }
    const object = raw as Record<string, unknown>;
    const eventId = typeof object['event_id'] === 'string' ? object['event_id'] : undefined;
    const idDetails = eventId === undefined ? {} : { eventId };
    const type = object['type'];
    if (type === undefined || type === null) {
      return malformed(
        new ProtocolError('E_PROTOCOL_MISSING_TYPE', 'event has no "type" field', {
          param: 'type',
          ...idDetails,
        }),
      );
    }
    if (typeof type !== 'string' || type === '') {
      return malformed(
        new ProtocolError(
          'E_PROTOCOL_INVALID_FIELD',
          `field "type" must be a non-empty string, got ${type === '' ? 'an empty string' : describe(type)}`,
          { param: 'type', ...idDetails },
        ),
      );
    }
    const schema = byType.get(type);
    if (schema === undefined) return { kind: 'unknown', type, raw: object };
    const result = schema.safeParse(object);
    if (result.success) return { kind: 'known', event: result.data as TEvent };
    let issues = result.error.issues;
    if (options.lenient === true) {
      const { problems, unlisted } = splitOpenValueIssues(issues, object);
      // No transforms or defaults in the event schemas: the checked object is the event.
      if (problems.length === 0) return { kind: 'known', event: object as TEvent, unlisted };
      issues = problems;
    }
    return malformed(issueToProtocolError(issues, object, { eventType: type, eventId }));
  };
}

/**
 * Parses one frame a client sent (what a server receives): a text frame, or a binary frame holding
 * the same UTF-8 JSON. Never throws.
 *
 * @param data - the frame as received
 * @param options - `maxBytes` (default {@link DEFAULT_MAX_CLIENT_EVENT_BYTES}, 21 MiB)
 * @returns `known` with the typed event, `unknown` with the raw object for a type this package does
 *   not know, or `malformed` with a {@link ProtocolError} naming the offending field
 * @example
 * const parsed = parseClientEvent(frame);
 * if (parsed.kind === 'malformed') {
 *   const { code, param, eventId } = parsed.error; // reply with an `error` event echoing eventId
 * }
 */
export const parseClientEvent: EventParser<ClientEvent> = createEventParser<ClientEvent>(
  new Map(clientEventSchemas.map((schema) => [schema.shape.type.value, schema])),
  DEFAULT_MAX_CLIENT_EVENT_BYTES,
);

/**
 * Parses one frame a server sent (what a client receives). Never throws.
 *
 * @param data - the frame as received
 * @param options - `maxBytes` (default {@link DEFAULT_MAX_SERVER_EVENT_BYTES}, 32 MiB; a memory
 *   guard only, see `SDK_MAX_SERVER_FRAME_BYTES` for what servers should send), and `lenient` for a
 *   client of a real service (see {@link ServerParseOptions})
 * @example
 * const parsed = parseServerEvent(frame, { lenient: true });
 * if (parsed.kind === 'known' && parsed.unlisted !== undefined) log.debug('new enum values', parsed.unlisted);
 */
export const parseServerEvent: EventParser<ServerEvent, ServerParseOptions> =
  createEventParser<ServerEvent>(
    new Map(serverEventSchemas.map((schema) => [schema.shape.type.value, schema])),
    DEFAULT_MAX_SERVER_EVENT_BYTES,
  );

/** Serializes an event to the JSON text of one WebSocket text frame (no validation: events built
 * from these types are valid by construction; use the schemas to check untrusted ones). */
export function encodeEvent(event: ClientEvent | ServerEvent): string {
  return JSON.stringify(event);
}
