import type { SessionEvent, ToolDefinition } from '@voxd/core';
import { runTool } from '@voxd/core';
import type { ClientEvent, ResponseStatus, ServerEvent, ServerEventOf } from '@voxd/protocol';
import type { SchedulerLike } from 'rxjs';
import { Subscription } from 'rxjs';

/** What to do with one upstream event, as far as agent tools are concerned. */
export type ToolVerdict =
  | { readonly action: 'forward' }
  /** Part of an agent tool call, or the reply to an output voxd sent: not for the client. */
  | { readonly action: 'hide' }
  /** Forward this changed event instead (a `response.done` without the agent's calls). */
  | { readonly action: 'rewrite'; readonly event: ServerEvent };

export interface GatewayToolCallsOptions {
  readonly tools: ReadonlyMap<string, ToolDefinition>;
  readonly forwardToolCalls: boolean;
  readonly defaultTimeoutMs: number;
  readonly scheduler: SchedulerLike;
  readonly emit: (event: SessionEvent) => void;
  readonly send: (event: ClientEvent) => void;
}

/** Agent tool calls inside a relayed session. */
export interface GatewayToolCalls {
  /** Looks at one upstream event: starts agent tool runs, answers them, and says what to relay. */
  inspect(event: ServerEvent): ToolVerdict;
  /** Whether calls are running or waiting for their response to finish before being answered. */
  pending(): boolean;
  /** Aborts every running call (the session closed). */
  abortAll(): void;
}

interface Call {
  readonly callId: string;
  readonly name: string;
  readonly startedAtMs: number;
  output?: string;
}

const FORWARD: ToolVerdict = { action: 'forward' };
const HIDE: ToolVerdict = { action: 'hide' };

/**
 * Runs the agent's function tools inside voxd (reference §6.4). Calls to tools the agent does not
 * have are left alone: they go to the client, which may own that tool. After the response that made
 * the calls is done and every call settled, one `function_call_output` per call goes upstream, then
 * one `response.create` unless the response was cancelled or failed (the user spoke over it), as in
 * core's session. The same round trip lives in core's `tool-calls.ts`, which core does not export
 * and which cannot hide relayed events.
 */
export function createGatewayToolCalls(options: GatewayToolCallsOptions): GatewayToolCalls {
  const { tools, scheduler, emit } = options;
  const hide = options.forwardToolCalls ? FORWARD : HIDE;
  const agentItems = new Set<string>();
  const ownOutputs = new Set<string>();
  const byResponse = new Map<string, { calls: Call[]; status?: ResponseStatus }>();
  const running = new Subscription();

  function answerWhenSettled(responseId: string): void {
    const entry = byResponse.get(responseId);
    if (entry?.status === undefined || entry.calls.some((call) => call.output === undefined))
      return;
    byResponse.delete(responseId);
    for (const call of entry.calls) {
      ownOutputs.add(call.callId);
      options.send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: call.callId, output: call.output ?? '' },
      });
    }
    if (entry.status === 'completed') {
      options.send({ type: 'response.create' });
      emit({ atMs: scheduler.now(), type: 'response.requested', reason: 'tool-outputs' });
    }
  }

  function start(event: ServerEventOf<'response.function_call_arguments.done'>): void {
    const { response_id: responseId, call_id: callId, name, arguments: argumentsJson } = event;
    const entry = byResponse.get(responseId) ?? { calls: [] };
    byResponse.set(responseId, entry);
    const call: Call = { callId, name, startedAtMs: scheduler.now() };
    entry.calls.push(call);
    emit({
      atMs: call.startedAtMs,
      type: 'tool.call',
      responseId,
      callId,
      name,
      arguments: parseOrUndefined(argumentsJson),
    });
    running.add(
      runTool({
        tool: tools.get(name),
        name,
        callId,
        argumentsJson,
        defaultTimeoutMs: options.defaultTimeoutMs,
        scheduler,
      }).subscribe((outcome) => {
        call.output = outcome.output;
        emit({
          atMs: scheduler.now(),
          type: 'tool.result',
          responseId,
          callId,
          name,
          durationMs: scheduler.now() - call.startedAtMs,
          ok: outcome.ok,
          output: outcome.output,
          ...(outcome.error === undefined ? {} : { error: outcome.error }),
          timedOut: outcome.timedOut,
        });
        answerWhenSettled(responseId);
      }),
    );
  }

  return {
    inspect(event) {
      switch (event.type) {
        case 'response.output_item.added':
          if (event.item.type === 'function_call' && tools.has(event.item.name)) {
            agentItems.add(event.item.id);
            return hide;
          }
          return FORWARD;
        case 'conversation.item.created': {
          const { item } = event;
          if (item.type === 'function_call_output' && ownOutputs.delete(item.call_id)) return HIDE;
          return item.type === 'function_call' && agentItems.has(item.id) ? hide : FORWARD;
        }
        case 'response.function_call_arguments.delta':
          return agentItems.has(event.item_id) ? hide : FORWARD;
        case 'response.function_call_arguments.done':
          if (!tools.has(event.name)) return FORWARD;
          start(event);
          return hide;
        case 'response.output_item.done':
          if (event.item.type === 'function_call' && agentItems.delete(event.item.id)) return hide;
          return FORWARD;
        case 'response.done': {
          const entry = byResponse.get(event.response.id);
          if (entry !== undefined) {
            entry.status = event.response.status;
            answerWhenSettled(event.response.id);
          }
          if (options.forwardToolCalls) return FORWARD;
          const output = event.response.output.filter(
            (item) => !(item.type === 'function_call' && tools.has(item.name)),
          );
          if (output.length === event.response.output.length) return FORWARD;
          return {
            action: 'rewrite',
            event: { ...event, response: { ...event.response, output } },
          };
        }
        default:
          return FORWARD;
      }
    },
    pending: () => byResponse.size > 0,
    abortAll() {
      byResponse.clear();
      running.unsubscribe();
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
