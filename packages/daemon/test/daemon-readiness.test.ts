import { writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';

import { connectVoiceLiveClient } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { tempDir } from './cli-harness.js';
import { agents, killDaemons, spawnVoxd, waitFor, writeWavAgent } from './daemon-harness.js';

afterEach(killDaemons);

const KEY = 'readiness-client-key';

function gatewayAgent(name: string): string {
  return [
    `name: ${name}`,
    'connection:',
    '  endpoint: local',
    '  model: gpt-realtime',
    'session:',
    '  instructions: You are the front desk.',
    'source:',
    '  type: gateway',
    '  port: 0',
    `  api_keys: [${KEY}]`,
    '',
  ].join('\n');
}

/** Opens a TCP connection; resolves with the error code if it fails (e.g. ECONNREFUSED). */
function tcpConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

interface Readiness {
  readonly status: string;
  readonly agents: readonly { name: string; ready: boolean; url?: string; reason?: string }[];
}

const STARTS = 5;

describe('voxd daemon: /readyz', () => {
  it(`the instant /readyz first says 200, every gateway accepts and every WAV session is up (${STARTS} starts)`, async () => {
    await using dir = await tempDir();
    await writeFile(join(dir.path, 'desk-a.yaml'), gatewayAgent('desk-a'));
    await writeFile(join(dir.path, 'desk-b.yaml'), gatewayAgent('desk-b'));
    // Real-time and looping: its one session is still up when the test looks.
    await writeWavAgent(dir.path, 'talker', { pace: 'realtime', extra: '  loop: true' });

    for (let start = 1; start <= STARTS; start++) {
      const daemon = spawnVoxd(['daemon', '--admin-port', '0', dir.path], { cwd: dir.path });
      // The admin URL is logged before any agent starts: poll from the first moment.
      const adminUrl = await waitFor(
        () => /"msg":"admin listening".*?"admin":"([^"]+)"/.exec(daemon.stderr())?.[1],
        30_000,
        () => daemon.stderr(),
        daemon.exited,
      );
      const seen: number[] = [];
      let ready: Readiness | undefined;
      const endMs = Date.now() + 60_000;
      while (ready === undefined) {
        if (Date.now() > endMs) throw new Error(`never ready: ${daemon.stderr()}`);
        const response = await fetch(`${adminUrl}/readyz`);
        const body = (await response.json()) as Readiness;
        seen.push(response.status);
        if (response.status === 200) ready = body;
        else await new Promise((resolve) => setTimeout(resolve, 5));
      }
      // Connect at once, before anything else: this is what a load balancer does.
      const gateways = ready.agents.filter((a) => a.url !== undefined);
      const connects = await Promise.all(
        gateways.map((a) => tcpConnect(Number(new URL(a.url ?? '').port))),
      );
      expect(connects, `start ${start}`).toEqual(['connected', 'connected']);
      // The test polled before readiness: it saw the daemon not ready first.
      expect(seen[0], `start ${start}: first /readyz`).toBe(503);
      expect(ready.agents.map((a) => a.name).sort()).toEqual(['desk-a', 'desk-b', 'talker']);
      expect(ready.agents.every((a) => a.ready)).toBe(true);
      // Every gateway serves a real client: its upstream session is created.
      for (const gateway of gateways) {
        const client = await connectVoiceLiveClient(gateway.url ?? '', {
          headers: { 'api-key': KEY },
        });
        expect((await client.next('session.created')).session.instructions).toBe(
          'You are the front desk.',
        );
        await client.close();
      }
      expect((await agents(adminUrl)).find((a) => a.name === 'talker')).toMatchObject({
        state: 'running',
        activeSessions: 1,
      });
      daemon.child.kill('SIGTERM');
      expect(await daemon.exited).toBe(0);
    }
  }, 300_000);
});
