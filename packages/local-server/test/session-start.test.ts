/* eslint-disable @typescript-eslint/no-unsafe-return -- test frames are untyped JSON */
import { connectVoiceLiveClient, REFERENCE_SESSION_DEFAULTS } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ port: 0, pace: 'asap', responder: 'tts', seed: 7 });
});
afterAll(() => server.close());

describe('session start (§6.1)', () => {
  it('sends session.created first with the §4.1 defaults and the model of the query', async () => {
    const client = await connectVoiceLiveClient(server.url);
    const created = await client.next('session.created');
    expect(client.events[0]?.type).toBe('session.created');
    expect(created.event_id).toMatch(/^event_/);
    expect(created.session.id).toMatch(/^sess_./);
    expect(created.session).toMatchObject({
      ...REFERENCE_SESSION_DEFAULTS,
      model: 'gpt-realtime',
    });
    await client.close();
  });

  it('raises the default prefix padding to 400 ms from api-version 2026-04-10', async () => {
    const client = await connectVoiceLiveClient(server.url, {
      query: { 'api-version': '2026-07-15', model: 'gpt-realtime' },
    });
    const created = await client.next('session.created');
    expect(created.session.turn_detection.prefix_padding_ms).toBe(400);
    await client.close();
  });

  it('echoes a partial turn_detection with the defaults of its type filled in', async () => {
    const client = await connectVoiceLiveClient(server.url, {
      query: { 'api-version': '2026-07-15', model: 'gpt-realtime' },
    });
    await client.next('session.created');
    client.send({
      type: 'session.update',
      session: { turn_detection: { type: 'azure_semantic_vad', silence_duration_ms: 700 } },
    });
    const updated = await client.next('session.updated');
    expect(updated.session.turn_detection).toEqual({
      type: 'azure_semantic_vad',
      threshold: 0.5,
      prefix_padding_ms: 420,
      silence_duration_ms: 700,
      speech_duration_ms: 80,
      remove_filler_words: false,
      create_response: true,
      interrupt_response: true,
      auto_truncate: false,
    });
    await client.close();
  });

  it('describes the agent in agent mode', async () => {
    const client = await connectVoiceLiveClient(server.url, {
      query: { 'api-version': '2025-10-01', 'agent-name': 'helper', 'agent-project-name': 'proj' },
    });
    const created = await client.next('session.created');
    expect(created.session.agent).toMatchObject({
      type: 'agent',
      name: 'helper',
      agent_id: 'helper',
    });
    expect(created.session.agent.thread_id).toMatch(/^thread_/);
    client.send({ type: 'session.update', event_id: 'e1', session: { instructions: 'be brief' } });
    const error = await client.next('error');
    expect(error.error).toMatchObject({
      code: 'invalid_value',
      param: 'session.instructions',
      event_id: 'e1',
    });
    await client.close();
  });

  it('merges session.update at the top level and echoes the whole merged session', async () => {
    const client = await connectVoiceLiveClient(server.url);
    const created = await client.next('session.created');
    client.send({
      type: 'session.update',
      event_id: 'u1',
      session: { instructions: 'Be terse.', voice: 'verse' },
    });
    const updated = await client.next('session.updated');
    expect(updated.session).toEqual({
      ...created.session,
      instructions: 'Be terse.',
      voice: 'verse',
    });
    expect(updated.event_id).not.toBe('u1');
    client.send({
      type: 'session.update',
      session: { input_audio_format: 'g711_ulaw', input_audio_sampling_rate: 16000 },
    });
    const g711 = await client.next('session.updated');
    expect(g711.session).toMatchObject({
      instructions: 'Be terse.',
      input_audio_format: 'g711_ulaw',
      input_audio_sampling_rate: 8000,
    });
    await client.close();
  });

  it('refuses a model change and keeps the previous config', async () => {
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({
      type: 'session.update',
      event_id: 'm1',
      session: { model: 'gpt-4o', instructions: 'x' },
    });
    const error = await client.next('error');
    expect(error.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'session.model',
      event_id: 'm1',
    });
    client.send({ type: 'session.update', session: {} });
    const updated = await client.next('session.updated');
    expect(updated.session.instructions).toBe('');
    await client.close();
  });
});

describe('text-only response (§6.5)', () => {
  it('answers a text item with the full text sequence and consistent usage', async () => {
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({
      type: 'session.update',
      session: { modalities: ['text'], turn_detection: null },
    });
    await client.next('session.updated');
    client.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
    });
    const user = await client.next('conversation.item.created');
    expect(user.previous_item_id).toBeNull();
    expect(user.item).toMatchObject({
      type: 'message',
      role: 'user',
      status: 'completed',
      object: 'realtime.item',
    });
    client.send({ type: 'response.create' });
    const done = await client.next('response.done');
    const start = client.events.findIndex((e) => e.type === 'response.created');
    const sequence = client.types().slice(start);
    const deltas = client.events.filter((e) => e.type === 'response.text.delta');
    expect(sequence.slice(0, 4)).toEqual([
      'response.created',
      'response.output_item.added',
      'conversation.item.created',
      'response.content_part.added',
    ]);
    expect(sequence.slice(4, 4 + deltas.length).every((t) => t === 'response.text.delta')).toBe(
      true,
    );
    expect(sequence.slice(4 + deltas.length)).toEqual([
      'response.text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.done',
    ]);
    const text = deltas.map((d) => d.delta).join('');
    expect(text).toMatch(/Hi/);
    const textDone = client.events.find((e) => e.type === 'response.text.done')!;
    expect(textDone.text).toBe(text);
    const assistantCreated = client.events.filter(
      (e) => e.type === 'conversation.item.created',
    )[1]!;
    expect(assistantCreated.previous_item_id).toBe(user.item.id);
    expect(done.response).toMatchObject({
      status: 'completed',
      status_details: null,
      modalities: ['text'],
    });
    expect(done.response.output).toEqual([
      expect.objectContaining({
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'text', text }],
      }),
    ]);
    const usage = done.response.usage;
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
    expect(usage.input_tokens).toBe(
      usage.input_token_details.text_tokens + usage.input_token_details.audio_tokens,
    );
    expect(usage.output_tokens).toBeGreaterThan(0);
    await client.close();
  });
});
