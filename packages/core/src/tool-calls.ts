import type { ClientEvent, ResponseStatus, ServerEventOf } from '@voxd/protocol';
import type { SchedulerLike } from 'rxjs';
import { Subscription } from 'rxjs';

import type { ToolDefinition } from './plugin.js';
import type { SessionEventInit } from './session-event.js';
import type { ToolOutcome } from './tool-runner.js';
import { runTool } from './tool-runner.js';

export interface ToolCallsOptions {
  readonly tools: ReadonlyMap<string, ToolDefinition>;
  readonly defaultTimeoutMs: number;
  readonly scheduler: SchedulerLike;
  readonly emit: (event: SessionEventInit) => void;
  readonly send: (event: ClientEvent) => void;
}

/** Runs the function calls of each response and answers them once the response is done. */
export interface ToolCalls {
  /** `response.function_call_arguments.done`: starts the call at once. */
  start(event: ServerEventOf<'response.function_call_arguments.done'>): void;
  /** `response.done`: the calls of that response are answered when all have settled. */
  responseDone(responseId: string, status: ResponseStatus): void;
  /** Aborts every running call and forgets every pending answer (reconnect, close). */
  abortAll(): void;
}

interface Call {
  readonly callId: string;
  readonly name: string;
  readonly startedAtMs: number;
  outcome?: ToolOutcome;
}

interface ResponseCalls {
  readonly calls: Call[];
  status?: ResponseStatus;
}

/**
 * Tool round trips (reference §6.4): outputs go back as `conversation.item.create`
 * (`function_call_output`), one per call in call order, after the response that made the calls is
 * done; then one `response.create`, unless that response was cancelled or failed (the user spoke
 * over it or it broke, so the model should not go on by itself).
 */
export function createToolCalls(options: ToolCallsOptions): ToolCalls {
  const { scheduler, emit } = options;
  const responses = new Map<string, ResponseCalls>();
  let running = new Subscription();

  function answerWhenSettled(responseId: string): void {
    const entry = responses.get(responseId);
    if (entry?.status === undefined) return;
    if (entry.calls.some((call) => call.outcome === undefined)) return;
    responses.delete(responseId);
    for (const call of entry.calls) {
      options.send({
        type: 'conversation.item.create',
        item: {
          type: 'function_call_output',
          call_id: call.callId,
          output: call.outcome?.output ?? '',
        },
      });
    }
    if (entry.calls.length > 0 && entry.status === 'completed') {
      options.send({ type: 'response.create' });
      emit({ type: 'response.requested', reason: 'tool-outputs' });
    }
  }

  return {
    start(event) {
      const responseId = event.response_id;
      const entry = responses.get(responseId) ?? { calls: [] };
      responses.set(responseId, entry);
      const call: Call = { callId: event.call_id, name: event.name, startedAtMs: scheduler.now() };
      entry.calls.push(call);
      emit({
        type: 'tool.call',
        responseId,
        callId: call.callId,
        name: call.name,
        arguments: parseOrUndefined(event.arguments),
      });
      const subscription = runTool({
        tool: options.tools.get(event.name),
        name: event.name,
        callId: event.call_id,
        argumentsJson: event.arguments,
        defaultTimeoutMs: options.defaultTimeoutMs,
        scheduler,
      }).subscribe((outcome) => {
        call.outcome = outcome;
        emit({
          type: 'tool.result',
          responseId,
          callId: call.callId,
          name: call.name,
          durationMs: scheduler.now() - call.startedAtMs,
          ok: outcome.ok,
          output: outcome.output,
          ...(outcome.error === undefined ? {} : { error: outcome.error }),
          timedOut: outcome.timedOut,
        });
        answerWhenSettled(responseId);
      });
      running.add(subscription);
    },

    responseDone(responseId, status) {
      const entry = responses.get(responseId);
      if (entry === undefined) return;
      entry.status = status;
      answerWhenSettled(responseId);
    },

    abortAll() {
      responses.clear();
      running.unsubscribe();
      running = new Subscription();
    },
  };
}

function parseOrUndefined(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
