import type { SessionEvent, ToolDefinition } from '@voxd/core';
import { createToolCalls } from '@voxd/core';
import type { ClientEvent, ServerEvent } from '@voxd/protocol';
import type { SchedulerLike } from 'rxjs';

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

const FORWARD: ToolVerdict = { action: 'forward' };
const HIDE: ToolVerdict = { action: 'hide' };

/**
 * Runs the agent's function tools inside voxd with core's tool round trip ({@link createToolCalls}:
 * a call runs only if its item completed in a response that was not cancelled; outputs go upstream
 * after that response is done, then one `response.create`). Calls to tools the agent does not have
 * are left alone: they go to the client, which may own that tool. This part only decides what the
 * client sees: the agent's calls are hidden (unless `forwardToolCalls`), and so are the server's
 * replies to the outputs voxd sent.
 */
export function createGatewayToolCalls(options: GatewayToolCallsOptions): GatewayToolCalls {
  const { tools, scheduler } = options;
  const hide = options.forwardToolCalls ? FORWARD : HIDE;
  /** Agent calls whose item is still open. */
  const agentItems = new Set<string>();
  /** Call ids of the outputs voxd sent: the `conversation.item.created` replies are not relayed. */
  const ownOutputs = new Set<string>();
  const calls = createToolCalls({
    tools,
    defaultTimeoutMs: options.defaultTimeoutMs,
    scheduler,
    emit: (event) => options.emit({ ...event, atMs: scheduler.now() }),
    send: (event) => {
      if (event.type === 'conversation.item.create' && event.item.type === 'function_call_output')
        ownOutputs.add(event.item.call_id);
      options.send(event);
    },
  });

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
          calls.handle(event);
          return hide;
        case 'response.output_item.done':
          if (event.item.type !== 'function_call' || !tools.has(event.item.name)) return FORWARD;
          agentItems.delete(event.item.id);
          calls.handle(event);
          return hide;
        case 'response.done': {
          // Core knows only the agent's calls: the client's own calls in this response stay theirs.
          calls.handle(event);
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
    pending: () => calls.pending(),
    abortAll: () => calls.abortAll(),
  };
}
