import { parseClientEvent } from '@voxd/protocol';
import { describe, expect, it } from 'vitest';

import { readFastAppend } from '../src/session/fast-append.js';

const MAX_BYTES = 21 * 1024 * 1024;
const pcm = Buffer.from(Int16Array.from({ length: 2400 }, (_, i) => (i * 37) % 3000).buffer);
const audio = pcm.toString('base64');

/** Frames the schema parser accepts as appends, and frames it refuses or reads as another event. */
const frames: Record<string, string | Uint8Array> = {
  plain: JSON.stringify({ type: 'input_audio_buffer.append', audio }),
  withEventId: JSON.stringify({ event_id: 'evt_1', type: 'input_audio_buffer.append', audio }),
  nullEventId: JSON.stringify({ type: 'input_audio_buffer.append', event_id: null, audio }),
  extraField: JSON.stringify({ type: 'input_audio_buffer.append', audio, note: 'kept' }),
  asBytes: new TextEncoder().encode(JSON.stringify({ type: 'input_audio_buffer.append', audio })),
  empty: JSON.stringify({ type: 'input_audio_buffer.append', audio: '' }),
  unpadded: JSON.stringify({ type: 'input_audio_buffer.append', audio: 'AAE' }),
  badChar: JSON.stringify({ type: 'input_audio_buffer.append', audio: `${audio.slice(4)}A*==` }),
  urlSafe: JSON.stringify({ type: 'input_audio_buffer.append', audio: `${audio.slice(4)}-_AA` }),
  numericEventId: JSON.stringify({ type: 'input_audio_buffer.append', event_id: 7, audio }),
  audioNotString: JSON.stringify({ type: 'input_audio_buffer.append', audio: 5 }),
  noAudio: JSON.stringify({ type: 'input_audio_buffer.append' }),
  turnAppend: JSON.stringify({ type: 'input_audio.turn.append', turn_id: 't', audio }),
  otherType: JSON.stringify({
    type: 'input_audio_buffer.commit',
    note: 'input_audio_buffer.append',
  }),
  notJson: '{"type":"input_audio_buffer.append",',
  array: '["input_audio_buffer.append"]',
  badUtf8: Uint8Array.of(0x7b, 0xff, 0x7d),
};

describe('fast append path', () => {
  it('takes exactly the appends the schema parser accepts, with the same event and audio', () => {
    for (const [name, frame] of Object.entries(frames)) {
      const parsed = parseClientEvent(frame, { maxBytes: MAX_BYTES });
      const fast = readFastAppend(frame, MAX_BYTES);
      const schemaAppend =
        parsed.kind === 'known' && parsed.event.type === 'input_audio_buffer.append';
      expect({ name, fast: fast !== undefined }).toEqual({ name, fast: schemaAppend });
      if (fast === undefined || parsed.kind !== 'known') continue;
      expect(fast.event).toEqual(parsed.event);
      const expected = Buffer.from((parsed.event as { audio: string }).audio, 'base64');
      expect(Buffer.compare(Buffer.from(fast.bytes), expected)).toBe(0);
    }
  });

  it('leaves frames over the size limit to the parser, which reports them', () => {
    const frame = frames['plain'] as string;
    expect(readFastAppend(frame, 100)).toBeUndefined();
    expect(parseClientEvent(frame, { maxBytes: 100 }).kind).toBe('malformed');
  });

  it('decodes a 100 ms 24 kHz append into bytes that own their buffer (viewed, not copied, later)', () => {
    const fast = readFastAppend(frames['plain'] as string, MAX_BYTES);
    expect(fast?.bytes.byteLength).toBe(4800);
    expect(fast?.bytes.byteOffset).toBe(0);
    expect(fast?.bytes.buffer.byteLength).toBe(4800);
  });
});

describe('fast append base64', () => {
  it('refuses what standard padded base64 refuses, as the schema does', () => {
    const cases = ['A===', 'AA==AAAA', 'AAAA AAA', 'AAAA\nAAA', 'AA-_', '====', 'AAA=', 'AA==', ''];
    for (const text of cases) {
      const frame = JSON.stringify({ type: 'input_audio_buffer.append', audio: text });
      const parsed = parseClientEvent(frame, { maxBytes: MAX_BYTES });
      const fast = readFastAppend(frame, MAX_BYTES);
      expect({ text, fast: fast !== undefined }).toEqual({ text, fast: parsed.kind === 'known' });
      if (fast !== undefined)
        expect(Buffer.compare(Buffer.from(fast.bytes), Buffer.from(text, 'base64'))).toBe(0);
    }
  });
});
