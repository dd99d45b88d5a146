/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- test frames are untyped JSON */
import type { ToolDefinition } from '@voxd/core';
import { connectVoiceLiveClient } from '@voxd/testing';
import type { VoiceLiveTestClient, WireEvent } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Stack } from './stack.js';
import { AGENT_SESSION, CLIENT_HEADERS, CLIENT_QUERY, startStack } from './stack.js';

const calls: unknown[] = [];
const TOOLS: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    handler: (args) => {
      calls.push(args);
      return Promise.resolve({ temp_c: 7, sky: 'cloudy' });
    },
  },
  {
    name: 'get_rain',
    description: 'Rain forecast for tomorrow',
    parameters: { type: 'object', properties: {} },
    handler: () => Promise.reject(new Error('forecast service unreachable')),
  },
];

const SESSION = { ...AGENT_SESSION, turn_detection: null };

const userText = (text: string): Record<string, unknown> => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

async function ask(client: VoiceLiveTestClient, text: string): Promise<WireEvent[]> {
  client.send(userText(text));
  await client.next('conversation.item.created');
  client.send({ type: 'response.create' });
  const first = await client.next('response.done');
  const second = await client.next('response.done');
  return [first, second];
}

describe('agent tools run in voxd', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      session: SESSION,
      tools: TOOLS,
      allowClientSessionFields: ['tools'],
    });
  });
  afterAll(() => stack.close());

  it('runs the tool, hides its call from the client and speaks the answer', async () => {
    const client = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    const created = await client.next('session.created');
    expect(created.session.tools.map((t: WireEvent) => t.name)).toEqual([
      'get_weather',
      'get_rain',
    ]);
    const [first, second] = await ask(client, 'What is the weather in Oslo?');
    expect(calls).toEqual([{ city: 'Oslo' }]);
    // The calling response reaches the client without the agent's call in it.
    expect(first.response.output).toEqual([]);
    expect(second.response.status).toBe('completed');
    expect(second.response.output[0]).toMatchObject({ type: 'message', role: 'assistant' });
    const types = client.types();
    expect(types).not.toContain('response.function_call_arguments.delta');
    expect(types).not.toContain('response.function_call_arguments.done');
    const items = client.events.filter((e) =>
      [
        'conversation.item.created',
        'response.output_item.added',
        'response.output_item.done',
      ].includes(e.type),
    );
    expect(items.every((e) => e.item.type === 'message')).toBe(true);
    expect(types.filter((t) => t === 'response.audio.delta').length).toBeGreaterThan(0);

    const events = stack.events.get(stack.sessions.at(-1)?.id ?? '') ?? [];
    const toolEvents = events.filter((e) =>
      ['tool.call', 'tool.result', 'response.requested'].includes(e.type),
    );
    expect(toolEvents).toEqual([
      expect.objectContaining({
        type: 'tool.call',
        name: 'get_weather',
        arguments: { city: 'Oslo' },
      }),
      expect.objectContaining({
        type: 'tool.result',
        name: 'get_weather',
        ok: true,
        output: '{"temp_c":7,"sky":"cloudy"}',
        timedOut: false,
      }),
      expect.objectContaining({ type: 'response.requested', reason: 'tool-outputs' }),
    ]);
    await client.close();
  });

  it('answers the model with the error when a tool fails, and the session goes on', async () => {
    const client = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    await client.next('session.created');
    const [, second] = await ask(client, 'Will it rain tomorrow?');
    expect(second.response.status).toBe('completed');
    const events = stack.events.get(stack.sessions.at(-1)?.id ?? '') ?? [];
    const result = events.find((e) => e.type === 'tool.result');
    expect(result).toMatchObject({
      name: 'get_rain',
      ok: false,
      output: JSON.stringify({ error: 'forecast service unreachable' }),
    });
    await client.close();
  });

  it("forwards calls to the client's own tools and relays the client's output", async () => {
    const client = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    await client.next('session.created');
    client.send({
      type: 'session.update',
      session: {
        tools: [
          {
            type: 'function',
            name: 'book_table',
            parameters: { type: 'object', properties: { people: { type: 'integer' } } },
          },
        ],
      },
    });
    const updated = await client.next('session.updated');
    expect(updated.session.tools.map((t: WireEvent) => t.name)).toEqual([
      'get_weather',
      'get_rain',
      'book_table',
    ]);
    client.send(userText('Please book a table for us.'));
    await client.next('conversation.item.created');
    client.send({ type: 'response.create' });
    const call = await client.next('response.function_call_arguments.done');
    expect(call.name).toBe('book_table');
    await client.next('response.done');
    client.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: call.call_id, output: '{"booked":true}' },
    });
    const output = await client.until(
      (e) => e.type === 'conversation.item.created' && e.item.type === 'function_call_output',
    );
    expect(output.item.call_id).toBe(call.call_id);
    await client.close();
  });
});

describe('forwardToolCalls', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ session: SESSION, tools: TOOLS, forwardToolCalls: true });
  });
  afterAll(() => stack.close());

  it("shows the agent's calls to the client but still runs and answers them in voxd", async () => {
    const client = await connectVoiceLiveClient(stack.gateway.url, {
      query: CLIENT_QUERY,
      headers: CLIENT_HEADERS,
    });
    await client.next('session.created');
    const [first, second] = await ask(client, 'What is the weather in Bergen?');
    expect(first.response.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather' });
    expect(client.types()).toContain('response.function_call_arguments.done');
    expect(second.response.status).toBe('completed');
    // The output item voxd created is its own request's reply: never relayed.
    const outputs = client.events.filter(
      (e) => e.type === 'conversation.item.created' && e.item.type === 'function_call_output',
    );
    expect(outputs).toEqual([]);
    await client.close();
  });
});
