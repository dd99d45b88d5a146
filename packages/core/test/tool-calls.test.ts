import type { ScriptedTransport } from '@voxd/testing';
import { serverEvents as ev, testScheduler } from '@voxd/testing';
import type { Observable } from 'rxjs';
import { filter, firstValueFrom, map, NEVER, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';

import type { SessionPlugin, ToolDefinition } from '../src/plugin.js';
import {
  controlSent,
  describeClientEvent,
  isControl,
  msg,
  startSession,
  typesOf,
} from './support.js';

const weather = (handler: ToolDefinition['handler'], timeoutMs?: number): SessionPlugin => ({
  name: 'weather',
  tools: [
    {
      name: 'get_weather',
      parameters: { type: 'object' },
      handler,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    },
  ],
});

const call = (callId: string, args = '{"city":"Oslo"}', name = 'get_weather') =>
  msg(ev.functionCallDone('resp_1', { itemId: `item_${callId}`, callId, name, arguments: args }));

/** A response that calls get_weather once: r(esponse.created), c(all), d(one), for a marble. */
const oneCall = () => ({
  r: msg(ev.responseCreated('resp_1')),
  c: call('call_1'),
  d: msg(ev.responseDone('resp_1')),
});

/** `controlSent` as it happens, for marble assertions. */
const controlSent$ = (transport: ScriptedTransport): Observable<string> =>
  transport.sent$.pipe(filter(isControl), map(describeClientEvent));

/** The server side of a response that calls get_weather once with `args`, all at once. */
function emitOneCall(transport: ScriptedTransport, args: string): void {
  transport.emit(ev.responseCreated('resp_1'));
  transport.emit(
    ev.functionCallDone('resp_1', {
      itemId: 'item_F1',
      callId: 'call_1',
      name: 'get_weather',
      arguments: args,
    }),
  );
  transport.emit(ev.responseDone('resp_1'));
}

describe('tool calls', () => {
  it('runs the handler, then answers after response.done with the output and one response.create', () => {
    testScheduler().run(({ cold, hot, expectObservable }) => {
      const seen: unknown[] = [];
      const plugin = weather((args) => {
        seen.push(args);
        return cold('30ms (r|)', { r: { tempC: 7 } });
      });
      const inbound$ = hot('10ms (rc) 6ms d', oneCall());
      const { transport, events } = startSession({ inbound$, plugins: [plugin] });
      // The handler starts at response.done (frame 20): only then is the call known to be complete.
      expectObservable(controlSent$(transport)).toBe('50ms (oc)', {
        o: 'output call_1 {"tempC":7}',
        c: 'response.create',
      });
      return () => {
        expect(seen).toEqual([{ city: 'Oslo' }]);
        expect(events.find((e) => e.type === 'tool.result')).toMatchObject({
          callId: 'call_1',
          name: 'get_weather',
          ok: true,
          durationMs: 30,
          timedOut: false,
        });
        expect(typesOf(events).slice(2)).toEqual([
          'response.started',
          'response.done',
          'tool.call',
          'tool.result',
          'response.requested',
        ]);
      };
    });
  });

  it('reports a handler error to the model as {"error": …}, once the response is done', () => {
    testScheduler().run(({ hot, expectObservable }) => {
      const plugin = weather(() => throwError(() => new Error('weather service down')));
      const inbound$ = hot('10ms (rc) 6ms d', oneCall());
      const { transport } = startSession({ inbound$, plugins: [plugin] });
      expectObservable(controlSent$(transport)).toBe('20ms (oc)', {
        o: 'output call_1 {"error":"weather service down"}',
        c: 'response.create',
      });
    });
  });

  it('times out a slow handler on the scheduler, aborts it and reports the timeout', () => {
    testScheduler().run(({ hot, expectObservable, flush }) => {
      const signals: AbortSignal[] = [];
      const plugin = weather((_args, ctx) => {
        signals.push(ctx.signal);
        return NEVER;
      }, 100);
      const inbound$ = hot('10ms (rcd)', oneCall());
      const { transport, events } = startSession({ inbound$, plugins: [plugin] });
      expectObservable(controlSent$(transport)).toBe('110ms (oc)', {
        o: 'output call_1 {"error":"tool \\"get_weather\\" timed out after 100 ms"}',
        c: 'response.create',
      });
      flush();
      expect(signals[0]?.aborted).toBe(true);
      expect(events.find((e) => e.type === 'tool.result')).toMatchObject({
        ok: false,
        timedOut: true,
        durationMs: 100,
      });
    });
  });

  it('answers bad JSON arguments and unknown tools with errors, without running anything', () => {
    testScheduler().run(({ hot, flush }) => {
      let runs = 0;
      const plugin = weather(() => {
        runs += 1;
        return Promise.resolve('never');
      });
      const inbound$ = hot('10ms (rabd)', {
        r: msg(ev.responseCreated('resp_1')),
        a: call('call_1', '{"city":'),
        b: call('call_2', '{}', 'send_email'),
        d: msg(ev.responseDone('resp_1')),
      });
      const { transport } = startSession({ inbound$, plugins: [plugin] });
      flush();
      expect(runs).toBe(0);
      expect(controlSent(transport)).toEqual([
        expect.stringMatching(
          /^output call_1 \{"error":"arguments are not valid JSON: .+"\}$/,
        ) as string,
        'output call_2 {"error":"unknown tool \\"send_email\\""}',
        'response.create',
      ]);
    });
  });

  it('answers several calls of one response in call order, with a single response.create', () => {
    testScheduler().run(({ cold, hot, flush }) => {
      const plugin = weather((args) =>
        cold((args as { slow?: boolean }).slow === true ? '50ms (r|)' : '5ms (r|)', { r: args }),
      );
      const inbound$ = hot('10ms (rabd)', {
        r: msg(ev.responseCreated('resp_1')),
        a: call('call_1', '{"slow":true}'),
        b: call('call_2', '{"slow":false}'),
        d: msg(ev.responseDone('resp_1')),
      });
      const { transport } = startSession({ inbound$, plugins: [plugin] });
      flush();
      expect(controlSent(transport)).toEqual([
        'output call_1 {"slow":true}',
        'output call_2 {"slow":false}',
        'response.create',
      ]);
    });
  });

  it('sends nothing for a call of a cancelled response (see tool-calls-cancelled.test.ts)', () => {
    testScheduler().run(({ hot, flush }) => {
      const plugin = weather(() => Promise.resolve('unused'));
      const inbound$ = hot('10ms (rcd)', {
        r: msg(ev.responseCreated('resp_1')),
        c: call('call_1', 'not json'),
        d: msg(
          ev.responseDone('resp_1', 'cancelled', { type: 'cancelled', reason: 'turn_detected' }),
        ),
      });
      const { transport } = startSession({ inbound$, plugins: [plugin] });
      flush();
      expect(transport.sent.filter(isControl).map((e) => e.type)).toEqual([]);
    });
  });

  it('runs Promise handlers (the usual kind) to a round trip', async () => {
    const plugin = weather((args) =>
      Promise.resolve(`sunny in ${(args as { city: string }).city}`),
    );
    const { transport } = startSession({ plugins: [plugin] });
    const created = firstValueFrom(
      transport.sent$.pipe(filter((e) => e.type === 'response.create')),
    );
    emitOneCall(transport, '{"city":"Oslo"}');
    await created;
    expect(controlSent(transport)).toEqual(['output call_1 sunny in Oslo', 'response.create']);
  });

  it('aborts a running handler when the session closes, and sends nothing after', async () => {
    const signals: AbortSignal[] = [];
    const plugin = weather((_args, ctx) => {
      signals.push(ctx.signal);
      return new Promise(() => undefined);
    });
    const { transport, session } = startSession({ plugins: [plugin] });
    emitOneCall(transport, '{}');
    await session.close();
    expect(signals[0]?.aborted).toBe(true);
    expect(transport.sent.filter(isControl)).toEqual([]);
    expect(transport.sentAfterClose).toEqual([]);
  });
});
