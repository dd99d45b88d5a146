import type { SessionEvent } from '@voxd/core';
import type { ServerEvent } from '@voxd/protocol';
import { parseServerEvent } from '@voxd/protocol';
import { serverEvents as ev } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import type { DeriverState, RelayedMessage } from '../src/derive-session-events.js';
import {
  base64ByteLength,
  deriveSessionEvents,
  INITIAL_DERIVER_STATE,
} from '../src/derive-session-events.js';

/** A typed server event, validated by the real protocol parser. */
function server(event: Record<string, unknown>): RelayedMessage {
  const parsed = parseServerEvent(JSON.stringify({ event_id: 'event_1', ...event }));
  if (parsed.kind !== 'known') throw new Error(`test event ${String(event['type'])} is not valid`);
  return { source: 'server', event: parsed.event };
}

/** A server event built by the shared test builders (well-formed by construction). */
function relayed(event: ServerEvent): RelayedMessage {
  return { source: 'server', event };
}

const SESSION = {
  id: 'sess_1',
  object: 'realtime.session',
  model: 'gpt-realtime',
  output_audio_format: 'pcm16',
  input_audio_format: 'pcm16',
  input_audio_sampling_rate: 16000,
  turn_detection: { type: 'server_vad', create_response: true },
};
const RESPONSE = { id: 'resp_1', object: 'realtime.response', status: 'in_progress', output: [] };
/** Silent PCM16 at 24 kHz: 48 bytes a millisecond. */
const pcm24kMs = (ms: number): Uint8Array => new Uint8Array(ms * 48);

/** Runs the messages through the deriver at the given times; returns the events without server.event. */
function run(steps: readonly (readonly [number, RelayedMessage])[]): SessionEvent[] {
  let state: DeriverState = INITIAL_DERIVER_STATE;
  const out: SessionEvent[] = [];
  for (const [atMs, message] of steps) {
    const result = deriveSessionEvents(state, message, atMs);
    state = result.state;
    out.push(...result.events.filter((e) => e.type !== 'server.event'));
  }
  return out;
}

describe('deriveSessionEvents', () => {
  it('turns one VAD turn into the events the metrics observer reads, with latencies', () => {
    const events = run([
      [0, server({ type: 'session.updated', session: SESSION })],
      [
        5,
        {
          source: 'client',
          event: {
            type: 'input_audio_buffer.append',
            audio: Buffer.alloc(3200).toString('base64'),
          },
        },
      ],
      [100, relayed(ev.speechStarted('item_U1', 300))],
      [900, relayed(ev.speechStopped('item_U1', 2800))],
      [910, relayed(ev.committed('item_U1'))],
      [950, server({ type: 'response.created', response: RESPONSE })],
      [1_150, relayed(ev.audioDelta('resp_1', 'item_A1', pcm24kMs(100)))],
      [1_200, relayed(ev.audioDelta('resp_1', 'item_A1', pcm24kMs(50)))],
      [1_400, server({ type: 'response.done', response: { ...RESPONSE, status: 'completed' } })],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'session.ready',
      'input.audio',
      'turn.started',
      'turn.ended',
      'turn.committed',
      'response.started',
      'response.audio.first',
      'response.audio',
      'response.audio',
      'response.done',
    ]);
    // 3200 bytes of pcm16 at the session's 16 kHz.
    expect(events[1]).toMatchObject({ durationMs: 100, atMs: 5 });
    expect(events[4]).toMatchObject({
      itemId: 'item_U1',
      previousItemId: undefined,
      responseExpected: true,
    });
    expect(events[6]).toMatchObject({
      responseId: 'resp_1',
      itemId: 'item_A1',
      sinceSpeechStoppedMs: 250,
      sinceResponseStartedMs: 200,
    });
    expect(
      events
        .filter((e) => e.type === 'response.audio')
        .map((e) => e.type === 'response.audio' && e.durationMs),
    ).toEqual([100, 50]);
    expect(events[9]).toMatchObject({ status: 'completed', durationMs: 450 });
  });

  it('reports a barge-in when speech starts while a response runs, and not after it is done', () => {
    const events = run([
      [0, server({ type: 'session.updated', session: SESSION })],
      [10, server({ type: 'response.created', response: RESPONSE })],
      [20, relayed(ev.speechStarted('item_U2', 0))],
      [30, server({ type: 'response.done', response: { ...RESPONSE, status: 'cancelled' } })],
      [40, relayed(ev.speechStarted('item_U3', 500))],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'session.ready',
      'response.started',
      'turn.interrupted',
      'turn.started',
      'response.done',
      'turn.started',
    ]);
    expect(events[2]).toMatchObject({
      responseIds: ['resp_1'],
      cancelSent: false,
      truncations: [],
    });
  });

  it('has no turn latency for a response without VAD, and keeps unknown and error events', () => {
    const events = run([
      [0, server({ type: 'session.updated', session: { ...SESSION, turn_detection: null } })],
      [5, server({ type: 'input_audio_buffer.committed', item_id: 'item_U1' })],
      [10, server({ type: 'response.created', response: RESPONSE })],
      [60, relayed(ev.audioDelta('resp_1', 'item_A1', pcm24kMs(20)))],
      [70, { source: 'unknown', type: 'future.event', raw: { type: 'future.event' } }],
      [
        80,
        server({
          type: 'error',
          error: { type: 'invalid_request_error', code: 'item_not_found', message: 'no item' },
        }),
      ],
    ]);
    expect(events[1]).toMatchObject({ type: 'turn.committed', responseExpected: false });
    expect(events.find((e) => e.type === 'response.audio.first')).toMatchObject({
      sinceSpeechStoppedMs: undefined,
      sinceResponseStartedMs: 50,
    });
    expect(events.at(-2)).toMatchObject({ type: 'server.unknown', eventType: 'future.event' });
    expect(events.at(-1)).toMatchObject({
      type: 'session.error',
      recoverable: true,
      code: 'item_not_found',
      message: 'no item',
    });
  });

  it('emits server.event for every typed event and leaves the state alone for plain deltas', () => {
    const message = server({ type: 'input_audio_buffer.cleared' });
    const result = deriveSessionEvents(INITIAL_DERIVER_STATE, message, 1);
    expect(result.state).toBe(INITIAL_DERIVER_STATE);
    expect(result.events).toEqual([
      { atMs: 1, type: 'server.event', event: (message as { event: ServerEvent }).event },
    ]);
  });

  it('counts base64 bytes without decoding', () => {
    for (const size of [0, 1, 2, 3, 4, 5, 4800]) {
      expect(base64ByteLength(Buffer.alloc(size).toString('base64'))).toBe(size);
    }
  });
});
