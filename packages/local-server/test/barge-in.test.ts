/* eslint-disable @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument -- test frames are untyped JSON */
import { connectVoiceLiveClient } from '@voxd/testing';
import type { VoiceLiveTestClient } from '@voxd/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalServer } from '../src/local-server.js';
import { startLocalServer } from '../src/local-server.js';
import { byteAppends, loadFixture } from './fixtures.js';

let server: LocalServer;
beforeAll(async () => {
  // Real-time pacing: the tone answer streams for about a second, long enough to interrupt.
  server = await startLocalServer({ port: 0, pace: 'realtime', responder: 'tone', seed: 3 });
});
afterAll(() => server.close());

async function firstTurn(client: VoiceLiveTestClient, autoTruncate: boolean): Promise<void> {
  const { bytes } = await loadFixture('weather-24k.wav');
  await client.next('session.created');
  client.send({
    type: 'session.update',
    session: {
      turn_detection: { type: 'server_vad', silence_duration_ms: 500, auto_truncate: autoTruncate },
    },
  });
  await client.next('session.updated');
  for (const audio of byteAppends(bytes.subarray(0, 48 * 3400), 48))
    client.send({ type: 'input_audio_buffer.append', audio });
  await client.next('response.audio.delta');
}

async function interrupt(client: VoiceLiveTestClient): Promise<void> {
  const { bytes } = await loadFixture('barge-in-24k.wav');
  for (const audio of byteAppends(bytes.subarray(48 * 2300, 48 * 3500), 48))
    client.send({ type: 'input_audio_buffer.append', audio });
}

describe('barge-in (§6.3)', () => {
  it('cancels the running response with every closing event, then auto-truncates what was heard', async () => {
    const client = await connectVoiceLiveClient(server.url);
    await firstTurn(client, true);
    await interrupt(client);
    const started = await client.next('input_audio_buffer.speech_started');
    const done = await client.next('response.done');
    const truncated = await client.next('conversation.item.truncated');
    const types = client.types();
    const from = types.lastIndexOf('input_audio_buffer.speech_started');
    expect(types.slice(from)).toEqual([
      'input_audio_buffer.speech_started',
      'response.audio.done',
      'response.audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.done',
      'conversation.item.truncated',
    ]);
    expect(started.item_id).toMatch(/^item_/);
    expect(done.response.status).toBe('cancelled');
    expect(done.response.status_details).toEqual({ type: 'cancelled', reason: 'turn_detected' });
    const itemDone = client.events.filter((e) => e.type === 'response.output_item.done').at(-1);
    expect(itemDone.item.status).toBe('incomplete');
    const assistantId = itemDone.item.id;
    const sentBytes = client.events
      .filter((e) => e.type === 'response.audio.delta' && e.item_id === assistantId)
      .reduce((n, e) => n + Buffer.from(e.delta, 'base64').length, 0);
    const sentMs = sentBytes / 48;
    expect(truncated).toMatchObject({ item_id: assistantId, content_index: 0 });
    expect(truncated.audio_end_ms).toBeGreaterThanOrEqual(0);
    expect(truncated.audio_end_ms).toBeLessThanOrEqual(Math.ceil(sentMs));
    const transcriptDone = client.events
      .filter((e) => e.type === 'response.audio_transcript.done')
      .at(-1);
    const deltas = client.events.filter(
      (e) => e.type === 'response.audio_transcript.delta' && e.item_id === assistantId,
    );
    expect(transcriptDone.transcript).toBe(deltas.map((d) => d.delta).join(''));
    client.send({ type: 'conversation.item.retrieve', item_id: assistantId });
    const retrieved = await client.next('conversation.item.retrieved');
    const audio = Buffer.from(retrieved.item.content[0].audio, 'base64');
    expect(Math.abs(audio.length / 48 - truncated.audio_end_ms)).toBeLessThanOrEqual(1);
    expect(retrieved.item.content[0].transcript.length).toBeLessThanOrEqual(
      transcriptDone.transcript.length,
    );
    await client.close();
  });

  it('without auto_truncate leaves truncation to the client, which may cut at the played position', async () => {
    const client = await connectVoiceLiveClient(server.url);
    await firstTurn(client, false);
    await interrupt(client);
    await client.next('input_audio_buffer.speech_started');
    await client.next('response.done');
    const itemDone = client.events.filter((e) => e.type === 'response.output_item.done').at(-1);
    client.send({
      type: 'conversation.item.truncate',
      event_id: 't1',
      item_id: itemDone.item.id,
      content_index: 0,
      audio_end_ms: 0,
    });
    const truncated = await client.next('conversation.item.truncated');
    expect(truncated).toMatchObject({
      item_id: itemDone.item.id,
      content_index: 0,
      audio_end_ms: 0,
    });
    expect(client.types().filter((t) => t === 'conversation.item.truncated')).toHaveLength(1);
    await client.close();
  });

  it('keeps streaming when interrupt_response is false, and answers the new turn afterwards', async () => {
    const client = await connectVoiceLiveClient(server.url);
    const { bytes } = await loadFixture('weather-24k.wav');
    await client.next('session.created');
    client.send({
      type: 'session.update',
      session: { turn_detection: { type: 'server_vad', interrupt_response: false } },
    });
    await client.next('session.updated');
    for (const audio of byteAppends(bytes.subarray(0, 48 * 3400), 48))
      client.send({ type: 'input_audio_buffer.append', audio });
    await client.next('response.audio.delta');
    for (const audio of byteAppends(bytes.subarray(48 * 3400), 48))
      client.send({ type: 'input_audio_buffer.append', audio });
    for (const audio of byteAppends(new Uint8Array(48_000), 48))
      client.send({ type: 'input_audio_buffer.append', audio });
    const first = await client.next('response.done');
    const second = await client.next('response.done');
    expect(first.response.status).toBe('completed');
    expect(second.response.status).toBe('completed');
    await client.close();
  });

  it('speech while nothing is running cancels nothing', async () => {
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({
      type: 'session.update',
      session: { turn_detection: { type: 'server_vad', create_response: false } },
    });
    await client.next('session.updated');
    await interrupt(client);
    await client.next('input_audio_buffer.speech_started');
    client.send({ type: 'input_audio_buffer.clear' });
    await client.next('input_audio_buffer.cleared');
    expect(client.types()).not.toContain('response.done');
    await client.close();
  });
});

describe('response.cancel', () => {
  it('ends the response with client_cancelled and the closing events; a second cancel is an error', async () => {
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({ type: 'session.update', session: { turn_detection: null } });
    await client.next('session.updated');
    client.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
    });
    client.send({ type: 'response.create' });
    await client.next('response.audio.delta');
    client.send({ type: 'response.cancel', event_id: 'x1' });
    const done = await client.next('response.done');
    expect(done.response.status_details).toEqual({ type: 'cancelled', reason: 'client_cancelled' });
    const types = client.types();
    expect(types.slice(types.indexOf('response.audio.done'))).toEqual([
      'response.audio.done',
      'response.audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.done',
    ]);
    client.send({ type: 'response.cancel', event_id: 'x2' });
    const error = await client.next('error');
    expect(error.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'response_cancel_not_active',
      event_id: 'x2',
    });
    await client.close();
  });

  it('refuses a second response.create with cancel_previous false, and replaces the running one by default', async () => {
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({ type: 'session.update', session: { turn_detection: null } });
    await client.next('session.updated');
    client.send({ type: 'response.create' });
    const created = await client.next('response.created');
    client.send({ type: 'response.create', event_id: 'r2', response: { cancel_previous: false } });
    const error = await client.next('error');
    expect(error.error).toMatchObject({
      code: 'conversation_already_has_active_response',
      event_id: 'r2',
    });
    client.send({ type: 'response.create', event_id: 'r3' });
    const firstDone = await client.next('response.done');
    expect(firstDone.response).toMatchObject({ id: created.response.id, status: 'cancelled' });
    const secondDone = await client.next('response.done');
    expect(secondDone.response.status).toBe('completed');
    await client.close();
  });
});
