import type { Observable } from 'rxjs';

/**
 * Collects `events$` up to and including the first event of `type`, then unsubscribes. Rejects if
 * the stream errors or completes first, naming the events seen so far.
 *
 * @example
 * const events = await collectUntil(session.events$, 'session.closed');
 * expect(events.map((e) => e.type)).toEqual([...]);
 */
export function collectUntil<TEvent extends { readonly type: string }>(
  events$: Observable<TEvent>,
  type: TEvent['type'],
): Promise<TEvent[]> {
  return new Promise<TEvent[]>((resolve, reject) => {
    const seen: TEvent[] = [];
    let done = false;
    const subscription = events$.subscribe({
      next: (event) => {
        if (done) return;
        seen.push(event);
        if (event.type !== type) return;
        done = true;
        resolve(seen);
        queueMicrotask(() => subscription.unsubscribe());
      },
      error: (error: unknown) => {
        if (done) return;
        done = true;
        reject(
          new Error(
            `stream errored before "${type}" after [${seen.map((e) => e.type).join(', ')}]`,
            {
              cause: error,
            },
          ),
        );
      },
      complete: () => {
        if (done) return;
        done = true;
        reject(
          new Error(`stream completed without "${type}": [${seen.map((e) => e.type).join(', ')}]`),
        );
      },
    });
    if (done) subscription.unsubscribe();
  });
}
