import type { ItemStatus, ResponseObject, ResponseStatus } from '@voxd/protocol';
import { describe, expect, it } from 'vitest';

import type { FunctionCall } from '../src/decide-function-calls.js';
import { decideFunctionCalls } from '../src/decide-function-calls.js';
import { toolOutputEvents } from '../src/tool-output-events.js';

const call = (callId: string, status: ItemStatus | undefined): FunctionCall => ({
  responseId: 'resp_1',
  itemId: `item_${callId}`,
  callId,
  name: 'get_weather',
  argumentsJson: '{}',
  status,
});

const response = (
  status: ResponseStatus,
  finalStatuses: Readonly<Record<string, ItemStatus | undefined>> = {},
): ResponseObject => ({
  id: 'resp_1',
  object: 'realtime.response',
  status,
  output: Object.entries(finalStatuses).map(([callId, itemStatus]) => ({
    id: `item_${callId}`,
    type: 'function_call' as const,
    name: 'get_weather',
    call_id: callId,
    arguments: '{}',
    ...(itemStatus === undefined ? {} : { status: itemStatus }),
  })),
});

const ids = (verdict: ReturnType<typeof decideFunctionCalls>) => ({
  run: verdict.run.map((c) => c.callId),
  dropped: verdict.dropped.map(({ call: c, reason }) => `${c.callId} ${reason}`),
});

describe('decideFunctionCalls', () => {
  it('runs completed calls in call order and drops incomplete ones', () => {
    const calls = [call('a', 'completed'), call('b', 'incomplete'), call('c', 'completed')];
    expect(ids(decideFunctionCalls(calls, response('incomplete')))).toEqual({
      run: ['a', 'c'],
      dropped: ['b item-incomplete'],
    });
  });

  it('drops every call of a cancelled response, completed ones too', () => {
    const calls = [call('a', 'completed'), call('b', 'incomplete')];
    expect(ids(decideFunctionCalls(calls, response('cancelled')))).toEqual({
      run: [],
      dropped: ['a response-cancelled', 'b response-cancelled'],
    });
  });

  it("takes the item status of response.output over output_item.done's", () => {
    const calls = [call('a', 'completed'), call('b', 'in_progress')];
    const done = response('incomplete', { a: 'incomplete', b: 'completed' });
    expect(ids(decideFunctionCalls(calls, done))).toEqual({
      run: ['b'],
      dropped: ['a item-incomplete'],
    });
  });

  it('trusts a completed response when the server reports no item status, and only then', () => {
    const calls = [call('a', undefined)];
    expect(ids(decideFunctionCalls(calls, response('completed', { a: undefined })))).toEqual({
      run: ['a'],
      dropped: [],
    });
    expect(ids(decideFunctionCalls(calls, response('incomplete')))).toEqual({
      run: [],
      dropped: ['a item-incomplete'],
    });
  });
});

describe('toolOutputEvents', () => {
  const outputs = [
    { callId: 'call_1', output: '{"temp_c":7}' },
    { callId: 'call_2', output: '' },
  ];

  it('sends one output item per call in order, then one response.create', () => {
    expect(toolOutputEvents(outputs, 'completed')).toEqual([
      {
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: 'call_1', output: '{"temp_c":7}' },
      },
      {
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: 'call_2', output: '' },
      },
      { type: 'response.create' },
    ]);
    expect(toolOutputEvents(outputs, 'incomplete').map((e) => e.type)).toEqual([
      'conversation.item.create',
      'conversation.item.create',
      'response.create',
    ]);
  });

  it('asks for no new response after a failed response, or with nothing to answer', () => {
    expect(toolOutputEvents(outputs, 'failed').map((e) => e.type)).toEqual([
      'conversation.item.create',
      'conversation.item.create',
    ]);
    expect(toolOutputEvents([], 'completed')).toEqual([]);
  });
});
