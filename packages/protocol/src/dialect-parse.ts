import type { ClientEvent } from './client-events.js';
import type { Dialect } from './dialect.js';
import { DEFAULT_MAX_CLIENT_EVENT_BYTES, DEFAULT_MAX_SERVER_EVENT_BYTES } from './frame.js';
import { gaClientEventSchemas } from './ga-client-events.js';
import type { GaClientEvent } from './ga-client-events.js';
import { gaServerEventSchemas } from './ga-server-events.js';
import type { GaServerEvent } from './ga-server-events.js';
import { createEventParser, encodeEvent, parseClientEvent, parseServerEvent } from './parse.js';
import type { EventParser, ServerParseOptions } from './parse.js';
import type { ServerEvent } from './server-events.js';
import {
  clientEventToDated,
  clientEventToV1,
  serverEventToDated,
  serverEventToV1,
} from './translate-events.js';
import type { Translated, WireEvent } from './translation-loss.js';

/**
 * Parses one frame a `v1` client sent. Same contract as `parseClientEvent` (never throws; `known`,
 * `unknown` or `malformed`), against the `v1` schemas.
 */
export const parseV1ClientEvent: EventParser<GaClientEvent> = createEventParser<GaClientEvent>(
  new Map(gaClientEventSchemas.map((schema) => [schema.shape.type.value, schema])),
  DEFAULT_MAX_CLIENT_EVENT_BYTES,
);

/** Parses one frame a `v1` server sent; see `parseServerEvent` for the options. */
export const parseV1ServerEvent: EventParser<GaServerEvent, ServerParseOptions> =
  createEventParser<GaServerEvent>(
    new Map(gaServerEventSchemas.map((schema) => [schema.shape.type.value, schema])),
    DEFAULT_MAX_SERVER_EVENT_BYTES,
  );

/** The client event type of a dialect. */
export type DialectClientEvent<TDialect extends Dialect> = TDialect extends 'v1'
  ? GaClientEvent
  : ClientEvent;
/** The server event type of a dialect. */
export type DialectServerEvent<TDialect extends Dialect> = TDialect extends 'v1'
  ? GaServerEvent
  : ServerEvent;

/** Parsing, encoding and translation for one connection's dialect, chosen once. */
export interface DialectCodec<TDialect extends Dialect> {
  readonly dialect: TDialect;
  readonly parseClientEvent: EventParser<DialectClientEvent<TDialect>>;
  readonly parseServerEvent: EventParser<DialectServerEvent<TDialect>, ServerParseOptions>;
  /** JSON text of one frame (no validation, as `encodeEvent`). */
  encodeEvent(event: DialectClientEvent<TDialect> | DialectServerEvent<TDialect>): string;
  /** A client event of this dialect in the dated shape (identity for `dated`). */
  clientEventToDated(event: WireEvent): Translated<WireEvent>;
  /** A dated client event in this dialect's shape. */
  clientEventFromDated(event: WireEvent): Translated<WireEvent>;
  /** A server event of this dialect in the dated shape. */
  serverEventToDated(event: WireEvent): Translated<WireEvent>;
  /** A dated server event in this dialect's shape. */
  serverEventFromDated(event: WireEvent): Translated<WireEvent>;
}

const identity = (event: WireEvent): Translated<WireEvent> => ({ events: [event], losses: [] });

const datedCodec: DialectCodec<'dated'> = Object.freeze({
  dialect: 'dated',
  parseClientEvent,
  parseServerEvent,
  encodeEvent,
  clientEventToDated: identity,
  clientEventFromDated: identity,
  serverEventToDated: identity,
  serverEventFromDated: identity,
});

const v1Codec: DialectCodec<'v1'> = Object.freeze({
  dialect: 'v1',
  parseClientEvent: parseV1ClientEvent,
  parseServerEvent: parseV1ServerEvent,
  encodeEvent: (event: GaClientEvent | GaServerEvent) => JSON.stringify(event),
  clientEventToDated,
  clientEventFromDated: clientEventToV1,
  serverEventToDated,
  serverEventFromDated: serverEventToV1,
});

/**
 * The codec of a dialect: pick it once per connection, from `dialectOf(apiVersion)`.
 *
 * @example
 * const codec = codecFor(dialectOf(apiVersion));
 * const parsed = codec.parseClientEvent(frame);
 */
export function codecFor<TDialect extends Dialect>(dialect: TDialect): DialectCodec<TDialect> {
  return (dialect === 'v1' ? v1Codec : datedCodec) as unknown as DialectCodec<TDialect>;
}
