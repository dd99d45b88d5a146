import type { IncomingMessage } from 'node:http';

import type { SchedulerLike } from 'rxjs';

/** Upper bound on what is kept of a rejected upgrade's body: an error message, not a download. */
const MAX_BODY_BYTES = 8 * 1024;

/**
 * Reads (at most 8 KiB of) the body of a non-101 upgrade response, so the server's JSON error
 * message can go into the error. Resolves with what arrived by `timeoutMs`, never rejects.
 */
export function readRejectionBody(
  response: IncomingMessage,
  timeoutMs: number,
  scheduler: SchedulerLike,
): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      timer.unsubscribe();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const timer = scheduler.schedule(finish, timeoutMs);
    response.on('data', (chunk: Buffer) => {
      if (size >= MAX_BODY_BYTES) return;
      const kept = chunk.subarray(0, MAX_BODY_BYTES - size);
      chunks.push(kept);
      size += kept.length;
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
}
