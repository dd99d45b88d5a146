import type { SessionEvent } from '@voxd/core';

/**
 * A session event as a JSON-safe object for `--events` logs: audio payloads are replaced by their
 * size (`delta_bytes`), errors by their code and message.
 */
export function eventToJson(event: SessionEvent): Record<string, unknown> {
  if (event.type === 'session.error') {
    const { error, ...rest } = event;
    return { ...rest, error: { name: error.name, code: error.code, message: error.message } };
  }
  if (event.type === 'server.event' && event.event.type === 'response.audio.delta') {
    const { delta, ...rest } = event.event;
    return { ...event, event: { ...rest, delta_bytes: Math.floor((delta.length * 3) / 4) } };
  }
  return { ...event };
}
