import type { AudioFrame } from '@voxd/audio';
import { PCM16_24K } from '@voxd/audio';
import { VoxdError } from '@voxd/errors';
import {
  createMemorySink,
  createMemorySource,
  serverEvents as ev,
  testScheduler,
} from '@voxd/testing';
import { decodeBase64 } from '@voxd/audio';
import type { Observable } from 'rxjs';
import { map, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';

import type { AudioSink } from '../src/audio-sink.js';
import type { SessionEvent } from '../src/session-event.js';
import { audio, msg, startSession } from './support.js';

const refill = (fill: number) => (frames$: Observable<AudioFrame>) =>
  frames$.pipe(map((frame) => ({ ...frame, data: new Uint8Array(frame.data.length).fill(fill) })));

describe('session plugins', () => {
  it('applies input processors before sending and output processors before playing, in plugin order', () => {
    testScheduler().run(({ hot, flush }) => {
      const source = createMemorySource({ format: PCM16_24K, frames: [audio(50, 1)] });
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot('10ms (radD)', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(50, 1))),
        d: msg(ev.audioDone('resp_1', 'item_A1')),
        D: msg(ev.responseDone('resp_1')),
      });
      const { transport } = startSession({
        source,
        sink,
        inbound$,
        plugins: [
          { name: 'first', processInput: refill(5), processOutput: refill(6) },
          { name: 'second', processOutput: refill(9) },
        ],
      });
      flush();
      const sent = transport
        .sentOf('input_audio_buffer.append')
        .map((e) => new Uint8Array(decodeBase64(e.audio)));
      expect(sent).toEqual([audio(50, 5)]);
      expect(sink.heardBytes()).toEqual(audio(50, 9));
    });
  });

  it('lets taps observe every event from session.connecting to session.closed', async () => {
    const seen: SessionEvent['type'][] = [];
    let completed = false;
    const { session } = startSession({
      plugins: [
        {
          name: 'recorder',
          tap: (events$) =>
            events$.subscribe({
              next: (event) => seen.push(event.type),
              complete: () => (completed = true),
            }),
        },
      ],
    });
    await session.close();
    expect(seen[0]).toBe('session.connecting');
    expect(seen).toContain('session.ready');
    expect(seen.at(-1)).toBe('session.closed');
    expect(completed).toBe(true);
  });

  it('reports a tap that throws as a recoverable error and goes on', () => {
    const { events } = startSession({
      plugins: [
        {
          name: 'broken',
          tap: () => {
            throw new Error('bad tap');
          },
        },
      ],
    });
    expect(events.find((e) => e.type === 'session.error')).toMatchObject({
      recoverable: true,
      code: 'E_PLUGIN_FAILED',
    });
    expect(events.some((e) => e.type === 'session.ready')).toBe(true);
  });
});

describe('source and sink failures', () => {
  it('fails the session with the source error', async () => {
    const failure = new VoxdError('E_WAV_CORRUPT', 'data chunk truncated');
    const source = createMemorySource({ format: PCM16_24K, frames: [audio(50)], error: failure });
    const started = startSession({ source });
    expect(started.events.find((e) => e.type === 'session.error')).toMatchObject({
      recoverable: false,
      code: 'E_WAV_CORRUPT',
    });
    expect(started.transport.sentOf('input_audio_buffer.append')).toHaveLength(1);
    await Promise.resolve();
    expect(started.failure.error).toBe(failure);
  });

  it('fails the session with E_SINK_FAILED when the sink errors with a plain Error', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink: AudioSink = {
        kind: 'broken',
        format: PCM16_24K,
        play: () => throwError(() => new Error('device gone')),
        close: () => Promise.resolve(),
      };
      const inbound$ = hot('10ms (ra)', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(50))),
      });
      const { events, transport } = startSession({ sink, inbound$ });
      flush();
      expect(events.find((e) => e.type === 'session.error')).toMatchObject({
        recoverable: false,
        code: 'E_SINK_FAILED',
        message: 'device gone',
      });
      expect(transport.closeCode).toBe(1000);
    });
  });

  it('reports an undecodable audio delta and keeps playing the rest', () => {
    testScheduler().run(({ hot, flush }) => {
      const sink = createMemorySink({ format: PCM16_24K });
      const bad = { ...ev.audioDelta('resp_1', 'item_A1', audio(50)), delta: 'not*base64' };
      const inbound$ = hot('10ms (rbadD)', {
        r: msg(ev.responseCreated('resp_1')),
        b: msg(bad),
        a: msg(ev.audioDelta('resp_1', 'item_A1', audio(50, 4))),
        d: msg(ev.audioDone('resp_1', 'item_A1')),
        D: msg(ev.responseDone('resp_1')),
      });
      const { events } = startSession({ sink, inbound$ });
      flush();
      expect(events.find((e) => e.type === 'session.error')).toMatchObject({
        recoverable: true,
        code: 'E_AUDIO_DELTA_INVALID',
      });
      expect(sink.heardBytes()).toEqual(audio(50, 4));
    });
  });
});
