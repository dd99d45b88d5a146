/* eslint-disable @typescript-eslint/no-unsafe-return -- test frames are untyped JSON */
import { connectVoiceLiveClient } from '@voxd/testing';
import type { VoiceLiveTestClient } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({
    port: 0,
    pace: 'asap',
    responder: 'tone',
    maxFrameBytes: 64 * 1024,
  });
});
afterAll(() => server.close());

async function session(): Promise<VoiceLiveTestClient> {
  const client = await connectVoiceLiveClient(server.url);
  await client.next('session.created');
  client.send({ type: 'session.update', session: { turn_detection: null } });
  await client.next('session.updated');
  return client;
}

async function errorFor(
  client: VoiceLiveTestClient,
  event: Record<string, unknown> | string,
): Promise<Record<string, unknown>> {
  if (typeof event === 'string') client.sendRaw(event);
  else client.send(event);
  const reply = await client.next('error');
  expect(reply.event_id).toMatch(/^event_/);
  return reply.error;
}

/** The session still answers: a clear gets its cleared. */
async function stillAlive(client: VoiceLiveTestClient): Promise<void> {
  client.send({ type: 'input_audio_buffer.clear' });
  await client.next('input_audio_buffer.cleared');
}

const userText = {
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text: 'hello' }],
};

describe('error events (§7.1): one error each, with the client event_id, and the session goes on', () => {
  it('unknown type', async () => {
    const client = await session();
    expect(await errorFor(client, { type: 'foo.bar', event_id: 'e1' })).toEqual({
      type: 'invalid_request_error',
      code: 'invalid_event_type',
      message: "Unknown event type 'foo.bar'",
      param: 'type',
      event_id: 'e1',
    });
    await stillAlive(client);
    await client.close();
  });

  it('not JSON, or not an object', async () => {
    const client = await session();
    expect(await errorFor(client, '{not json')).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_json',
    });
    expect(await errorFor(client, '[1,2]')).toMatchObject({ code: 'invalid_json' });
    expect(await errorFor(client, '42')).toMatchObject({ code: 'invalid_json' });
    await stillAlive(client);
    await client.close();
  });

  it('missing or ill-typed required fields', async () => {
    const client = await session();
    expect(
      await errorFor(client, { type: 'conversation.item.retrieve', event_id: 'e2' }),
    ).toMatchObject({
      code: 'missing_required_parameter',
      param: 'item_id',
      event_id: 'e2',
    });
    expect(
      await errorFor(client, {
        type: 'session.update',
        event_id: 'e3',
        session: { turn_detection: { type: 'server_vad', threshold: 5 } },
      }),
    ).toMatchObject({
      code: 'invalid_value',
      param: 'session.turn_detection.threshold',
      event_id: 'e3',
    });
    expect(
      await errorFor(client, {
        type: 'input_audio_buffer.append',
        event_id: 'e4',
        audio: 'no base64 !',
      }),
    ).toMatchObject({
      param: 'audio',
      event_id: 'e4',
    });
    expect(
      await errorFor(client, { type: 'input_audio_buffer.append', event_id: 'e5', audio: 'AAAA' }),
    ).toMatchObject({
      code: 'invalid_value',
      param: 'audio',
      event_id: 'e5',
    });
    expect(
      await errorFor(client, {
        type: 'session.update',
        event_id: 'e6',
        session: { input_audio_sampling_rate: 12345 },
      }),
    ).toMatchObject({
      code: 'invalid_value',
      param: 'session.input_audio_sampling_rate',
    });
    await stillAlive(client);
    await client.close();
  });

  it('semantic VAD types are accepted with their own fields validated', async () => {
    const client = await session();
    const td = {
      type: 'azure_semantic_vad',
      speech_duration_ms: 80,
      remove_filler_words: true,
      languages: ['en'],
    };
    client.send({ type: 'session.update', session: { turn_detection: td } });
    expect((await client.next('session.updated')).session.turn_detection).toMatchObject(td);
    expect(
      await errorFor(client, {
        type: 'session.update',
        event_id: 'v1',
        session: { turn_detection: { type: 'azure_semantic_vad_en', remove_filler_words: 'yes' } },
      }),
    ).toMatchObject({
      code: 'invalid_value',
      param: 'session.turn_detection.remove_filler_words',
      event_id: 'v1',
    });
    await client.close();
  });

  it('commit with an empty buffer', async () => {
    const client = await session();
    expect(
      await errorFor(client, { type: 'input_audio_buffer.commit', event_id: 'c1' }),
    ).toMatchObject({
      code: 'input_audio_buffer_commit_empty',
      event_id: 'c1',
    });
    await client.close();
  });

  it('retrieve, delete or truncate of an unknown item, and an unknown previous_item_id', async () => {
    const client = await session();
    for (const type of ['conversation.item.retrieve', 'conversation.item.delete']) {
      expect(await errorFor(client, { type, event_id: 'n1', item_id: 'item_nope' })).toMatchObject({
        code: 'item_not_found',
        param: 'item_id',
        event_id: 'n1',
      });
    }
    expect(
      await errorFor(client, {
        type: 'conversation.item.truncate',
        item_id: 'item_nope',
        content_index: 0,
        audio_end_ms: 0,
      }),
    ).toMatchObject({
      code: 'item_not_found',
    });
    expect(
      await errorFor(client, {
        type: 'conversation.item.create',
        event_id: 'p1',
        previous_item_id: 'item_nope',
        item: userText,
      }),
    ).toMatchObject({
      code: 'item_not_found',
      param: 'previous_item_id',
      event_id: 'p1',
    });
    await client.close();
  });

  it('truncate of a non-assistant item, or beyond the audio', async () => {
    const client = await session();
    client.send({ type: 'conversation.item.create', item: userText });
    const user = await client.next('conversation.item.created');
    expect(
      await errorFor(client, {
        type: 'conversation.item.truncate',
        item_id: user.item.id,
        content_index: 0,
        audio_end_ms: 0,
      }),
    ).toMatchObject({
      code: 'invalid_value',
      param: 'item_id',
    });
    client.send({ type: 'response.create' });
    const done = await client.next('response.done');
    const assistant = done.response.output[0];
    expect(
      await errorFor(client, {
        type: 'conversation.item.truncate',
        event_id: 't9',
        item_id: assistant.id,
        content_index: 0,
        audio_end_ms: 5000,
      }),
    ).toMatchObject({
      code: 'invalid_value',
      param: 'audio_end_ms',
      event_id: 't9',
    });
    client.send({
      type: 'conversation.item.truncate',
      item_id: assistant.id,
      content_index: 0,
      audio_end_ms: 500,
    });
    expect(await client.next('conversation.item.truncated')).toMatchObject({
      item_id: assistant.id,
      audio_end_ms: 500,
    });
    await client.close();
  });

  it('changing the voice after audio was produced', async () => {
    const client = await session();
    client.send({ type: 'session.update', session: { voice: 'verse' } });
    await client.next('session.updated');
    client.send({ type: 'response.create' });
    await client.next('response.done');
    expect(
      await errorFor(client, {
        type: 'session.update',
        event_id: 'v2',
        session: { voice: 'alloy' },
      }),
    ).toMatchObject({
      code: 'invalid_value',
      param: 'session.voice',
      event_id: 'v2',
    });
    client.send({
      type: 'session.update',
      session: { voice: 'verse', instructions: 'same voice is fine' },
    });
    expect((await client.next('session.updated')).session.voice).toBe('verse');
    await client.close();
  });

  it('an assistant message with audio cannot be created', async () => {
    const client = await session();
    const item = {
      type: 'message',
      role: 'assistant',
      content: [{ type: 'audio', transcript: 'x' }],
    };
    expect(
      await errorFor(client, { type: 'conversation.item.create', event_id: 'a1', item }),
    ).toMatchObject({ event_id: 'a1' });
    await client.close();
  });
});

describe('frames', () => {
  it('closes with 1009 on a frame over the size limit', async () => {
    const client = await session();
    client.send({ type: 'input_audio_buffer.append', audio: 'A'.repeat(100 * 1024) });
    expect((await client.closed).code).toBe(1009);
  });

  it('survives garbage: binary junk, invalid UTF-8, deep nesting, wrong types, nulls', async () => {
    const client = await session();
    const garbage: (string | Buffer)[] = [
      Buffer.from([0xff, 0xfe, 0x00, 0x01]),
      Buffer.from('{"type":"input_audio_buffer.clear"}'),
      '',
      'null',
      '{"type":null}',
      '{"type":42}',
      '{"type":"response.create","response":"now"}',
      '{"type":"conversation.item.create","item":null}',
      '{"type":"conversation.item.create","item":{"type":"message","role":"robot","content":[]}}',
      '{"type":"conversation.item.truncate","item_id":"x","audio_end_ms":-1}',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      '{"type":"session.update","session":{"modalities":["audio"]}}',
      '{"type":"session.update","session":{"tools":[{"type":"function"}]}}',
      '{"type":"input_audio.turn.end","turn_id":"t"}',
      '{"type":"session.avatar.connect","client_sdp":"x"}',
      '{"type":"response.cancel","response_id":7}',
    ];
    for (const frame of garbage) client.sendRaw(frame);
    // The binary frame holding JSON is answered first, then the final clear.
    await client.next('input_audio_buffer.cleared');
    await stillAlive(client);
    // A binary frame holding JSON is read as JSON (the second frame above).
    expect(
      client.types().filter((t) => t === 'input_audio_buffer.cleared').length,
    ).toBeGreaterThanOrEqual(2);
    expect(client.types().filter((t) => t === 'error').length).toBeGreaterThanOrEqual(
      garbage.length - 3,
    );
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    await client.close();
  });
});

describe('conversation (§5.3, Appendix A.5)', () => {
  it('keeps an ordered list: root insertion, insertion after an item, retrieve, delete', async () => {
    const client = await session();
    client.send({ type: 'conversation.item.create', item: { ...userText, id: 'item_a' } });
    expect((await client.next('conversation.item.created')).previous_item_id).toBeNull();
    client.send({ type: 'conversation.item.create', item: { ...userText, id: 'item_b' } });
    expect((await client.next('conversation.item.created')).previous_item_id).toBe('item_a');
    client.send({
      type: 'conversation.item.create',
      previous_item_id: 'root',
      item: { ...userText, id: 'item_0' },
    });
    expect((await client.next('conversation.item.created')).previous_item_id).toBeNull();
    client.send({
      type: 'conversation.item.create',
      previous_item_id: 'item_0',
      item: { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'sys' }] },
    });
    const sys = await client.next('conversation.item.created');
    expect(sys.previous_item_id).toBe('item_0');
    expect(sys.item.id).toMatch(/^item_/);
    client.send({ type: 'conversation.item.retrieve', item_id: 'item_b' });
    expect((await client.next('conversation.item.retrieved')).item).toMatchObject({
      id: 'item_b',
      object: 'realtime.item',
      role: 'user',
      status: 'completed',
    });
    client.send({ type: 'conversation.item.delete', item_id: 'item_a' });
    expect(await client.next('conversation.item.deleted')).toMatchObject({ item_id: 'item_a' });
    client.send({ type: 'conversation.item.create', item: { ...userText, id: 'item_b' } });
    expect((await client.next('error')).error).toMatchObject({
      code: 'invalid_value',
      param: 'item.id',
    });
    client.send({ type: 'response.create', response: { modalities: ['text'] } });
    const done = await client.next('response.done');
    const created = client.events.filter((e) => e.type === 'conversation.item.created').at(-1);
    expect(created.previous_item_id).toBe('item_b');
    expect(done.response.status).toBe('completed');
    await client.close();
  });
});
