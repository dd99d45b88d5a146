import { performance } from 'node:perf_hooks';
import { setImmediate } from 'node:timers';

/** Runs tasks in order, a few milliseconds at a time. */
export interface WorkQueue {
  push(task: () => void): void;
  /** Tasks waiting to run. */
  readonly size: number;
}

const DEFAULT_BUDGET_MS = 4;

/**
 * A FIFO of tasks run from `setImmediate` for at most `budgetMs` per turn of the event loop.
 * Clients that send in step (a load driver, many calls on one tick of a media clock) deliver
 * hundreds of frames in one I/O phase; handled right there, they hold the loop for tens of ms and
 * every response timer of every session waits. Through the queue, timers run between slices, and
 * frames of one session still run in the order they came.
 */
export function createWorkQueue(budgetMs = DEFAULT_BUDGET_MS): WorkQueue {
  let tasks: ((() => void) | undefined)[] = [];
  let head = 0;
  let scheduled = false;

  const run = (): void => {
    scheduled = false;
    const until = performance.now() + budgetMs;
    while (head < tasks.length) {
      const task = tasks[head];
      tasks[head++] = undefined;
      try {
        task?.();
      } catch (error) {
        // The rest still runs; the error surfaces as it would have from the socket callback.
        schedule();
        throw error;
      }
      if (head < tasks.length && performance.now() >= until) {
        if (head > 1024) {
          tasks = tasks.slice(head);
          head = 0;
        }
        schedule();
        return;
      }
    }
    tasks = [];
    head = 0;
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(run);
  };

  return {
    push(task) {
      tasks.push(task);
      schedule();
    },
    get size() {
      return tasks.length - head;
    },
  };
}

let shared: WorkQueue | undefined;

/** The queue every session of this process shares, so that sessions take turns fairly. */
export function sharedWorkQueue(): WorkQueue {
  shared ??= createWorkQueue();
  return shared;
}
