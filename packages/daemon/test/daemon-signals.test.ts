import type { AddressInfo } from 'node:net';

import { serverEvents } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';

import { tempDir } from './cli-harness.js';
import { agents, get, killDaemons, startDaemon, waitFor, writeWavAgent } from './daemon-harness.js';

afterEach(killDaemons);

/**
 * A Voice Live endpoint that accepts the session and starts a response that never finishes: a
 * session of it always has a response in flight, so a drain waits for its deadline.
 */
async function startEndlessResponseServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => {
    socket.send(JSON.stringify(serverEvents.sessionCreated()));
    socket.on('message', (data: Buffer) => {
      const event = JSON.parse(data.toString()) as { type: string };
      if (event.type !== 'session.update') return;
      socket.send(JSON.stringify(serverEvents.sessionUpdated()));
      socket.send(JSON.stringify(serverEvents.responseCreated('resp_endless')));
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}

describe('voxd daemon: signals', () => {
  it('two SIGTERMs at once (a process group’s and npm’s forward) are one request: it drains', async () => {
    await using dir = await tempDir();
    await writeWavAgent(dir.path, 'twice', { pace: 'realtime', extra: '  loop: true' });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    await waitFor(
      async () => (await agents(daemon.adminUrl))[0]?.state === 'running',
      30_000,
      () => daemon.stderr(),
    );
    daemon.child.kill('SIGTERM');
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
    expect(daemon.stderr() + daemon.stdout()).toMatch(/"msg":"stopped"/);
  });

  it('while draining /readyz is 503; a second SIGTERM exits 130 at once', async () => {
    await using dir = await tempDir();
    const upstream = await startEndlessResponseServer();
    try {
      await writeWavAgent(dir.path, 'busy', {
        pace: 'realtime',
        extra: '  loop: true',
        connection: [
          'connection:',
          `  endpoint: ${upstream.url}`,
          '  model: gpt-realtime',
          '  auth:',
          '    type: api-key',
          '    key: upstream-key',
        ].join('\n'),
      });
      const daemon = await startDaemon([dir.path, '--drain-timeout-ms', '60000'], {
        cwd: dir.path,
      });
      await waitFor(
        async () => (await agents(daemon.adminUrl))[0]?.state === 'running',
        30_000,
        () => daemon.stderr(),
      );
      expect((await get(`${daemon.adminUrl}/readyz`)).status).toBe(200);

      daemon.child.kill('SIGTERM');
      const draining = await waitFor(
        async () => {
          const ready = await get(`${daemon.adminUrl}/readyz`);
          return ready.status === 503 ? ready : undefined;
        },
        20_000,
        () => daemon.stderr(),
      );
      expect(draining.body).toMatchObject({ status: 'draining' });
      expect(await agents(daemon.adminUrl)).toEqual([
        expect.objectContaining({ name: 'busy', state: 'draining', activeSessions: 1 }),
      ]);

      // Past the 500 ms in which a repeat counts as the same request (a group's and a forward's).
      await new Promise((resolve) => setTimeout(resolve, 600));
      daemon.child.kill('SIGTERM');
      expect(await daemon.exited).toBe(130);
    } finally {
      await upstream.close();
    }
  });
});
