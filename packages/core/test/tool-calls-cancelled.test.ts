import type { FunctionCallItem, ItemStatus, ServerEvent, StatusDetails } from '@voxd/protocol';
import type { ScriptedTransport } from '@voxd/testing';
import { serverEvents as ev, testScheduler } from '@voxd/testing';
import type { Observable } from 'rxjs';
import { filter, map } from 'rxjs';
import { describe, expect, it } from 'vitest';

import type { SessionPlugin } from '../src/plugin.js';
import type { SessionEvent } from '../src/session-event.js';
import { describeClientEvent, isControl, msg, startSession, typesOf } from './support.js';

/** One function call as the model streams it (reference §6.4). */
interface CallScript {
  readonly callId: string;
  readonly outputIndex: number;
  /** The arguments streamed before the item closed: the whole JSON, or a cut prefix. */
  readonly arguments: string;
  readonly status: ItemStatus;
}

const item = (call: CallScript): FunctionCallItem => ({
  id: `item_${call.callId}`,
  object: 'realtime.item',
  type: 'function_call',
  name: 'get_weather',
  call_id: call.callId,
  arguments: call.arguments,
  status: call.status,
});

const where = (call: CallScript) => ({
  response_id: 'resp_1',
  item_id: `item_${call.callId}`,
  output_index: call.outputIndex,
  call_id: call.callId,
});

const argumentsDelta = (call: CallScript): ServerEvent => ({
  type: 'response.function_call_arguments.delta',
  event_id: `evt_delta_${call.callId}`,
  ...where(call),
  delta: call.arguments,
});

/** How the server closes a call: the arguments streamed so far, then the item with its status. */
const closing = (call: CallScript): ServerEvent[] => [
  {
    type: 'response.function_call_arguments.done',
    event_id: `evt_args_${call.callId}`,
    ...where(call),
    name: 'get_weather',
    arguments: call.arguments,
  },
  {
    type: 'response.output_item.done',
    event_id: `evt_item_${call.callId}`,
    response_id: 'resp_1',
    output_index: call.outputIndex,
    item: item(call),
  },
];

const responseDone = (
  calls: readonly CallScript[],
  status: 'completed' | 'cancelled' | 'incomplete',
  statusDetails?: StatusDetails,
): ServerEvent => {
  const done = ev.responseDone('resp_1', status, statusDetails);
  return { ...done, response: { ...done.response, output: calls.map(item) } };
};

const CANCELLED: StatusDetails = { type: 'cancelled', reason: 'turn_detected' };
const OSLO: CallScript = {
  callId: 'call_1',
  outputIndex: 0,
  arguments: '{"city":"Oslo"}',
  status: 'completed',
};
const CUT: CallScript = {
  callId: 'call_2',
  outputIndex: 1,
  arguments: '{"city":"Ber',
  status: 'incomplete',
};

/** The weather tool; each run returns `run$` and is counted. */
function weather(run$: Observable<unknown>): { plugin: SessionPlugin; runs: unknown[] } {
  const runs: unknown[] = [];
  const plugin: SessionPlugin = {
    name: 'weather',
    tools: [
      {
        name: 'get_weather',
        parameters: { type: 'object' },
        handler: (args) => {
          runs.push(args);
          return run$;
        },
      },
    ],
  };
  return { plugin, runs };
}

/** The client events other than the handshake and audio, as they go out. */
const controlSent$ = (transport: ScriptedTransport): Observable<string> =>
  transport.sent$.pipe(filter(isControl), map(describeClientEvent));

const toolEvents = (events: readonly SessionEvent[]) =>
  events.filter((e) => e.type.startsWith('tool.') || e.type === 'response.requested');

describe('tool calls of cancelled and incomplete responses', () => {
  it('runs a completed call once response.done confirms it, then answers it (§6.4)', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const run$ = cold('30ms (r|)', { r: { tempC: 7 } });
      const { plugin, runs } = weather(run$);
      const [args, itemDone] = closing(OSLO);
      const inbound$ = hot('10ms r 9ms a 9ms i 9ms d', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(args as ServerEvent),
        i: msg(itemDone as ServerEvent),
        d: msg(responseDone([OSLO], 'completed')),
      });
      const { transport, events } = startSession({ inbound$, plugins: [plugin] });
      expectObservable(controlSent$(transport)).toBe('70ms (oc)', {
        o: 'output call_1 {"tempC":7}',
        c: 'response.create',
      });
      // Not at the arguments (frame 20) nor the item (30): at response.done, until the result.
      expectSubscriptions(run$.subscriptions).toBe('40ms ^ 29ms !');
      flush();
      expect(runs).toEqual([{ city: 'Oslo' }]);
      expect(typesOf(events).slice(2)).toEqual([
        'response.started',
        'response.done',
        'tool.call',
        'tool.result',
        'response.requested',
      ]);
      expect(events.find((e) => e.type === 'tool.result')).toMatchObject({
        callId: 'call_1',
        ok: true,
        durationMs: 30,
      });
    });
  });

  it('drops a call cut by barge-in: no handler run, no output, no response.create', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const run$ = cold('5ms (r|)', { r: 'unused' });
      const { plugin, runs } = weather(run$);
      const cut: CallScript = { ...CUT, outputIndex: 0 };
      const [args, itemDone] = closing(cut);
      // §6.3: speech_started, then the server closes the open call with the partial arguments.
      const inbound$ = hot('10ms r 4ms x 4ms s 9ms (aid)', {
        r: msg(ev.responseCreated('resp_1')),
        x: msg(argumentsDelta(cut)),
        s: msg(ev.speechStarted('item_U2', 900)),
        a: msg(args as ServerEvent),
        i: msg(itemDone as ServerEvent),
        d: msg(responseDone([cut], 'cancelled', CANCELLED)),
      });
      const { transport, events } = startSession({ inbound$, plugins: [plugin] });
      // Only the barge-in's own cancel goes out.
      expectObservable(controlSent$(transport)).toBe('20ms c', { c: 'cancel resp_1' });
      expectSubscriptions(run$.subscriptions).toBe([]);
      flush();
      expect(runs).toEqual([]);
      expect(toolEvents(events)).toEqual([
        expect.objectContaining({
          type: 'tool.dropped',
          responseId: 'resp_1',
          callId: 'call_2',
          name: 'get_weather',
          reason: 'response-cancelled',
          argumentsJson: '{"city":"Ber',
        }),
      ]);
    });
  });

  it('drops a call of a response the server cancelled without a barge-in seen here', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const run$ = cold('5ms (r|)', { r: 'unused' });
      const { plugin } = weather(run$);
      const cut: CallScript = { ...CUT, outputIndex: 0 };
      const inbound$ = hot('10ms r 9ms (aid)', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(closing(cut)[0] as ServerEvent),
        i: msg(closing(cut)[1] as ServerEvent),
        d: msg(responseDone([cut], 'cancelled', { type: 'cancelled', reason: 'client_cancelled' })),
      });
      const { transport } = startSession({ inbound$, plugins: [plugin] });
      expectObservable(transport.sent$.pipe(filter(isControl))).toBe('');
      expectSubscriptions(run$.subscriptions).toBe([]);
    });
  });

  it('runs the completed call of an incomplete response and drops the cut one', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const run$ = cold('10ms (r|)', { r: 'sunny' });
      const { plugin, runs } = weather(run$);
      // §5.1: max_output_tokens ends a response `incomplete` while its second call streams.
      const inbound$ = hot('10ms r 9ms (ab) 5ms (xy) 5ms d', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(closing(OSLO)[0] as ServerEvent),
        b: msg(closing(OSLO)[1] as ServerEvent),
        x: msg(closing(CUT)[0] as ServerEvent),
        y: msg(closing(CUT)[1] as ServerEvent),
        d: msg(
          responseDone([OSLO, CUT], 'incomplete', {
            type: 'incomplete',
            reason: 'max_output_tokens',
          }),
        ),
      });
      const { transport, events } = startSession({ inbound$, plugins: [plugin] });
      expectObservable(controlSent$(transport)).toBe('48ms (oc)', {
        o: 'output call_1 sunny',
        c: 'response.create',
      });
      expectSubscriptions(run$.subscriptions).toBe('38ms ^ 9ms !');
      flush();
      expect(runs).toEqual([{ city: 'Oslo' }]);
      const described = toolEvents(events).map((e) =>
        e.type === 'response.requested'
          ? `${e.type} ${e.reason}`
          : `${e.type} ${'callId' in e ? e.callId : ''}`,
      );
      expect(described).toEqual([
        'tool.dropped call_2',
        'tool.call call_1',
        'tool.result call_1',
        'response.requested tool-outputs',
      ]);
      expect(events.find((e) => e.type === 'tool.dropped')).toMatchObject({
        reason: 'item-incomplete',
      });
    });
  });

  it('runs neither call when a barge-in cancels the response after its first call completed', () => {
    testScheduler().run(({ cold, hot, expectObservable, expectSubscriptions, flush }) => {
      const run$ = cold('5ms (r|)', { r: 'unused' });
      const { plugin, runs } = weather(run$);
      const inbound$ = hot('10ms r 9ms (ab) 5ms s 5ms (xyd)', {
        r: msg(ev.responseCreated('resp_1')),
        a: msg(closing(OSLO)[0] as ServerEvent),
        b: msg(closing(OSLO)[1] as ServerEvent),
        s: msg(ev.speechStarted('item_U2', 900)),
        x: msg(closing(CUT)[0] as ServerEvent),
        y: msg(closing(CUT)[1] as ServerEvent),
        d: msg(responseDone([OSLO, CUT], 'cancelled', CANCELLED)),
      });
      const { transport, events } = startSession({ inbound$, plugins: [plugin] });
      expectObservable(controlSent$(transport)).toBe('29ms c', { c: 'cancel resp_1' });
      expectSubscriptions(run$.subscriptions).toBe([]);
      flush();
      expect(runs).toEqual([]);
      expect(toolEvents(events)).toEqual([
        expect.objectContaining({ type: 'tool.dropped', callId: 'call_1' }),
        expect.objectContaining({ type: 'tool.dropped', callId: 'call_2' }),
      ]);
      expect(
        toolEvents(events).every(
          (e) => e.type === 'tool.dropped' && e.reason === 'response-cancelled',
        ),
      ).toBe(true);
    });
  });
});
