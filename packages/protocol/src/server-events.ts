import { z } from 'zod';

import { previewServerEventSchemas } from './preview-server-events.js';
import { responseServerEventSchemas } from './response-server-events.js';
import { sessionServerEventSchemas } from './session-server-events.js';

/** Every server event schema: §3.1–§3.3, then §3.4, then the (2026+) events. */
export const serverEventSchemas = [
  ...sessionServerEventSchemas,
  ...responseServerEventSchemas,
  ...previewServerEventSchemas,
] as const;

/** Any server event, discriminated on `type`. */
export const serverEventSchema = z.discriminatedUnion('type', serverEventSchemas);

export type ServerEvent = z.infer<typeof serverEventSchema>;
export type ServerEventType = ServerEvent['type'];
export type ServerEventOf<TType extends ServerEventType> = Extract<ServerEvent, { type: TType }>;
