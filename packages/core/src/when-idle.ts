import type { Observable, SchedulerLike } from 'rxjs';
import { EMPTY, map, switchMap, take, timer } from 'rxjs';

import type { TurnState } from './turn-state.js';

/**
 * Emits once (then completes) when `state$` has stayed `ready` for `graceMs` without a break: no
 * user speech, response, tool call or playback in that window. The grace covers the gap between
 * the last audio sent and the server's reaction to it (VAD, commit, response).
 */
export function whenIdle(
  state$: Observable<TurnState>,
  graceMs: number,
  scheduler: SchedulerLike,
): Observable<void> {
  return state$.pipe(
    switchMap((state) => (state === 'ready' ? timer(graceMs, scheduler) : EMPTY)),
    take(1),
    map(() => undefined),
  );
}
