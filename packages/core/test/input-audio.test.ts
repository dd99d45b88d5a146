import { decodeBase64, PCM16_16K, PCM16_24K } from '@voxd/audio';
import { createMemorySource, serverEvents as ev, testScheduler } from '@voxd/testing';
import { filter, map } from 'rxjs';
import { describe, expect, it } from 'vitest';

import { audio, msg, startSession } from './support.js';

const ms = (base64: string): number => decodeBase64(base64).length / 48;

describe('input audio', () => {
  it('re-chunks source frames to inputFrameMs appends, in order, as the frames arrive', () => {
    testScheduler().run(({ expectObservable }) => {
      const frames = [1, 2, 3, 4, 5, 6, 7].map((fill) => audio(20, fill));
      const source = createMemorySource({ format: PCM16_24K, frames, pace: 'realtime' });
      const { transport } = startSession({ source, inputFrameMs: 50 });
      expectObservable(
        transport.sent$.pipe(
          filter((event) => event.type === 'input_audio_buffer.append'),
          map((event) => (event.type === 'input_audio_buffer.append' ? ms(event.audio) : 0)),
        ),
      ).toBe('60ms a 39ms b 39ms c', { a: 50, b: 50, c: 40 });
    });
  });

  it('sends exactly the source bytes, in order', () => {
    const frames = [1, 2, 3, 4, 5].map((fill) => audio(30, fill));
    const source = createMemorySource({ format: PCM16_24K, frames });
    const { transport, events } = startSession({ source, inputFrameMs: 20 });
    const sent = transport
      .sentOf('input_audio_buffer.append')
      .map((event) => decodeBase64(event.audio));
    expect(sent.map((chunk) => chunk.length / 48)).toEqual([20, 20, 20, 20, 20, 20, 20, 10]);
    expect(Buffer.concat(sent)).toEqual(Buffer.concat(frames));
    expect(events.find((event) => event.type === 'input.ended')).toMatchObject({ sentMs: 150 });
  });

  it('does not read the source before the session is ready', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const source = createMemorySource({ format: PCM16_24K, frames: [audio(50)] });
      const inbound$ = hot('10ms c 9ms u', {
        c: msg(ev.sessionCreated()),
        u: msg(ev.sessionUpdated()),
      });
      const { transport } = startSession({ source, inbound$, handshake: false });
      expectObservable(transport.sent$.pipe(map((event) => event.type))).toBe('10ms u 9ms a', {
        u: 'session.update',
        a: 'input_audio_buffer.append',
      });
    });
  });

  it('commits and asks for a response at the end of input when turn detection is off', () => {
    const source = createMemorySource({ format: PCM16_24K, frames: [audio(50)] });
    const { transport, events } = startSession({ source, session: { turn_detection: null } });
    expect(transport.sent.map((event) => event.type)).toEqual([
      'session.update',
      'input_audio_buffer.append',
      'input_audio_buffer.commit',
      'response.create',
    ]);
    expect(events.find((event) => event.type === 'response.requested')).toMatchObject({
      reason: 'input-ended',
    });
  });

  it('fails with E_FORMAT_MISMATCH when a processor hands over frames in another format', () => {
    const source = createMemorySource({ format: PCM16_24K, frames: [audio(50)] });
    const { events, transport } = startSession({
      source,
      plugins: [
        {
          name: 'resample-by-mistake',
          processInput: (frames$) =>
            frames$.pipe(map((frame) => ({ ...frame, format: PCM16_16K }))),
        },
      ],
    });
    expect(events.find((event) => event.type === 'session.error')).toMatchObject({
      recoverable: false,
      code: 'E_FORMAT_MISMATCH',
    });
    expect(transport.sentOf('input_audio_buffer.append')).toEqual([]);
    expect(source.releases).toBe(1);
  });
});
