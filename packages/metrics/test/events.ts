import type { SessionEvent } from '@voxd/core';
import { VoxdError } from '@voxd/errors';

type Init = SessionEvent extends infer TEvent
  ? TEvent extends SessionEvent
    ? Omit<TEvent, 'atMs'>
    : never
  : never;

/** Stamps event inits with increasing `atMs` (10 ms apart), as a session would. */
export function timeline(inits: readonly Init[]): SessionEvent[] {
  return inits.map((init, index) => ({ ...init, atMs: index * 10 }));
}

/** A `session.error` event as core reports it. */
export function sessionError(code: string, recoverable = true): Init {
  return {
    type: 'session.error',
    recoverable,
    code,
    message: `failure ${code}`,
    error: new VoxdError(code, `failure ${code}`),
  };
}

/** One full user turn: speech, commit, a response with 3 × 100 ms of audio that plays to the end. */
export function fullTurn(
  responseId: string,
  latency: { turnMs: number; firstAudioMs: number },
): Init[] {
  const itemId = `${responseId}_item`;
  return [
    { type: 'turn.started', itemId: 'user_1', audioStartMs: 0 },
    ...Array.from({ length: 10 }, (): Init => ({ type: 'input.audio', durationMs: 20 })),
    { type: 'turn.ended', itemId: 'user_1', audioEndMs: 200 },
    { type: 'turn.committed', itemId: 'user_1', previousItemId: undefined, responseExpected: true },
    { type: 'response.started', responseId },
    {
      type: 'response.audio.first',
      responseId,
      itemId,
      sinceSpeechStoppedMs: latency.turnMs,
      sinceResponseStartedMs: latency.firstAudioMs,
    },
    { type: 'playback.started', responseId, itemId },
    { type: 'response.audio', responseId, itemId, durationMs: 100 },
    { type: 'response.audio', responseId, itemId, durationMs: 100 },
    { type: 'response.audio', responseId, itemId, durationMs: 100 },
    { type: 'playback.finished', responseId, itemId, playedMs: 300 },
    {
      type: 'response.done',
      responseId,
      status: 'completed',
      statusDetails: undefined,
      usage: undefined,
      durationMs: 900,
    },
  ];
}
