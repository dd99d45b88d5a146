import { connectVoiceLiveClient } from '@voxd/testing';
import { describe, expect, it } from 'vitest';

import { startLocalServer } from '../src/local-server.js';

// Timing on a loaded machine only ever runs late: assert generous lower bounds, and upper bounds
// far above the ideal.
describe('latency model and real-time pacing', () => {
  it('paces 100 ms audio deltas at real time after firstAudioMs', async () => {
    await using server = await startLocalServer({
      port: 0,
      pace: 'realtime',
      responder: 'tone',
      firstAudioMs: 300,
    });
    const client = await connectVoiceLiveClient(server.url);
    await client.next('session.created');
    const arrivals: { type: string; atMs: number }[] = [];
    client.ws.on('message', (data) =>
      arrivals.push({
        type: (JSON.parse((data as Buffer).toString('utf8')) as { type: string }).type,
        atMs: performance.now(),
      }),
    );
    client.send({ type: 'response.create' });
    await client.next('response.done', 10_000);
    const created = arrivals.find((a) => a.type === 'response.created')!;
    const deltas = arrivals.filter((a) => a.type === 'response.audio.delta');
    expect(deltas).toHaveLength(10);
    expect(deltas[0]!.atMs - created.atMs).toBeGreaterThanOrEqual(250);
    // 10 deltas of 100 ms: the last leaves 900 ms after the first.
    const spanMs = deltas.at(-1)!.atMs - deltas[0]!.atMs;
    expect(spanMs).toBeGreaterThanOrEqual(800);
    expect(spanMs).toBeLessThan(5000);
    await client.close();
  });

  it('with a seed, jitter and ids repeat run to run', async () => {
    const run = async (): Promise<string[]> => {
      await using server = await startLocalServer({
        port: 0,
        pace: 'asap',
        responder: 'tone',
        seed: 42,
        firstAudioJitterMs: 5,
      });
      const client = await connectVoiceLiveClient(server.url);
      await client.next('session.created');
      client.send({ type: 'response.create' });
      await client.next('response.done');
      await client.close();
      return client.events.map(
        (e) =>
          `${e.type}:${e.session?.id ?? e.response?.id ?? e.item?.id ?? ''}:${e.delta?.length ?? ''}`,
      );
    };
    expect(await run()).toEqual(await run());
  });
});
