import { PCM16_24K } from '@voxd/audio';
import type { ClientEvent } from '@voxd/protocol';
import {
  collectUntil,
  createMemorySink,
  createMemorySource,
  createScriptedTransport,
  serverEvents,
  testScheduler,
} from '@voxd/testing';
import type { ScriptedServer } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import type { SessionEvent } from '../src/session-event.js';
import type { TransportMessage } from '../src/transport.js';

import type { CoreError } from '../src/core-error.js';
import { createSession } from '../src/create-session.js';
import { audio, msg, typesOf } from './support.js';

/** A tiny server: hears 200 ms of user audio as one turn and answers with 3 × 100 ms of audio. */
function echoServer() {
  let receivedMs = 0;
  let turn = 0;
  return (event: ClientEvent, server: ScriptedServer): void => {
    if (event.type !== 'input_audio_buffer.append') return;
    const before = receivedMs;
    receivedMs += (event.audio.length * 3) / 4 / 48;
    if (before === 0) server.emit(serverEvents.speechStarted('item_U1', 0));
    if (before < 200 && receivedMs >= 200) {
      turn += 1;
      server.emit(serverEvents.speechStopped('item_U1', 200));
      server.emit(serverEvents.committed('item_U1'));
      server.emit(serverEvents.transcriptionCompleted('item_U1', 'hello'));
      server.emit(serverEvents.responseCreated(`resp_${turn}`));
      for (let i = 0; i < 3; i++)
        server.emit(serverEvents.audioDelta(`resp_${turn}`, 'item_A1', audio(100, i + 1)));
      server.emit(serverEvents.audioDone(`resp_${turn}`, 'item_A1'));
      server.emit(serverEvents.transcriptDone(`resp_${turn}`, 'item_A1', 'hi there'));
      server.emit(serverEvents.responseDone(`resp_${turn}`));
    }
  };
}

describe('createSession', () => {
  it('runs a whole WAV-in/WAV-out turn and ends by itself when the source is done', async () => {
    const transport = createScriptedTransport({ handshake: true, respond: echoServer() });
    const source = createMemorySource({ format: PCM16_24K, audio: audio(200, 7), frameMs: 20 });
    const sink = createMemorySink({ format: PCM16_24K, pace: 'asap' });
    const session = createSession({
      transport,
      session: { instructions: 'be brief' },
      source,
      sink,
      endWhenSourceCompletes: true,
      endGraceMs: 5,
    });
    const states: string[] = [];
    session.state$.subscribe((state) => states.push(state));

    const events = await collectUntil(session.events$, 'session.closed');

    expect(
      events.map((e) => e.type).filter((t) => t !== 'server.event' && t !== 'input.audio'),
    ).toEqual([
      'session.connecting',
      'session.ready',
      'turn.started',
      'turn.ended',
      'turn.committed',
      'transcript.user',
      'response.started',
      'response.audio.first',
      'playback.started',
      'response.audio',
      'response.audio',
      'response.audio',
      'playback.finished',
      'transcript.assistant',
      'response.done',
      'input.ended',
      'session.closed',
    ]);
    expect(events.filter((e) => e.type === 'input.audio')).toHaveLength(4); // 200 ms in 50 ms appends
    expect(transport.sentOf('session.update')[0]?.session).toEqual({ instructions: 'be brief' });
    expect(transport.sentOf('input_audio_buffer.append')).toHaveLength(4);
    expect(sink.heardBytes()).toEqual(
      new Uint8Array([...audio(100, 1), ...audio(100, 2), ...audio(100, 3)]),
    );
    expect(events.at(-1)).toMatchObject({ type: 'session.closed', reason: 'source-ended' });
    expect(transport.closeCode).toBe(1000);
    expect(sink.closed).toBe(true);
    expect(source.releases).toBe(1);
    // The asap sink finishes before response.done arrives: the response is still running meanwhile.
    expect(states).toEqual([
      'connecting',
      'ready',
      'listening',
      'processing',
      'speaking',
      'processing',
      'ready',
      'closed',
    ]);
  });

  it('refuses a source whose format differs from the session input format', () => {
    const transport = createScriptedTransport();
    const source = createMemorySource({
      format: { encoding: 'pcm16', sampleRate: 16000, channels: 1 },
      frames: [],
    });
    expect(() => createSession({ transport, session: {}, source })).toThrow(
      expect.objectContaining({ code: 'E_FORMAT_MISMATCH' }) as CoreError,
    );
  });

  it('runs a barge-in end to end: the user talks over the answer, which stops at the played position', () => {
    testScheduler().run(({ hot, flush }) => {
      const source = createMemorySource({
        format: PCM16_24K,
        audio: audio(100, 7),
        frameMs: 20,
        pace: 'realtime',
      });
      const sink = createMemorySink({ format: PCM16_24K });
      const inbound$ = hot<TransportMessage>(
        '10ms s 9ms t m r 97ms (aab) 249ms S 49ms (xD) 99ms T M R E',
        {
          s: msg(serverEvents.speechStarted('item_U1', 0)),
          t: msg(serverEvents.speechStopped('item_U1', 80)),
          m: msg(serverEvents.committed('item_U1')),
          r: msg(serverEvents.responseCreated('resp_1')),
          a: msg(serverEvents.audioDelta('resp_1', 'item_A1', audio(200, 3))),
          b: msg(serverEvents.audioDone('resp_1', 'item_A1')),
          S: msg(serverEvents.speechStarted('item_U2', 500)),
          x: msg(serverEvents.audioDelta('resp_1', 'item_A1', audio(200, 4))),
          D: msg(
            serverEvents.responseDone('resp_1', 'cancelled', {
              type: 'cancelled',
              reason: 'turn_detected',
            }),
          ),
          T: msg(serverEvents.speechStopped('item_U2', 900)),
          M: msg(serverEvents.committed('item_U2', 'item_U1')),
          R: msg(serverEvents.responseCreated('resp_2')),
          E: msg(serverEvents.responseDone('resp_2')),
        },
      );
      const transport = createScriptedTransport({ handshake: true, inbound$ });
      const session = createSession({
        transport,
        session: {},
        source,
        sink,
        endWhenSourceCompletes: true,
        endGraceMs: 100,
      });
      const events: SessionEvent[] = [];
      session.events$.subscribe((event) => events.push(event));
      flush();

      expect(typesOf(events)).toEqual([
        'session.connecting',
        'session.ready',
        'turn.started',
        'turn.ended',
        'turn.committed',
        'response.started',
        'input.ended',
        'response.audio.first',
        'playback.started',
        'turn.started',
        'playback.interrupted',
        'turn.interrupted',
        'response.done',
        'turn.ended',
        'turn.committed',
        'response.started',
        'response.done',
        'session.closed',
      ]);
      // Two 200 ms frames play from 120; the user speaks at 374, after the first one ended.
      expect(transport.sentOf('conversation.item.truncate')).toMatchObject([
        { item_id: 'item_A1', content_index: 0, audio_end_ms: 200 },
      ]);
      expect(transport.sentOf('response.cancel')).toMatchObject([{ response_id: 'resp_1' }]);
      expect(sink.heardBytes()).toEqual(audio(200, 3));
      expect(sink.plays).toHaveLength(1);
      expect(events.find((e) => e.type === 'response.audio.first')).toMatchObject({
        atMs: 120,
        sinceSpeechStoppedMs: 100,
        sinceResponseStartedMs: 98,
      });
      expect(events.find((e) => e.type === 'playback.interrupted')).toMatchObject({
        atMs: 374,
        playedMs: 200,
      });
      // Idle from the second (text-only) response's end at 530, plus the 100 ms grace.
      expect(events.at(-1)).toMatchObject({
        type: 'session.closed',
        reason: 'source-ended',
        atMs: 630,
      });
      expect(transport.sentOf('input_audio_buffer.append')).toHaveLength(2);
    });
  });
});
