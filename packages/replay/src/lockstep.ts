import { setImmediate as nextTurn } from 'node:timers/promises';

import type { Transport, TransportMessage, TransportStatus } from '@voxd/core';
import type { LocalServer } from '@voxd/local-server';
import { Observable } from 'rxjs';
import type { SchedulerLike } from 'rxjs';

/** The latency model: how long (virtual ms) a response's events take to reach voxd. */
export interface LatencyModel {
  readonly firstAudioMs: number;
  readonly jitterMs: number;
  /** A seeded source of numbers in [0, 1). */
  readonly random: () => number;
}

/** A transport to the embedded server that can wait until both ends have nothing left to do. */
export interface Lockstep {
  readonly transport: Transport;
  /**
   * Resolves once every frame voxd sent has been handled by the server, the server has nothing
   * running (no response, no transcription) and voxd has received every event it sent. While the
   * transport is (re)connecting it waits for the new session. This is what makes a replay
   * deterministic: the virtual clock only moves when the real sockets are quiet.
   */
  settle(): Promise<void>;
}

/**
 * Wraps the real Voice Live transport of a replayed session: counts what goes each way on the
 * current connection, and holds a response's events back on the virtual clock (latency model).
 */
export function createLockstep(
  inner: Transport,
  server: LocalServer,
  options: { readonly scheduler: SchedulerLike; readonly latency?: LatencyModel },
): Lockstep {
  const { scheduler, latency } = options;
  let status: TransportStatus['type'] = 'connecting';
  let sent = 0;
  let received = 0;
  let serverSessionId: string | undefined;

  const status$ = new Observable<TransportStatus>((subscriber) =>
    inner.status$.subscribe({
      next: (value) => {
        status = value.type;
        if (value.type === 'open') {
          sent = 0;
          received = 0;
          serverSessionId = undefined;
        }
        subscriber.next(value);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  );

  const messages$ = new Observable<TransportMessage>((subscriber) => {
    const held: TransportMessage[] = [];
    let holdUntilMs = -1;
    let release: { unsubscribe(): void } | undefined;
    const deliver = (message: TransportMessage): void => {
      if (held.length === 0 && scheduler.now() >= holdUntilMs) subscriber.next(message);
      else {
        held.push(message);
        release ??= scheduler.schedule(() => {
          release = undefined;
          for (const m of held.splice(0)) subscriber.next(m);
        }, holdUntilMs - scheduler.now());
      }
    };
    const subscription = inner.messages$.subscribe({
      next: (message) => {
        received++;
        if (message.kind === 'event') {
          const { event } = message;
          if (event.type === 'session.created') serverSessionId = event.session.id;
          if (event.type === 'response.created' && latency !== undefined) {
            const delayMs = latency.firstAudioMs + Math.floor(latency.random() * latency.jitterMs);
            if (delayMs > 0) holdUntilMs = Math.max(holdUntilMs, scheduler.now() + delayMs);
          }
        }
        deliver(message);
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    });
    return () => {
      release?.unsubscribe();
      subscription.unsubscribe();
    };
  });

  const transport: Transport = {
    messages$,
    status$,
    send(event) {
      if (status === 'open') sent++;
      inner.send(event);
    },
    close: (code) => inner.close(code),
  };

  const quiet = (): boolean => {
    if (status === 'closed') return true;
    if (status !== 'open' || serverSessionId === undefined) return false;
    const state = server.sessions().find((s) => s.id === serverSessionId);
    if (state === undefined) return false;
    return state.idle && state.framesReceived === sent && state.eventsSent === received;
  };

  return {
    transport,
    async settle() {
      // Most steps of the clock send nothing (a frame the session buffers, a playhead step): then
      // both ends are already quiet and the clock moves on without a turn of the event loop.
      if (quiet()) return;
      // Spin on the event loop (cheap: a turn per check); back off to 1 ms timers when waiting
      // on something slow in real time (a reconnect's backoff, a delayed session.created).
      for (let spins = 0; ; spins++) {
        await (spins < 200 ? nextTurn() : new Promise((resolve) => setTimeout(resolve, 1)));
        if (quiet()) return;
      }
    },
  };
}
