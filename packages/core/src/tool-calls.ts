import type { ClientEvent, ResponseStatus, ServerEvent } from '@voxd/protocol';
import type { SchedulerLike } from 'rxjs';
import { Subscription } from 'rxjs';

import type { FunctionCall } from './decide-function-calls.js';
import { decideFunctionCalls } from './decide-function-calls.js';
import type { ToolDefinition } from './plugin.js';
import type { SessionEventInit } from './session-event.js';
import { toolOutputEvents } from './tool-output-events.js';
import type { ToolOutcome } from './tool-runner.js';
import { runTool } from './tool-runner.js';

export interface ToolCallsOptions {
  /** The handlers, by tool name. A call to a name not here is answered with an "unknown tool" error. */
  readonly tools: ReadonlyMap<string, ToolDefinition>;
  /** Used for a tool that sets no `timeoutMs`. */
  readonly defaultTimeoutMs: number;
  readonly scheduler: SchedulerLike;
  /** Receives `tool.call`, `tool.result`, `tool.dropped` and `response.requested`. */
  readonly emit: (event: SessionEventInit) => void;
  /** Sends the `function_call_output` items and the `response.create` that answer the calls. */
  readonly send: (event: ClientEvent) => void;
}

/** Runs the function calls of each response and answers them once the response is done. */
export interface ToolCalls {
  /**
   * Follows one server event. `response.function_call_arguments.done` and a `function_call` item in
   * `response.output_item.done` record a call; `response.done` runs the calls of that response that
   * completed and drops the others. Every other event is ignored, so a caller may pass all of them,
   * or only the events of the calls it wants run.
   */
  handle(event: ServerEvent): void;
  /** Whether calls wait for their response to finish, run, or wait to be answered. */
  pending(): boolean;
  /** Aborts every running call and forgets every recorded one (reconnect, close). */
  abortAll(): void;
}

interface RunningCall {
  readonly call: FunctionCall;
  readonly startedAtMs: number;
  outcome?: ToolOutcome;
}

interface RunningResponse {
  readonly status: ResponseStatus;
  readonly calls: readonly RunningCall[];
}

/**
 * Tool round trips (reference §6.4). A handler runs only once `response.done` says which calls
 * completed ({@link decideFunctionCalls}); a cut call is reported as `tool.dropped` and gets
 * nothing sent. After every run call settled, {@link toolOutputEvents} answers them. Used by the
 * session and by the gateway, which runs an agent's tools inside a relayed session.
 */
export function createToolCalls(options: ToolCallsOptions): ToolCalls {
  const { scheduler, emit } = options;
  /** Calls recorded per response, by call id, until `response.done`. */
  const recorded = new Map<string, Map<string, FunctionCall>>();
  const running = new Set<RunningResponse>();
  let subscriptions = new Subscription();

  function record(call: FunctionCall): void {
    const calls = recorded.get(call.responseId) ?? new Map<string, FunctionCall>();
    recorded.set(call.responseId, calls);
    const known = calls.get(call.callId);
    // output_item.done follows the arguments (§6.4): it adds the item status to what is known.
    calls.set(call.callId, {
      ...call,
      argumentsJson:
        known === undefined || known.argumentsJson === ''
          ? call.argumentsJson
          : known.argumentsJson,
      status: call.status ?? known?.status,
    });
  }

  function answerWhenSettled(entry: RunningResponse): void {
    if (!running.has(entry) || entry.calls.some((run) => run.outcome === undefined)) return;
    running.delete(entry);
    const outputs = entry.calls.map(({ call, outcome }) => ({
      callId: call.callId,
      output: outcome?.output ?? '',
    }));
    for (const event of toolOutputEvents(outputs, entry.status)) {
      options.send(event);
      if (event.type === 'response.create')
        emit({ type: 'response.requested', reason: 'tool-outputs' });
    }
  }

  function start(run: RunningCall, entry: RunningResponse): void {
    const { call } = run;
    emit({
      type: 'tool.call',
      responseId: call.responseId,
      callId: call.callId,
      name: call.name,
      arguments: parseOrUndefined(call.argumentsJson),
    });
    const subscription = runTool({
      tool: options.tools.get(call.name),
      name: call.name,
      callId: call.callId,
      argumentsJson: call.argumentsJson,
      defaultTimeoutMs: options.defaultTimeoutMs,
      scheduler,
    }).subscribe((outcome) => {
      run.outcome = outcome;
      emit({
        type: 'tool.result',
        responseId: call.responseId,
        callId: call.callId,
        name: call.name,
        durationMs: scheduler.now() - run.startedAtMs,
        ok: outcome.ok,
        output: outcome.output,
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
        timedOut: outcome.timedOut,
      });
      answerWhenSettled(entry);
    });
    subscriptions.add(subscription);
  }

  function responseDone(event: Extract<ServerEvent, { type: 'response.done' }>): void {
    const { response } = event;
    const calls = recorded.get(response.id);
    if (calls === undefined) return;
    recorded.delete(response.id);
    const verdict = decideFunctionCalls([...calls.values()], response);
    for (const { call, reason } of verdict.dropped) {
      emit({
        type: 'tool.dropped',
        responseId: call.responseId,
        callId: call.callId,
        name: call.name,
        reason,
        argumentsJson: call.argumentsJson,
      });
    }
    if (verdict.run.length === 0) return;
    const now = scheduler.now();
    const entry: RunningResponse = {
      status: response.status,
      calls: verdict.run.map((call) => ({ call, startedAtMs: now })),
    };
    // Every call is in the entry before any runs: a handler may settle inside subscribe().
    running.add(entry);
    for (const run of entry.calls) start(run, entry);
  }

  return {
    handle(event) {
      switch (event.type) {
        case 'response.function_call_arguments.done':
          record({
            responseId: event.response_id,
            itemId: event.item_id,
            callId: event.call_id,
            name: event.name,
            argumentsJson: event.arguments,
            status: undefined,
          });
          return;
        case 'response.output_item.done':
          if (event.item.type !== 'function_call') return;
          record({
            responseId: event.response_id,
            itemId: event.item.id,
            callId: event.item.call_id,
            name: event.item.name,
            argumentsJson: event.item.arguments,
            status: event.item.status ?? undefined,
          });
          return;
        case 'response.done':
          responseDone(event);
          return;
        default:
          return;
      }
    },

    pending: () => recorded.size > 0 || running.size > 0,

    abortAll() {
      recorded.clear();
      running.clear();
      subscriptions.unsubscribe();
      subscriptions = new Subscription();
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
