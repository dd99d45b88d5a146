import { describe, expect, expectTypeOf, it } from 'vitest';

import type { AudioFormatName } from '../src/audio-formats.js';
import type { ClientEvent, ClientEventOf, ClientEventType } from '../src/client-events.js';
import { CLIENT_EVENT_TYPES, isServerEventType, SERVER_EVENT_TYPES } from '../src/event-types.js';
import { parseServerEvent } from '../src/parse.js';
import type { ServerEventOf, ServerEventType } from '../src/server-events.js';
import type { SessionConfig } from '../src/session.js';
import type { TurnDetection } from '../src/turn-detection.js';

describe('inferred types', () => {
  it('extracts one event by type', () => {
    expectTypeOf<ClientEventOf<'session.update'>['session']>().toEqualTypeOf<SessionConfig>();
    expectTypeOf<ServerEventOf<'response.audio.delta'>['delta']>().toEqualTypeOf<string>();
    expectTypeOf<ClientEventType>().toEqualTypeOf<ClientEvent['type']>();
    expectTypeOf<'pcm16_44100hz'>().toExtend<AudioFormatName>();
    expectTypeOf<'azure_semantic_vad_multilingual'>().toExtend<TurnDetection['type']>();
  });

  it('narrows a parsed server event on its type', () => {
    const parsed = parseServerEvent(
      '{"type":"conversation.item.truncated","event_id":"e","item_id":"i","content_index":0,"audio_end_ms":1840}',
    );
    if (parsed.kind !== 'known') throw new Error(parsed.kind);
    const event = parsed.event;
    if (event.type !== 'conversation.item.truncated') throw new Error(event.type);
    expectTypeOf(event.audio_end_ms).toEqualTypeOf<number>();
    expect(event.audio_end_ms).toBe(1840);
  });
});

describe('event type lists', () => {
  it('lists each type once and guards server types', () => {
    expect(new Set(CLIENT_EVENT_TYPES).size).toBe(CLIENT_EVENT_TYPES.length);
    expect(new Set(SERVER_EVENT_TYPES).size).toBe(SERVER_EVENT_TYPES.length);
    expect(CLIENT_EVENT_TYPES).toHaveLength(19);
    expect(SERVER_EVENT_TYPES).toContain('session.end_conversation.completed');
    expect(isServerEventType('response.audio.delta')).toBe(true);
    expect(isServerEventType('input_audio_buffer.append')).toBe(false);
    expectTypeOf(SERVER_EVENT_TYPES).toEqualTypeOf<readonly ServerEventType[]>();
    expect(Object.isFrozen(SERVER_EVENT_TYPES)).toBe(true);
  });
});
