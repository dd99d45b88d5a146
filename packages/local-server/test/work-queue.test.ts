import { setTimeout as sleep } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { createWorkQueue } from '../src/session/work-queue.js';

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a task that holds the loop
  }
}

describe('work queue', () => {
  it('runs tasks in the order they were pushed, including tasks pushed while it runs', async () => {
    const queue = createWorkQueue();
    const ran: string[] = [];
    queue.push(() => {
      ran.push('a');
      queue.push(() => ran.push('c'));
    });
    queue.push(() => ran.push('b'));
    expect(ran).toEqual([]);
    expect(queue.size).toBe(2);
    await sleep(20);
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(queue.size).toBe(0);
  });

  it('lets timers run between slices once a slice is over its budget', async () => {
    const queue = createWorkQueue(1);
    const ran: string[] = [];
    for (const name of ['t1', 't2', 't3']) {
      queue.push(() => {
        // Set while the first task runs, the timer is due before that task ends.
        if (name === 't1') setTimeout(() => ran.push('timer'), 0);
        busy(3);
        ran.push(name);
      });
    }
    while (queue.size > 0) await sleep(5);
    // Every task is over the budget, so the queue yields after each: the timer runs next.
    expect(ran).toEqual(['t1', 'timer', 't2', 't3']);
  });

  it('keeps running later tasks after one throws', async () => {
    const queue = createWorkQueue();
    const ran: string[] = [];
    const errors: unknown[] = [];
    const onError = (error: unknown): void => {
      errors.push(error);
    };
    process.prependListener('uncaughtException', onError);
    try {
      queue.push(() => {
        throw new Error('task failed');
      });
      queue.push(() => ran.push('after'));
      await sleep(20);
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(ran).toEqual(['after']);
    expect(errors).toHaveLength(1);
  });
});
