import type { OperatorFunction } from 'rxjs';
import { distinctUntilChanged, map, scan } from 'rxjs';

import type { SessionEvent } from './session-event.js';

/**
 * Where a session is in the conversation:
 * `connecting → ready → listening → processing → speaking → ready`, plus `reconnecting`, and the
 * final `closed` or `error`.
 *
 * - `listening`: the user is speaking (server VAD).
 * - `processing`: the user's turn ended and the assistant has not started to play audio yet (the
 *   response is being generated, a tool is running, or a text-only response is streaming).
 * - `speaking`: assistant audio is playing on the sink.
 */
export type TurnState =
  | 'connecting'
  | 'ready'
  | 'listening'
  | 'processing'
  | 'speaking'
  | 'reconnecting'
  | 'closed'
  | 'error';

/** What the turn state is derived from; built only from `SessionEvent`s. */
export interface TurnTracker {
  readonly phase: 'connecting' | 'open' | 'reconnecting' | 'closed' | 'error';
  readonly userSpeaking: boolean;
  /** Speech stopped; the commit has not arrived yet. */
  readonly pendingCommit: boolean;
  /** A response was asked for (by VAD or `response.create`) and has not started. */
  readonly awaitingResponse: boolean;
  readonly activeResponseIds: ReadonlySet<string>;
  readonly toolsRunning: number;
  readonly itemsPlaying: number;
}

export const INITIAL_TURN_TRACKER: TurnTracker = Object.freeze({
  phase: 'connecting',
  userSpeaking: false,
  pendingCommit: false,
  awaitingResponse: false,
  activeResponseIds: new Set<string>(),
  toolsRunning: 0,
  itemsPlaying: 0,
});

const IDLE: Omit<TurnTracker, 'phase'> = {
  userSpeaking: false,
  pendingCommit: false,
  awaitingResponse: false,
  activeResponseIds: new Set<string>(),
  toolsRunning: 0,
  itemsPlaying: 0,
};

/** Pure reducer: the tracker after `event`. */
export function reduceTurnTracker(tracker: TurnTracker, event: SessionEvent): TurnTracker {
  if (tracker.phase === 'closed' || tracker.phase === 'error') return tracker;
  switch (event.type) {
    case 'session.connecting':
      return { ...tracker, phase: 'connecting' };
    case 'session.ready':
      return { ...tracker, phase: 'open' };
    case 'session.reconnecting':
      // The server session is gone with its turns; only local playback survives a reconnect.
      return { ...IDLE, itemsPlaying: tracker.itemsPlaying, phase: 'reconnecting' };
    case 'session.reconnected':
      return { ...tracker, phase: 'open' };
    case 'session.error':
      return event.recoverable ? tracker : { ...tracker, phase: 'error' };
    case 'session.closed':
      return { ...tracker, phase: event.reason === 'error' ? 'error' : 'closed' };
    case 'turn.started':
      return { ...tracker, userSpeaking: true };
    case 'turn.ended':
      return { ...tracker, userSpeaking: false, pendingCommit: true };
    case 'turn.committed':
      return {
        ...tracker,
        pendingCommit: false,
        awaitingResponse: tracker.awaitingResponse || event.responseExpected,
      };
    case 'response.requested':
      return { ...tracker, awaitingResponse: true };
    case 'response.started':
      return {
        ...tracker,
        awaitingResponse: false,
        activeResponseIds: withId(tracker.activeResponseIds, event.responseId),
      };
    case 'response.done':
      return {
        ...tracker,
        activeResponseIds: withoutIds(tracker.activeResponseIds, [event.responseId]),
      };
    case 'turn.interrupted':
      return {
        ...tracker,
        activeResponseIds: withoutIds(tracker.activeResponseIds, event.responseIds),
      };
    case 'tool.call':
      return { ...tracker, toolsRunning: tracker.toolsRunning + 1 };
    case 'tool.result':
      return { ...tracker, toolsRunning: Math.max(0, tracker.toolsRunning - 1) };
    case 'playback.started':
      return { ...tracker, itemsPlaying: tracker.itemsPlaying + 1 };
    case 'playback.finished':
    case 'playback.interrupted':
      return { ...tracker, itemsPlaying: Math.max(0, tracker.itemsPlaying - 1) };
    default:
      return tracker;
  }
}

/** The turn state a tracker stands for. */
export function turnStateOf(tracker: TurnTracker): TurnState {
  switch (tracker.phase) {
    case 'connecting':
      return 'connecting';
    case 'reconnecting':
      return 'reconnecting';
    case 'closed':
      return 'closed';
    case 'error':
      return 'error';
    case 'open':
      break;
  }
  if (tracker.userSpeaking) return 'listening';
  if (tracker.itemsPlaying > 0) return 'speaking';
  const busy =
    tracker.pendingCommit ||
    tracker.awaitingResponse ||
    tracker.activeResponseIds.size > 0 ||
    tracker.toolsRunning > 0;
  return busy ? 'processing' : 'ready';
}

/** Maps session events to distinct turn states (the state before any event is `connecting`). */
export function toTurnState(): OperatorFunction<SessionEvent, TurnState> {
  return (events$) =>
    events$.pipe(
      scan(reduceTurnTracker, INITIAL_TURN_TRACKER),
      map(turnStateOf),
      distinctUntilChanged(),
    );
}

function withId(ids: ReadonlySet<string>, id: string): ReadonlySet<string> {
  return new Set([...ids, id]);
}

function withoutIds(ids: ReadonlySet<string>, remove: readonly string[]): ReadonlySet<string> {
  const next = new Set(ids);
  for (const id of remove) next.delete(id);
  return next;
}
