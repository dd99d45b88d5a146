import type { Observable, OperatorFunction } from 'rxjs';
import { defer, endWith, ignoreElements, map, merge, take, tap } from 'rxjs';

import type { PlaybackProgress } from './audio-sink.js';

/** How a playback ended: played to its end, or cut by an interruption at `playedMs`. */
export interface PlaybackOutcome {
  readonly interrupted: boolean;
  /** The last audible position the sink reported (0 if it reported none). */
  readonly playedMs: number;
}

/**
 * Follows a sink's progress until it completes or `interrupt$` emits, then emits one
 * {@link PlaybackOutcome} and completes. On interruption it unsubscribes the progress stream, which
 * makes the sink drop whatever it buffered; the outcome is emitted before that unsubscribe, in the
 * same synchronous call as the `interrupt$` emission.
 *
 * @example
 * sink.play(frames$).pipe(untilInterrupted(speechStarted$)) // emits { interrupted, playedMs } once
 */
export function untilInterrupted(
  interrupt$: Observable<unknown>,
): OperatorFunction<PlaybackProgress, PlaybackOutcome> {
  return (progress$) =>
    defer(() => {
      let playedMs = 0;
      const finished$ = progress$.pipe(
        tap((progress) => {
          playedMs = Math.max(playedMs, progress.playedMs);
        }),
        ignoreElements(),
        endWith(false),
      );
      const interrupted$ = interrupt$.pipe(map(() => true));
      return merge(finished$, interrupted$).pipe(
        take(1),
        map((interrupted) => ({ interrupted, playedMs })),
      );
    });
}
