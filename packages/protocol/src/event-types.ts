import { clientEventSchemas } from './client-events.js';
import type { ClientEventType } from './client-events.js';
import { serverEventSchemas } from './server-events.js';
import type { ServerEventType } from './server-events.js';

/** Every client event `type` this package knows, in the order of reference §2. */
export const CLIENT_EVENT_TYPES: readonly ClientEventType[] = Object.freeze(
  clientEventSchemas.map((schema) => schema.shape.type.value),
);

/** Every server event `type` this package knows, in the order of reference §3. */
export const SERVER_EVENT_TYPES: readonly ServerEventType[] = Object.freeze(
  serverEventSchemas.map((schema) => schema.shape.type.value),
);

const clientTypes: ReadonlySet<string> = new Set(CLIENT_EVENT_TYPES);
const serverTypes: ReadonlySet<string> = new Set(SERVER_EVENT_TYPES);

/** Whether `type` is a client event type this package parses as known. */
export function isClientEventType(type: string): type is ClientEventType {
  return clientTypes.has(type);
}

/** Whether `type` is a server event type this package parses as known. */
export function isServerEventType(type: string): type is ServerEventType {
  return serverTypes.has(type);
}
