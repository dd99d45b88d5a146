import type { SessionEvent } from '@voxd/core';
import type { ClientEvent } from '@voxd/protocol';
import { parseServerEvent } from '@voxd/protocol';
import { serverEvents as ev } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import type { DeriverState, RelayedMessage } from '../src/derive-session-events.js';
import { deriveSessionEvents, INITIAL_DERIVER_STATE } from '../src/derive-session-events.js';

const AGENT_SESSION = {
  id: 'sess_1',
  object: 'realtime.session',
  input_audio_format: 'pcm16',
  input_audio_sampling_rate: 24000,
  output_audio_format: 'pcm16',
};

function updated(session: Record<string, unknown>): RelayedMessage {
  const parsed = parseServerEvent(
    JSON.stringify({ type: 'session.updated', event_id: 'e', session }),
  );
  if (parsed.kind !== 'known') throw new Error('invalid test session.updated');
  return { source: 'server', event: parsed.event };
}
const client = (event: ClientEvent): RelayedMessage => ({ source: 'client', event });
const append = (bytes: number): RelayedMessage =>
  client({ type: 'input_audio_buffer.append', audio: Buffer.alloc(bytes).toString('base64') });

/** The durations of the `input.audio` and `response.audio` events the messages produce. */
function durations(messages: readonly RelayedMessage[]): { in: number[]; out: number[] } {
  let state: DeriverState = INITIAL_DERIVER_STATE;
  const events: SessionEvent[] = [];
  for (const message of messages) {
    const result = deriveSessionEvents(state, message, 0);
    state = result.state;
    events.push(...result.events);
  }
  return {
    in: events.flatMap((e) => (e.type === 'input.audio' ? [e.durationMs] : [])),
    out: events.flatMap((e) => (e.type === 'response.audio' ? [e.durationMs] : [])),
  };
}

describe("metering in the client's formats", () => {
  it('meters G.711 from the moment the client asks for it, before session.updated comes back', () => {
    const result = durations([
      updated(AGENT_SESSION),
      append(4800), // 100 ms of the agent's 24 kHz pcm16
      client({
        type: 'session.update',
        session: { input_audio_format: 'g711_ulaw', output_audio_format: 'g711_ulaw' },
      }),
      append(800), // 100 ms of 8 kHz µ-law, sent before the upstream confirmed the update
      updated({
        ...AGENT_SESSION,
        input_audio_format: 'g711_ulaw',
        input_audio_sampling_rate: 8000,
        output_audio_format: 'g711_ulaw',
      }),
      append(1600),
      { source: 'server', event: ev.responseCreated('resp_1') },
      { source: 'server', event: ev.audioDelta('resp_1', 'item_1', new Uint8Array(400)) },
    ]);
    expect(result.in).toEqual([100, 100, 200]);
    expect(result.out).toEqual([50]);
  });

  it('meters 16 kHz pcm16 input and pcm16_16000hz output', () => {
    const result = durations([
      updated(AGENT_SESSION),
      client({
        type: 'session.update',
        session: { input_audio_sampling_rate: 16000, output_audio_format: 'pcm16_16000hz' },
      }),
      append(3200),
      { source: 'server', event: ev.audioDelta('resp_1', 'item_1', new Uint8Array(3200)) },
    ]);
    expect(result).toEqual({ in: [100], out: [100] });
  });

  it("takes the upstream's session.updated as the last word on the formats", () => {
    const result = durations([
      client({ type: 'session.update', session: { input_audio_format: 'pcm16' } }),
      updated({ ...AGENT_SESSION, input_audio_sampling_rate: 16000 }),
      append(3200),
    ]);
    expect(result.in).toEqual([100]);
  });
});
