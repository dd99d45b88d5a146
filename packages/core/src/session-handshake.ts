import type {
  ClientEvent,
  ServerEvent,
  ServerEventOf,
  SessionConfig,
  SessionObject,
} from '@voxd/protocol';
import type { MonoTypeOperatorFunction, Observable, SchedulerLike } from 'rxjs';
import {
  defer,
  EMPTY,
  filter,
  first,
  map,
  merge,
  switchMap,
  take,
  throwError,
  timeout,
} from 'rxjs';

import { CoreError } from './core-error.js';

export interface UpdateSessionOptions {
  /** The typed server events of the connection, hot. */
  readonly server$: Observable<ServerEvent>;
  readonly send: (event: ClientEvent) => void;
  readonly session: SessionConfig;
  /** The `event_id` of the `session.update`, to recognise an `error` reply to it. */
  readonly eventId: string;
  readonly timeoutMs: number;
  readonly scheduler: SchedulerLike;
}

/**
 * Sends `session.update` and emits the effective session of the `session.updated` reply. Errors
 * with `E_SESSION_UPDATE_REJECTED` (carrying the server's message) if the server answers that
 * update with `error`, and `E_SESSION_READY_TIMEOUT` if nothing answers in time.
 */
export function updateSession(options: UpdateSessionOptions): Observable<SessionObject> {
  const { eventId } = options;
  const reply$ = options.server$.pipe(
    filter(
      (event) =>
        event.type === 'session.updated' ||
        (event.type === 'error' && event.error.event_id === eventId),
    ),
    first(),
    readyWithin(options, 'session.updated', 'session.update'),
    map((event) => {
      if (event.type === 'session.updated') return event.session;
      const detail = event.type === 'error' ? event.error : undefined;
      throw new CoreError(
        'E_SESSION_UPDATE_REJECTED',
        `the server rejected session.update: ${detail?.message ?? 'no message'}${detail?.param == null ? '' : ` (param ${detail.param})`}`,
      );
    }),
  );
  // Listen before sending: a reply may arrive inside send().
  const send$ = defer(() => {
    options.send({ type: 'session.update', event_id: eventId, session: options.session });
    return EMPTY;
  });
  return merge(reply$, send$);
}

/**
 * The opening handshake (reference §6.1): waits for `session.created` (within `timeoutMs`), then
 * {@link updateSession}. Emits `{ created, updated }` once. A second `session.created` before the
 * reply (the transport reconnected mid-handshake) starts the update over on the new server session.
 */
export function awaitSessionReady(
  options: UpdateSessionOptions,
): Observable<{ readonly created: SessionObject; readonly updated: SessionObject }> {
  return options.server$.pipe(
    filter((event): event is ServerEventOf<'session.created'> => event.type === 'session.created'),
    readyWithin(options, 'session.created', 'connecting'),
    switchMap((created) =>
      updateSession(options).pipe(map((updated) => ({ created: created.session, updated }))),
    ),
    take(1),
  );
}

/** Errors with a retryable `E_SESSION_READY_TIMEOUT` unless `awaited` comes within `timeoutMs`. */
function readyWithin<T>(
  options: Pick<UpdateSessionOptions, 'timeoutMs' | 'scheduler'>,
  awaited: string,
  since: string,
): MonoTypeOperatorFunction<T> {
  const { timeoutMs } = options;
  return timeout({
    first: timeoutMs,
    scheduler: options.scheduler,
    with: () =>
      throwError(
        () =>
          new CoreError(
            'E_SESSION_READY_TIMEOUT',
            `no ${awaited} within ${timeoutMs} ms of ${since}`,
            { retryable: true },
          ),
      ),
  });
}
