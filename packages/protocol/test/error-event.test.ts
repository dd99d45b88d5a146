import { describe, expect, it } from 'vitest';

import { buildErrorEvent, protocolErrorDetails } from '../src/error-event.js';
import { parseClientEvent, parseServerEvent } from '../src/parse.js';
import type { ProtocolErrorCode } from '../src/protocol-error.js';
import { ProtocolError } from '../src/protocol-error.js';

describe('buildErrorEvent (§5.5)', () => {
  it('fills defaults: invalid_request_error, null param and event_id', () => {
    expect(buildErrorEvent({ code: 'item_not_found', message: 'no item item_1' })).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        code: 'item_not_found',
        message: 'no item item_1',
        param: null,
        event_id: null,
      },
    });
  });

  it('keeps type, param and the client event_id, and parses as a server event once stamped', () => {
    const event = buildErrorEvent({
      type: 'server_error',
      code: 'upstream_unavailable',
      message: 'upstream closed',
      param: 'session.voice',
      eventId: 'client_7',
    });
    const parsed = parseServerEvent(JSON.stringify({ ...event, event_id: 'event_1' }));
    expect(parsed).toMatchObject({
      kind: 'known',
      event: {
        type: 'error',
        event_id: 'event_1',
        error: {
          type: 'server_error',
          code: 'upstream_unavailable',
          param: 'session.voice',
          event_id: 'client_7',
        },
      },
    });
  });
});

describe('protocolErrorDetails (§7.1 codes)', () => {
  it.each<[ProtocolErrorCode, string]>([
    ['E_PROTOCOL_NOT_JSON', 'invalid_json'],
    ['E_PROTOCOL_NOT_OBJECT', 'invalid_json'],
    ['E_PROTOCOL_MISSING_TYPE', 'missing_required_parameter'],
    ['E_PROTOCOL_MISSING_FIELD', 'missing_required_parameter'],
    ['E_PROTOCOL_INVALID_FIELD', 'invalid_value'],
    ['E_PROTOCOL_FRAME_TOO_LARGE', 'invalid_value'],
  ])('maps %s to %s', (code, wire) => {
    expect(protocolErrorDetails(new ProtocolError(code, 'm')).code).toBe(wire);
  });

  it('answers a malformed client frame with its param and echoed event_id', () => {
    const parsed = parseClientEvent(
      JSON.stringify({ type: 'conversation.item.truncate', event_id: 'c1', item_id: 'i' }),
    );
    if (parsed.kind !== 'malformed') throw new Error(`expected malformed, got ${parsed.kind}`);
    const event = buildErrorEvent(protocolErrorDetails(parsed.error));
    expect(event.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'missing_required_parameter',
      param: 'content_index',
      event_id: 'c1',
    });
    expect(event.error.message).toContain('content_index');
  });
});
