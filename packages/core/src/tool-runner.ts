import type { SchedulerLike } from 'rxjs';
import {
  catchError,
  defaultIfEmpty,
  defer,
  finalize,
  from,
  isObservable,
  map,
  type Observable,
  of,
  take,
  tap,
  throwError,
  timeout,
} from 'rxjs';

import type { ToolDefinition } from './plugin.js';

/** The default for `ToolDefinition.timeoutMs`. */
export const DEFAULT_TOOL_TIMEOUT_MS = 10_000;

/** How one tool call ended; `output` is the text sent to the model either way. */
export interface ToolOutcome {
  readonly ok: boolean;
  readonly output: string;
  readonly error?: string;
  readonly timedOut: boolean;
}

export interface RunToolOptions {
  /** `undefined` when the model asked for a tool the session does not have. */
  readonly tool: ToolDefinition | undefined;
  readonly name: string;
  readonly callId: string;
  /** The model's arguments, as JSON text. */
  readonly argumentsJson: string;
  /** Used when the tool sets no `timeoutMs`. */
  readonly defaultTimeoutMs: number;
  readonly scheduler: SchedulerLike;
}

class ToolTimeout extends Error {}

/**
 * Runs one function call and emits exactly one {@link ToolOutcome}. Nothing throws: bad JSON, an
 * unknown tool, a handler error or a timeout all become `{"error": "…"}` outputs, so the model
 * learns what happened. The handler's `AbortSignal` fires on timeout and when the caller
 * unsubscribes first (the session closed).
 */
export function runTool(options: RunToolOptions): Observable<ToolOutcome> {
  const { tool, name, callId } = options;
  if (tool === undefined) return of(failure(`unknown tool "${name}"`));
  let args: unknown;
  try {
    args = JSON.parse(options.argumentsJson);
  } catch (error) {
    return of(failure(`arguments are not valid JSON: ${messageOf(error)}`));
  }
  const timeoutMs = tool.timeoutMs ?? options.defaultTimeoutMs;
  return defer(() => {
    const controller = new AbortController();
    let settled = false;
    return defer(() => {
      const result = tool.handler(args, { callId, signal: controller.signal });
      return isObservable(result) ? result.pipe(take(1)) : from(result);
    }).pipe(
      defaultIfEmpty(null),
      timeout({
        first: timeoutMs,
        scheduler: options.scheduler,
        with: () =>
          throwError(() => new ToolTimeout(`tool "${name}" timed out after ${timeoutMs} ms`)),
      }),
      map((value): ToolOutcome => ({ ok: true, output: toOutputText(value), timedOut: false })),
      catchError((error: unknown) => of(failure(messageOf(error), error instanceof ToolTimeout))),
      tap((outcome) => {
        settled = true;
        // A timed-out handler may still be running: tell it to stop.
        if (outcome.timedOut) controller.abort();
      }),
      finalize(() => {
        // Unsubscribed before an outcome: the session closed or lost its server session.
        if (!settled) controller.abort();
      }),
    );
  });
}

/** Tool output as the model gets it: strings as they are, anything else as JSON. */
function toOutputText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value ?? null);
}

function failure(message: string, timedOut = false): ToolOutcome {
  return { ok: false, output: JSON.stringify({ error: message }), error: message, timedOut };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
