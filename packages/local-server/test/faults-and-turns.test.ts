/* eslint-disable @typescript-eslint/no-unsafe-argument -- test frames are untyped JSON */
import { connectVoiceLiveClient } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import { startLocalServer } from '../src/local-server.js';
import { byteAppends, loadFixture } from './fixtures.js';

describe('fault injection', () => {
  it('drops the socket without a close frame after N server events', async () => {
    await using server = await startLocalServer({
      port: 0,
      pace: 'asap',
      responder: 'tone',
      faults: { dropAfterEvents: 3 },
    });
    const client = await connectVoiceLiveClient(server.url);
    client.send({ type: 'response.create' });
    const { code } = await client.closed;
    expect(code).toBe(1006);
    expect(client.events).toHaveLength(3);
  });

  it('holds session.created back by delayMs', async () => {
    await using server = await startLocalServer({
      port: 0,
      responder: 'tone',
      faults: { delayMs: 200 },
    });
    const opened = performance.now();
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    expect(performance.now() - opened).toBeGreaterThanOrEqual(150);
    await client.close();
  });

  it('sends session.created first even when the client spoke before it', async () => {
    await using server = await startLocalServer({
      port: 0,
      responder: 'tone',
      faults: { delayMs: 200 },
    });
    const client = await connectVoiceLiveClient(server.url);
    client.send({ type: 'session.update', session: { instructions: 'early' } });
    client.send({ type: 'foo.bar', event_id: 'early-2' });
    const updated = await client.next('session.updated');
    await client.next('error');
    expect(client.types().slice(0, 3)).toEqual(['session.created', 'session.updated', 'error']);
    expect(updated.session.instructions).toBe('early');
    await client.close();
  });
});

describe('input_audio.turn.* and output_audio_buffer.clear', () => {
  it('maps turn append/end to buffer append and commit', async () => {
    await using server = await startLocalServer({ port: 0, pace: 'asap', responder: 'tone' });
    const { bytes } = await loadFixture('weather-24k.wav');
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    client.send({ type: 'session.update', session: { turn_detection: null } });
    await client.next('session.updated');
    client.send({ type: 'input_audio.turn.start', turn_id: 't1' });
    for (const audio of byteAppends(bytes.subarray(0, 48 * 1000), 48))
      client.send({ type: 'input_audio.turn.append', turn_id: 't1', audio });
    client.send({ type: 'input_audio.turn.end', turn_id: 't1' });
    const committed = await client.next('input_audio_buffer.committed');
    const created = await client.next('conversation.item.created');
    expect(created.item.id).toBe(committed.item_id);
    client.send({ type: 'conversation.item.retrieve', item_id: committed.item_id });
    const retrieved = await client.next('conversation.item.retrieved');
    expect(Buffer.from(retrieved.item.content[0].audio, 'base64').length).toBe(48 * 1000);
    client.send({ type: 'output_audio_buffer.clear' });
    await client.next('output_audio_buffer.cleared');
    await client.close();
  });
});
