import { clientEventSchemas } from './client-events.js';
import { gaClientEventSchemas } from './ga-client-events.js';
import { gaServerEventSchemas } from './ga-server-events.js';
import { serverEventSchemas } from './server-events.js';
import { itemToDated, itemToV1, partToDated } from './translate-items.js';
import {
  overridesToV1,
  paramsToDated,
  responseObjectToDated,
  responseObjectToV1,
} from './translate-response.js';
import { sessionToDated, sessionToV1 } from './translate-session.js';
import { isJsonObject, LossLog } from './translation-loss.js';
import type { JsonObject, Translated, WireEvent } from './translation-loss.js';

function typesOf(schemas: readonly { shape: { type: { value: string } } }[]): ReadonlySet<string> {
  return new Set(schemas.map((schema) => schema.shape.type.value));
}
const DATED_CLIENT = typesOf(clientEventSchemas);
const V1_CLIENT = typesOf(gaClientEventSchemas);
const DATED_SERVER = typesOf(serverEventSchemas);
const V1_SERVER = typesOf(gaServerEventSchemas);

/** Server event types renamed between the dialects (dated → `v1`). */
const SERVER_RENAMES: Readonly<Record<string, string>> = {
  'response.text.delta': 'response.output_text.delta',
  'response.text.done': 'response.output_text.done',
  'response.audio_transcript.delta': 'response.output_audio_transcript.delta',
  'response.audio_transcript.done': 'response.output_audio_transcript.done',
  'response.audio.delta': 'response.output_audio.delta',
  'response.audio.done': 'response.output_audio.done',
  'conversation.item.created': 'conversation.item.added',
};
const SERVER_RENAMES_BACK: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SERVER_RENAMES).map(([dated, v1]) => [v1, dated]),
);

function one(event: WireEvent, log: LossLog): Translated<WireEvent> {
  return { events: [event], losses: log.losses };
}

/** An event the target dialect does not have: it goes on unchanged, and the report says so. */
function passThrough(event: WireEvent, target: string, known: boolean): Translated<WireEvent> {
  const reason = known
    ? `the ${target} dialect has no '${event.type}' event; passed unchanged`
    : `'${event.type}' is not a known event of either dialect; passed unchanged`;
  return {
    events: [event],
    losses: [{ path: 'type', value: event.type, reason, effect: 'passed' }],
  };
}

function withObject(event: WireEvent, key: string, map: (value: JsonObject) => unknown): WireEvent {
  const value = event[key];
  return isJsonObject(value) ? { ...event, [key]: map(value) } : event;
}

/**
 * A dated client event in the `v1` shape. Events whose shape is the same pass as they are (the
 * same object: appends cost nothing).
 */
export function clientEventToV1(event: WireEvent): Translated<WireEvent> {
  const log = new LossLog();
  switch (event.type) {
    case 'session.update':
      return one(
        withObject(event, 'session', (s) => sessionToV1(s, 'session', log)),
        log,
      );
    case 'conversation.item.create':
      return one({ ...event, item: itemToV1(event['item'], 'item', log) }, log);
    case 'response.create': {
      const { additional_instructions: additional, ...rest } = event;
      const overrides = isJsonObject(event['response']) ? event['response'] : {};
      const params = overridesToV1(
        { overrides, additionalInstructions: additional },
        'response',
        log,
      );
      const out: JsonObject = { ...rest };
      if (Object.keys(params).length > 0 || 'response' in event) out['response'] = params;
      return one(out as WireEvent, log);
    }
    default:
      if (V1_CLIENT.has(event.type)) return one(event, log);
      return passThrough(event, 'v1', DATED_CLIENT.has(event.type));
  }
}

/** A `v1` client event in the dated shape. */
export function clientEventToDated(event: WireEvent): Translated<WireEvent> {
  const log = new LossLog();
  switch (event.type) {
    case 'session.update':
      return one(
        withObject(event, 'session', (s) => sessionToDated(s, 'session', log)),
        log,
      );
    case 'conversation.item.create':
      return one({ ...event, item: itemToDated(event['item']) }, log);
    case 'response.create': {
      const params = event['response'];
      if (!isJsonObject(params)) return one(event, log);
      const { overrides, additionalInstructions } = paramsToDated(params, 'response', log);
      const out: JsonObject = { ...event, response: overrides };
      if (additionalInstructions !== undefined)
        out['additional_instructions'] = additionalInstructions;
      return one(out as WireEvent, log);
    }
    default:
      if (DATED_CLIENT.has(event.type)) return one(event, log);
      return passThrough(event, 'dated', V1_CLIENT.has(event.type));
  }
}

/**
 * A dated server event in the `v1` shape. `conversation.item.created` becomes
 * `conversation.item.added` followed by `conversation.item.done` (GA announces an item's arrival
 * and its completion separately; the dated dialect sends one event).
 */
export function serverEventToV1(event: WireEvent): Translated<WireEvent> {
  const log = new LossLog();
  const renamed = SERVER_RENAMES[event.type];
  switch (event.type) {
    case 'response.audio.delta':
    case 'response.audio.done':
    case 'response.audio_transcript.delta':
    case 'response.audio_transcript.done':
    case 'response.text.delta':
    case 'response.text.done':
      return one({ ...event, type: renamed ?? event.type }, log);
    case 'session.created':
    case 'session.updated':
      return one(
        withObject(event, 'session', (s) => sessionToV1(s, 'session', log)),
        log,
      );
    case 'conversation.item.created': {
      const item = itemToV1(event['item'], 'item', log);
      const added = { ...event, type: 'conversation.item.added', item };
      const doneId =
        typeof event['event_id'] === 'string' ? `${event['event_id']}_done` : undefined;
      const done = {
        ...added,
        type: 'conversation.item.done',
        ...(doneId ? { event_id: doneId } : {}),
      };
      return { events: [added, done], losses: log.losses };
    }
    case 'conversation.item.retrieved':
    case 'response.output_item.added':
    case 'response.output_item.done':
      return one({ ...event, item: itemToV1(event['item'], 'item', log) }, log);
    case 'response.created':
    case 'response.done':
      return one(
        withObject(event, 'response', (r) => responseObjectToV1(r, 'response', log)),
        log,
      );
    default:
      if (V1_SERVER.has(event.type)) return one(event, log);
      return passThrough(event, 'v1', DATED_SERVER.has(event.type));
  }
}

/**
 * A `v1` server event in the dated shape. `conversation.item.done` has no dated counterpart (the
 * dated `conversation.item.created` already announced the item): it is passed unchanged, reported.
 */
export function serverEventToDated(event: WireEvent): Translated<WireEvent> {
  const log = new LossLog();
  const renamed = SERVER_RENAMES_BACK[event.type];
  switch (event.type) {
    case 'response.output_audio.delta':
    case 'response.output_audio.done':
    case 'response.output_audio_transcript.delta':
    case 'response.output_audio_transcript.done':
    case 'response.output_text.delta':
    case 'response.output_text.done':
      return one({ ...event, type: renamed ?? event.type }, log);
    case 'session.created':
    case 'session.updated':
      return one(
        withObject(event, 'session', (s) => sessionToDated(s, 'session', log)),
        log,
      );
    case 'conversation.item.added':
      return one(
        { ...event, type: 'conversation.item.created', item: itemToDated(event['item']) },
        log,
      );
    case 'conversation.item.retrieved':
    case 'response.output_item.added':
    case 'response.output_item.done':
      return one({ ...event, item: itemToDated(event['item']) }, log);
    case 'response.content_part.added':
    case 'response.content_part.done':
      return one({ ...event, part: partToDated(event['part']) }, log);
    case 'response.created':
    case 'response.done':
      return one(
        withObject(event, 'response', (r) => responseObjectToDated(r, 'response', log)),
        log,
      );
    default:
      if (DATED_SERVER.has(event.type)) return one(event, log);
      return passThrough(event, 'dated', V1_SERVER.has(event.type));
  }
}
