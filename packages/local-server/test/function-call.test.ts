/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- test frames are untyped JSON */
import { connectVoiceLiveClient } from '@voxd/testing';
import type { VoiceLiveTestClient } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';
import { startScriptedServer } from './fixtures.js';
import { expectAudioResponse, responseEvents } from './sequences.js';

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, pace: 'asap', responder: 'tts', seed: 5 });
});
afterAll(() => server.close());

describe('function call round trip (§6.4)', () => {
  it('calls the tool the user asked about, then speaks the function output', async () => {
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({
      type: 'session.update',
      session: { tools: [weatherTool], turn_detection: null },
    });
    await client.next('session.updated');
    client.send({
      type: 'conversation.item.create',
      item: {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'What is the weather in Oslo?' }],
      },
    });
    await client.next('conversation.item.created');
    client.send({ type: 'response.create' });
    const done = await client.next('response.done');
    const events = responseEvents(client.events, done.response.id);
    const types = events.map((e) => e.type);
    const deltas = events.filter((e) => e.type === 'response.function_call_arguments.delta');
    expect(types).toEqual([
      'response.created',
      'response.output_item.added',
      'conversation.item.created',
      ...deltas.map(() => 'response.function_call_arguments.delta'),
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.done',
    ]);
    const added = events[1];
    expect(added.item).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '',
      status: 'in_progress',
    });
    expect(added.item.call_id).toMatch(/^call_/);
    const argsDone = events.find((e) => e.type === 'response.function_call_arguments.done');
    expect(argsDone).toMatchObject({
      name: 'get_weather',
      call_id: added.item.call_id,
      item_id: added.item.id,
      output_index: 0,
    });
    expect(argsDone).not.toHaveProperty('content_index');
    expect(argsDone.arguments).toBe(deltas.map((d) => d.delta).join(''));
    expect(JSON.parse(argsDone.arguments)).toEqual({ city: 'Oslo' });
    expect(done.response.output).toEqual([
      expect.objectContaining({
        type: 'function_call',
        status: 'completed',
        arguments: argsDone.arguments,
      }),
    ]);
    client.send({
      type: 'conversation.item.create',
      previous_item_id: added.item.id,
      item: { type: 'function_call_output', call_id: added.item.call_id, output: '{"temp_c":7}' },
    });
    const output = await client.next('conversation.item.created');
    expect(output).toMatchObject({
      previous_item_id: added.item.id,
      item: { type: 'function_call_output', output: '{"temp_c":7}' },
    });
    expect(client.types().filter((t) => t === 'response.created')).toHaveLength(1);
    client.send({ type: 'response.create' });
    const spoken = await client.next('response.done');
    const { transcript } = expectAudioResponse(responseEvents(client.events, spoken.response.id), {
      bytesPerSample: 2,
      sampleRate: 24000,
    });
    expect(transcript).toContain('{"temp_c":7}');
    await client.close();
  });

  it('plays a scripted call and a scripted error', async () => {
    await using scripted = await startScriptedServer(
      's.jsonl',
      '{"call":{"name":"lookup","arguments":{"id":42}}}\n{"error":{"code":"model_overloaded","message":"try later"}}\n',
    );
    const client = await connectVoiceLiveClient(scripted.url);
    await client.next('session.created');
    client.send({ type: 'response.create' });
    const call = await client.next('response.function_call_arguments.done');
    expect(call).toMatchObject({ name: 'lookup', arguments: '{"id":42}' });
    await client.next('response.done');
    client.send({ type: 'response.create' });
    const error = await client.next('error');
    expect(error.error).toMatchObject({ type: 'server_error', code: 'model_overloaded' });
    const failed = await client.next('response.done');
    expect(failed.response).toMatchObject({
      status: 'failed',
      status_details: { type: 'failed', error: { code: 'model_overloaded' } },
    });
    await client.close();
  });
});

/** Opens a session and asks for a text-only response with `overrides` of its fields (§5.2). */
async function openWithTextResponse(
  overrides: Record<string, unknown>,
): Promise<VoiceLiveTestClient> {
  const client = await connectVoiceLiveClient(server.url);
  await client.next('session.created');
  client.send({ type: 'response.create', response: { modalities: ['text'], ...overrides } });
  return client;
}

describe('response.create overrides (§5.2)', () => {
  it('speaks a pre-generated message exactly, out of band responses stay out of the conversation', async () => {
    const client = await openWithTextResponse({
      metadata: { purpose: 'greeting' },
      pre_generated_assistant_message: {
        type: 'message',
        role: 'assistant',
        content: [{ type: 'text', text: 'Welcome to voxd!' }],
      },
    });
    const done = await client.next('response.done');
    expect(done.response).toMatchObject({
      status: 'completed',
      modalities: ['text'],
      metadata: { purpose: 'greeting' },
    });
    expect(done.response.output[0].content).toEqual([{ type: 'text', text: 'Welcome to voxd!' }]);
    client.send({
      type: 'response.create',
      response: { conversation: 'none', modalities: ['text'] },
    });
    const oob = await client.next('response.done');
    expect(oob.response.conversation_id).toBeNull();
    const createdItems = client.events.filter((e) => e.type === 'conversation.item.created');
    expect(createdItems).toHaveLength(1);
    await client.close();
  });

  it('uses input_items as the whole context and honours max_output_tokens', async () => {
    const client = await openWithTextResponse({
      max_output_tokens: 3,
      input_items: [
        {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Tell me a long story about the sea and the wind' },
          ],
        },
      ],
    });
    const done = await client.next('response.done');
    expect(done.response.status).toBe('incomplete');
    expect(done.response.status_details).toEqual({
      type: 'incomplete',
      reason: 'max_output_tokens',
    });
    expect(done.response.output[0].status).toBe('incomplete');
    expect(done.response.output[0].content[0].text.length).toBeLessThanOrEqual(12);
    await client.close();
  });

  it('fails every Nth response as an injected fault, and the session goes on', async () => {
    await using faulty = await startLocalServer({
      port: 0,
      pace: 'asap',
      responder: 'tone',
      faults: { errorEvery: 2, rateLimits: true },
    });
    const client = await connectVoiceLiveClient(faulty.url);
    await client.next('session.created');
    client.send({ type: 'response.create' });
    expect((await client.next('response.done')).response.status).toBe('completed');
    expect(client.types()).toContain('rate_limits.updated');
    client.send({ type: 'response.create' });
    expect((await client.next('response.done')).response.status).toBe('failed');
    client.send({ type: 'response.create' });
    expect((await client.next('response.done')).response.status).toBe('completed');
    await client.close();
  });
});
