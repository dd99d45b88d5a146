import { describe, expect, it } from 'vitest';

import { DEFAULT_MAX_CLIENT_EVENT_BYTES } from '../src/frame.js';
import { encodeEvent, parseClientEvent, parseServerEvent } from '../src/parse.js';
import type { Parsed } from '../src/parse.js';
import { ProtocolError } from '../src/protocol-error.js';
import type { ProtocolErrorCode } from '../src/protocol-error.js';

function errorOf<TEvent>(parsed: Parsed<TEvent>): ProtocolError {
  if (parsed.kind !== 'malformed') throw new Error(`expected malformed, got ${parsed.kind}`);
  expect(parsed.error).toBeInstanceOf(ProtocolError);
  return parsed.error;
}

function expectMalformed(
  frame: string | Uint8Array | object,
  code: ProtocolErrorCode,
  param?: string,
): ProtocolError {
  const data =
    typeof frame === 'string' || frame instanceof Uint8Array ? frame : JSON.stringify(frame);
  const error = errorOf(parseClientEvent(data));
  expect(error.code).toBe(code);
  expect(error.param).toBe(param);
  if (param !== undefined) expect(error.message).toContain(`"${param}"`);
  return error;
}

describe('parseClientEvent: frames that are not events', () => {
  it('rejects text that is not JSON', () => {
    const error = expectMalformed('{"type": "input_audio_buffer.commit"', 'E_PROTOCOL_NOT_JSON');
    expect(error.message).toMatch(/^frame is not JSON: /);
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('rejects binary frames that are not UTF-8', () => {
    expectMalformed(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'E_PROTOCOL_NOT_JSON');
  });

  it.each([
    ['[{"type":"input_audio_buffer.commit"}]', 'an array'],
    ['42', 'a number'],
    ['"input_audio_buffer.commit"', 'a string'],
    ['null', 'null'],
    ['true', 'a boolean'],
  ])('rejects JSON %s that is not an object', (frame, got) => {
    const error = expectMalformed(frame, 'E_PROTOCOL_NOT_OBJECT');
    expect(error.message).toContain(got);
  });

  it('rejects an object without a type, keeping its event_id', () => {
    const error = expectMalformed(
      { event_id: 'evt_9', audio: '' },
      'E_PROTOCOL_MISSING_TYPE',
      'type',
    );
    expect(error.eventId).toBe('evt_9');
    expectMalformed({ type: null }, 'E_PROTOCOL_MISSING_TYPE', 'type');
  });

  it.each([[42], [true], [{}], [['session.update']], ['']])(
    'rejects a type that is not a non-empty string: %j',
    (type) => {
      expectMalformed({ type }, 'E_PROTOCOL_INVALID_FIELD', 'type');
    },
  );
});

describe('parseClientEvent: unknown event types', () => {
  it('keeps an unknown type with the raw object, unknown fields included', () => {
    const raw = { type: 'future.event', event_id: 'evt_1', nested: { a: [1, 2] } };
    expect(parseClientEvent(JSON.stringify(raw))).toEqual({
      kind: 'unknown',
      type: 'future.event',
      raw,
    });
  });

  it('keeps an unknown server event type too', () => {
    const raw = { type: 'response.reasoning.delta', event_id: 'event_1', delta: 'x' };
    expect(parseServerEvent(JSON.stringify(raw))).toEqual({
      kind: 'unknown',
      type: 'response.reasoning.delta',
      raw,
    });
  });
});

describe('parseClientEvent: invalid fields', () => {
  it('names a missing required field', () => {
    const error = expectMalformed(
      {
        type: 'conversation.item.truncate',
        event_id: 'evt_t',
        item_id: 'item_A1',
        content_index: 0,
      },
      'E_PROTOCOL_MISSING_FIELD',
      'audio_end_ms',
    );
    expect(error.eventType).toBe('conversation.item.truncate');
    expect(error.eventId).toBe('evt_t');
    expect(error.message).toBe(
      'conversation.item.truncate: required field "audio_end_ms" is missing',
    );
  });

  it('treats null for a required field as missing', () => {
    expectMalformed(
      { type: 'session.update', session: null },
      'E_PROTOCOL_MISSING_FIELD',
      'session',
    );
  });

  it('names a field of the wrong type', () => {
    const error = expectMalformed(
      {
        type: 'conversation.item.truncate',
        item_id: 'item_A1',
        content_index: 0,
        audio_end_ms: '1840',
      },
      'E_PROTOCOL_INVALID_FIELD',
      'audio_end_ms',
    );
    expect(error.message).toContain('expected number');
  });

  it('names a nested out-of-range value by its dotted path', () => {
    const error = expectMalformed(
      {
        type: 'session.update',
        session: { turn_detection: { type: 'server_vad', threshold: 1.5 } },
      },
      'E_PROTOCOL_INVALID_FIELD',
      'session.turn_detection.threshold',
    );
    expect(error.message).toContain('<=1');
  });

  it.each([
    [{ temperature: 2.5 }, 'session.temperature'],
    [{ temperature: -0.1 }, 'session.temperature'],
    [{ max_response_output_tokens: 0 }, 'session.max_response_output_tokens'],
    [{ max_response_output_tokens: 4097 }, 'session.max_response_output_tokens'],
    [{ max_response_output_tokens: 'infinite' }, 'session.max_response_output_tokens'],
    [{ max_response_output_tokens: 10.5 }, 'session.max_response_output_tokens'],
    [
      { voice: { type: 'azure-standard', name: 'x', temperature: 1.2 } },
      'session.voice.temperature',
    ],
    [{ input_audio_sampling_rate: -8000 }, 'session.input_audio_sampling_rate'],
    [
      { avatar: { character: 'lisa', customized: false, video: { gop_size: 0 } } },
      'session.avatar.video.gop_size',
    ],
  ])('rejects the out-of-range session value %j', (session, param) => {
    expectMalformed({ type: 'session.update', session }, 'E_PROTOCOL_INVALID_FIELD', param);
  });

  it('names array elements with brackets', () => {
    expectMalformed(
      {
        type: 'session.update',
        session: { tools: [{ type: 'function', name: 'a' }, { type: 'function' }] },
      },
      'E_PROTOCOL_MISSING_FIELD',
      'session.tools[1].name',
    );
  });

  it('rejects an item of unknown type with the discriminator path', () => {
    expectMalformed(
      { type: 'conversation.item.create', item: { type: 'reasoning', content: [] } },
      'E_PROTOCOL_INVALID_FIELD',
      'item.type',
    );
    expectMalformed(
      { type: 'conversation.item.create', item: { role: 'user', content: [] } },
      'E_PROTOCOL_MISSING_FIELD',
      'item.type',
    );
  });

  it('rejects an assistant message with audio content', () => {
    expectMalformed(
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'assistant', content: [{ type: 'audio', transcript: 'x' }] },
      },
      'E_PROTOCOL_INVALID_FIELD',
      'item.content[0].type',
    );
  });

  it('rejects append audio that is not base64', () => {
    expectMalformed(
      { type: 'input_audio_buffer.append', audio: 'not base64!' },
      'E_PROTOCOL_INVALID_FIELD',
      'audio',
    );
    expectMalformed(
      { type: 'input_audio_buffer.append', audio: 'AAA' },
      'E_PROTOCOL_INVALID_FIELD',
      'audio',
    );
    expectMalformed({ type: 'input_audio_buffer.append' }, 'E_PROTOCOL_MISSING_FIELD', 'audio');
  });

  it('rejects a server event without event_id', () => {
    const error = errorOf(parseServerEvent('{"type":"input_audio_buffer.cleared"}'));
    expect(error.code).toBe('E_PROTOCOL_MISSING_FIELD');
    expect(error.param).toBe('event_id');
  });

  it('reports response overrides and metadata limits', () => {
    expectMalformed(
      { type: 'response.create', response: { max_output_tokens: 5000 } },
      'E_PROTOCOL_INVALID_FIELD',
      'response.max_output_tokens',
    );
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    expectMalformed(
      { type: 'response.create', response: { metadata } },
      'E_PROTOCOL_INVALID_FIELD',
      'response.metadata',
    );
  });
});

describe('frame size limit', () => {
  const append = (audioChars: number): string =>
    JSON.stringify({ type: 'input_audio_buffer.append', audio: 'A'.repeat(audioChars) });

  it('rejects a string frame over maxBytes before parsing it', () => {
    const frame = append(4000);
    const error = errorOf(parseClientEvent(frame, { maxBytes: 1000 }));
    expect(error.code).toBe('E_PROTOCOL_FRAME_TOO_LARGE');
    expect(error.message).toContain('1000');
    // The same frame is fine under a limit it fits.
    expect(parseClientEvent(frame, { maxBytes: frame.length }).kind).toBe('known');
  });

  it('rejects a Uint8Array frame over maxBytes', () => {
    const bytes = new TextEncoder().encode(append(4000));
    expect(errorOf(parseClientEvent(bytes, { maxBytes: bytes.length - 1 })).code).toBe(
      'E_PROTOCOL_FRAME_TOO_LARGE',
    );
    expect(parseClientEvent(bytes, { maxBytes: bytes.length }).kind).toBe('known');
  });

  it('counts UTF-8 bytes, not UTF-16 code units', () => {
    // 300 characters of 'é' (2 bytes each) and '😀' (4 bytes, 2 code units).
    const text = JSON.stringify({ type: 'x.y', note: 'é'.repeat(100) + '😀'.repeat(100) });
    const bytes = new TextEncoder().encode(text).length;
    expect(parseClientEvent(text, { maxBytes: bytes }).kind).toBe('unknown');
    expect(errorOf(parseClientEvent(text, { maxBytes: bytes - 1 })).code).toBe(
      'E_PROTOCOL_FRAME_TOO_LARGE',
    );
  });

  it('accepts 15 MiB of decoded audio under the default limit', () => {
    const audioChars = (15 * 1024 * 1024 * 4) / 3; // exactly 20 MiB of base64
    const frame = append(audioChars);
    expect(frame.length).toBeLessThan(DEFAULT_MAX_CLIENT_EVENT_BYTES);
    expect(parseClientEvent(frame).kind).toBe('known');
    expectMalformed(append(audioChars + 4), 'E_PROTOCOL_INVALID_FIELD', 'audio');
  }, 60_000); // builds and parses two 20 MiB frames: slow on a loaded 2-core CI machine
});

describe('encodeEvent', () => {
  it('encodes to the JSON text that parses back to the same event', () => {
    const event = { type: 'conversation.item.delete', event_id: 'e1', item_id: 'item_1' } as const;
    const text = encodeEvent(event);
    expect(JSON.parse(text)).toEqual(event);
    expect(parseClientEvent(text)).toEqual({ kind: 'known', event });
  });
});
