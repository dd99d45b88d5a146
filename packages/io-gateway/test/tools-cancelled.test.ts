import type { SessionEvent, ToolDefinition } from '@voxd/core';
import type { ServerEvent } from '@voxd/protocol';
import type { ScriptedTransport } from '@voxd/testing';
import { connectVoiceLiveClient, createScriptedTransport, serverEvents as ev } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import { startGateway } from '../src/start-gateway.js';
import { AGENT_SESSION, CLIENT_HEADERS, CLIENT_QUERY, GATEWAY_KEY } from './stack.js';

/**
 * What a server sends when a `response.cancel` lands while the model streams an agent call's
 * arguments (reference §6.3, §7.1): the open call is closed with the arguments so far, the item is
 * `incomplete` and the response `cancelled`.
 */
function cutCallResponse(): ServerEvent[] {
  const opened = {
    id: 'item_F1',
    object: 'realtime.item' as const,
    type: 'function_call' as const,
    name: 'get_weather',
    call_id: 'call_1',
    arguments: '',
    status: 'in_progress' as const,
  };
  const where = { response_id: 'resp_1', item_id: 'item_F1', output_index: 0, call_id: 'call_1' };
  const cut = { ...opened, arguments: '{"city":"Os', status: 'incomplete' as const };
  const done = ev.responseDone('resp_1', 'cancelled', {
    type: 'cancelled',
    reason: 'client_cancelled',
  });
  return [
    ev.responseCreated('resp_1'),
    {
      type: 'response.output_item.added',
      event_id: 'e1',
      response_id: 'resp_1',
      output_index: 0,
      item: opened,
    },
    { type: 'conversation.item.created', event_id: 'e2', previous_item_id: null, item: opened },
    { type: 'response.function_call_arguments.delta', event_id: 'e3', ...where, delta: '{"city"' },
    { type: 'response.function_call_arguments.delta', event_id: 'e4', ...where, delta: ':"Os' },
    {
      type: 'response.function_call_arguments.done',
      event_id: 'e5',
      ...where,
      name: 'get_weather',
      arguments: '{"city":"Os',
    },
    {
      type: 'response.output_item.done',
      event_id: 'e6',
      response_id: 'resp_1',
      output_index: 0,
      item: cut,
    },
    { ...done, response: { ...done.response, output: [cut] } },
  ];
}

describe('an agent tool call cut by a cancel, through the gateway', () => {
  it('runs no handler, sends nothing upstream, hides the call and lets the session settle', async () => {
    const runs: unknown[] = [];
    const tool: ToolDefinition = {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
      handler: (args) => {
        runs.push(args);
        return Promise.resolve({ temp_c: 7 });
      },
    };
    const upstreams: ScriptedTransport[] = [];
    const gateway = await startGateway({
      port: 0,
      auth: { apiKeys: [GATEWAY_KEY], bearerTokens: [] },
      session: { ...AGENT_SESSION, turn_detection: null },
      tools: [tool],
      createUpstream: () => {
        const upstream = createScriptedTransport({
          handshake: true,
          respond: (event, server) => {
            if (event.type === 'response.create') for (const e of cutCallResponse()) server.emit(e);
          },
        });
        upstreams.push(upstream);
        return upstream;
      },
    });
    const events: SessionEvent[] = [];
    gateway.sessions$.subscribe((session) => session.events$.subscribe((e) => events.push(e)));
    try {
      const client = await connectVoiceLiveClient(gateway.url, {
        query: CLIENT_QUERY,
        headers: CLIENT_HEADERS,
      });
      await client.next('session.created');
      client.send({ type: 'response.create' });
      const done = await client.next('response.done');
      expect(done.response.status).toBe('cancelled');
      // The agent's call is voxd's business: the client sees the response without it.
      expect(done.response.output).toEqual([]);
      expect(client.types().filter((t) => t !== 'session.created')).toEqual([
        'response.created',
        'response.done',
      ]);
      // Draining waits for tool round trips in flight: a dropped call leaves none behind.
      await gateway.drain({ deadlineMs: 60_000 });
      expect((await client.closed).code).toBe(1001);
      expect(runs).toEqual([]);
      const sentUpstream = upstreams[0]?.sent.map((e) => e.type);
      expect(sentUpstream).toEqual(['session.update', 'response.create']);
      expect(events.filter((e) => e.type.startsWith('tool.'))).toEqual([
        expect.objectContaining({
          type: 'tool.dropped',
          callId: 'call_1',
          name: 'get_weather',
          reason: 'response-cancelled',
          argumentsJson: '{"city":"Os',
        }),
      ]);
    } finally {
      await gateway.close();
    }
  });
});
