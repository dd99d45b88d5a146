import type { ResponseObject } from '@voxd/protocol';

import type { SessionEventInit } from './session-event.js';

/** The `response.done` report of a finished response that ran for `durationMs`. */
export function responseDoneEventOf(
  response: ResponseObject,
  durationMs: number,
): Extract<SessionEventInit, { type: 'response.done' }> {
  return {
    type: 'response.done',
    responseId: response.id,
    status: response.status,
    statusDetails: response.status_details ?? undefined,
    usage: response.usage ?? undefined,
    durationMs,
  };
}
