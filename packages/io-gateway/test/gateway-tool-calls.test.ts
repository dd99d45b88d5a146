import type { SessionEvent, ToolDefinition } from '@voxd/core';
import type { ClientEvent, FunctionCallItem, ItemStatus, ServerEvent } from '@voxd/protocol';
import { serverEvents as ev, testScheduler } from '@voxd/testing';
import type { Observable, SchedulerLike } from 'rxjs';
import { map, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';

import type { ToolVerdict } from '../src/gateway-tool-calls.js';
import { createGatewayToolCalls } from '../src/gateway-tool-calls.js';

const item = (
  callId: string,
  name: string,
  args: string,
  status: ItemStatus,
): FunctionCallItem => ({
  id: `item_${callId}`,
  object: 'realtime.item',
  type: 'function_call',
  name,
  call_id: callId,
  arguments: args,
  status,
});

/** Every event of one function call, in the order of reference §6.4 (the item closed with `status`). */
function callEvents(
  callId: string,
  name: string,
  args: string,
  status: ItemStatus,
  outputIndex: number,
): ServerEvent[] {
  const where = {
    response_id: 'resp_1',
    item_id: `item_${callId}`,
    output_index: outputIndex,
    call_id: callId,
  };
  const opened = item(callId, name, '', 'in_progress');
  return [
    {
      type: 'response.output_item.added',
      event_id: `e_added_${callId}`,
      response_id: 'resp_1',
      output_index: outputIndex,
      item: opened,
    },
    {
      type: 'conversation.item.created',
      event_id: `e_created_${callId}`,
      previous_item_id: null,
      item: opened,
    },
    {
      type: 'response.function_call_arguments.delta',
      event_id: `e_delta_${callId}`,
      ...where,
      delta: args,
    },
    {
      type: 'response.function_call_arguments.done',
      event_id: `e_args_${callId}`,
      ...where,
      name,
      arguments: args,
    },
    {
      type: 'response.output_item.done',
      event_id: `e_item_${callId}`,
      response_id: 'resp_1',
      output_index: outputIndex,
      item: item(callId, name, args, status),
    },
  ];
}

function responseDone(status: 'completed' | 'cancelled', output: FunctionCallItem[]): ServerEvent {
  const done = ev.responseDone(
    'resp_1',
    status,
    status === 'cancelled' ? { type: 'cancelled', reason: 'turn_detected' } : undefined,
  );
  return { ...done, response: { ...done.response, output } };
}

function weatherTool(run$: Observable<unknown>, runs: unknown[]): ToolDefinition {
  return {
    name: 'get_weather',
    parameters: { type: 'object' },
    handler: (args) => {
      runs.push(args);
      return run$;
    },
  };
}

/** Agent tool calls with get_weather, whose runs return `run$`; what they send and emit is kept. */
function gatewayCalls(
  run$: Observable<unknown>,
  forwardToolCalls: boolean,
  scheduler: SchedulerLike,
) {
  const runs: unknown[] = [];
  const sent: ClientEvent[] = [];
  const sent$ = new Subject<ClientEvent>();
  const events: SessionEvent[] = [];
  const tools = createGatewayToolCalls({
    tools: new Map([['get_weather', weatherTool(run$, runs)]]),
    forwardToolCalls,
    defaultTimeoutMs: 1000,
    scheduler,
    emit: (event) => events.push(event),
    send: (event) => {
      sent.push(event);
      sent$.next(event);
    },
  });
  return { tools, runs, sent, sent$, events };
}

const describeSent = (event: ClientEvent): string =>
  event.type === 'conversation.item.create' && event.item.type === 'function_call_output'
    ? `output ${event.item.call_id} ${event.item.output}`
    : event.type;

describe('gateway agent tool calls', () => {
  it('drops an agent call cut by a barge-in: hidden from the client, nothing sent upstream', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const run$ = cold('5ms (r|)', { r: 'unused' });
      const { tools, runs, sent, events } = gatewayCalls(run$, false, scheduler);
      // The client's own tool completed first; the agent's call was cut mid-arguments.
      const clientCall = item('call_c', 'book_table', '{"people":2}', 'completed');
      const verdicts = [
        ...callEvents('call_c', 'book_table', '{"people":2}', 'completed', 0),
        ...callEvents('call_a', 'get_weather', '{"city":"Os', 'incomplete', 1),
      ].map((event) => tools.inspect(event).action);
      expect(verdicts).toEqual([
        ...Array<string>(5).fill('forward'),
        ...Array<string>(5).fill('hide'),
      ]);
      expect(tools.pending()).toBe(true);
      const done = tools.inspect(
        responseDone('cancelled', [
          clientCall,
          item('call_a', 'get_weather', '{"city":"Os', 'incomplete'),
        ]),
      );
      expect(done).toMatchObject({
        action: 'rewrite',
        event: { type: 'response.done', response: { output: [clientCall] } },
      });
      expect(tools.pending()).toBe(false);
      expectSubscriptions(run$.subscriptions).toBe([]);
      flush();
      expect(runs).toEqual([]);
      expect(sent).toEqual([]);
      expect(events).toEqual([
        expect.objectContaining({
          type: 'tool.dropped',
          callId: 'call_a',
          name: 'get_weather',
          reason: 'response-cancelled',
          argumentsJson: '{"city":"Os',
        }),
      ]);
    });
  });

  it('runs a completed agent call after response.done and hides the reply to its output', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const run$ = cold('20ms (r|)', { r: { temp_c: 7 } });
      const { tools, runs, sent$, events } = gatewayCalls(run$, true, scheduler);
      const verdicts: ToolVerdict['action'][] = [];
      const [added, created, delta, args, itemDone] = callEvents(
        'call_a',
        'get_weather',
        '{"city":"Oslo"}',
        'completed',
        0,
      );
      const outputCreated: ServerEvent = {
        type: 'conversation.item.created',
        event_id: 'e_output',
        previous_item_id: 'item_call_a',
        item: { id: 'item_out', type: 'function_call_output', call_id: 'call_a', output: '{}' },
      };
      const done = responseDone('completed', [
        item('call_a', 'get_weather', '{"city":"Oslo"}', 'completed'),
      ]);
      hot('10ms (abcxe) 13ms d 29ms o', {
        a: added,
        b: created,
        c: delta,
        x: args,
        e: itemDone,
        d: done,
        o: outputCreated,
      }).subscribe((event) => verdicts.push(tools.inspect(event as ServerEvent).action));
      expectObservable(sent$.pipe(map(describeSent))).toBe('50ms (oc)', {
        o: 'output call_a {"temp_c":7}',
        c: 'response.create',
      });
      // Not at the arguments (frame 10): at response.done (30), until the result.
      expectSubscriptions(run$.subscriptions).toBe('30ms ^ 19ms !');
      flush();
      expect(runs).toEqual([{ city: 'Oslo' }]);
      expect(tools.pending()).toBe(false);
      expect(events.map((e) => [e.type, e.atMs])).toEqual([
        ['tool.call', 30],
        ['tool.result', 50],
        ['response.requested', 50],
      ]);
      // forwardToolCalls shows the call to the client, never the reply to voxd's own output.
      expect(verdicts).toEqual([
        'forward',
        'forward',
        'forward',
        'forward',
        'forward',
        'forward',
        'hide',
      ]);
    });
  });
});
