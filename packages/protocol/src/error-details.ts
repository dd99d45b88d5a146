import { z } from 'zod';

import { opt } from './common.js';

/**
 * The payload of an `error` event (§5.5). `type` is `invalid_request_error` or `server_error` in the
 * contract; any string is kept so that a newer error class still reaches the client.
 */
export const errorDetailsSchema = z.looseObject({
  type: z.string(),
  code: opt(z.string()),
  message: z.string(),
  param: opt(z.string()),
  /** The `event_id` of the client event that caused the error. */
  event_id: opt(z.string()),
});

/** Nested errors (`transcription.failed.error`, `status_details.error`): only `message` is required. */
export const nestedErrorSchema = z.looseObject({
  type: opt(z.string()),
  code: opt(z.string()),
  message: z.string(),
  param: opt(z.string()),
});

/** (2026+) the payload of a `warning` event. */
export const warningDetailsSchema = z.looseObject({
  message: z.string(),
  code: opt(z.string()),
  param: opt(z.string()),
});

export type ErrorDetails = z.infer<typeof errorDetailsSchema>;
export type NestedError = z.infer<typeof nestedErrorSchema>;
export type WarningDetails = z.infer<typeof warningDetailsSchema>;
