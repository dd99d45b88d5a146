import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import { REPO_ROOT, tempDir } from './cli-harness.js';
import { agents, get, killDaemons, sample, startDaemon, waitFor } from './daemon-harness.js';

afterEach(killDaemons);

const GATEWAY = `name: front-desk
connection:
  endpoint: local
  model: gpt-realtime
session:
  instructions: You are the front desk.
source:
  type: gateway
  port: 0
  api_keys: ["\${VOXD_GATEWAY_KEY:-}"]
plugins:
  - type: transcript
    dir: transcripts
daemon:
  max_sessions: 1
`;

/** Opens a client, returns the first server event, then closes; or the HTTP status it got. */
function firstEvent(url: string, key: string): Promise<Record<string, unknown> | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(
      `${url.replace(/^http/, 'ws')}/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime`,
      {
        headers: { 'api-key': key },
      },
    );
    const timer = setTimeout(() => reject(new Error('no event within 20 s')), 20_000);
    socket.once('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
    });
    socket.once('message', (data: Buffer) => {
      clearTimeout(timer);
      socket.close(1000);
      resolve(JSON.parse(data.toString()) as Record<string, unknown>);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

describe('voxd daemon: a gateway agent', () => {
  it('prints the URL and a generated key; clients with it get the agent session, others 401', async () => {
    await using dir = await tempDir();
    await writeFile(join(dir.path, 'front-desk.yaml'), GATEWAY);
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    const match =
      /Voice Live clients connect to (http:\/\/\S+) with api-key (\S+) \(generated/.exec(
        daemon.stdout(),
      );
    expect(match, daemon.stdout()).not.toBeNull();
    const [, url = '', key = ''] = match ?? [];
    const listed = await agents(daemon.adminUrl);
    expect(listed).toEqual([
      expect.objectContaining({ name: 'front-desk', kind: 'gateway', state: 'running', url }),
    ]);
    // The generated key is printed once, in the banner; never served over HTTP.
    expect(JSON.stringify(listed)).not.toContain(key);

    expect(await firstEvent(url, 'wrong-key')).toBe(401);
    const event = await firstEvent(url, key);
    expect(event).toMatchObject({
      type: 'session.created',
      session: { instructions: 'You are the front desk.' },
    });

    await waitFor(
      async () => {
        const { text } = await get(`${daemon.adminUrl}/metrics`);
        const ended = ['closed', 'transport-closed', 'source-ended', 'error'].map(
          (outcome) =>
            sample(text, `voxd_sessions_total{agent="front-desk",outcome="${outcome}"}`) ?? 0,
        );
        return ended.reduce((a, b) => a + b, 0) >= 1;
      },
      20_000,
      () => daemon.stderr(),
    );
    expect((await agents(daemon.adminUrl))[0]).toMatchObject({ sessionsStarted: 1 });
    // The agent's event-tap plugins see each gateway session: a transcript file per client.
    const [transcript] = await readdir(join(dir.path, 'transcripts'));
    expect(transcript).toMatch(/^front-desk-.*\.jsonl$/);
    const lines = (await readFile(join(dir.path, 'transcripts', transcript ?? ''), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ role: 'session', event: 'started', agent: 'front-desk' });
    expect((await get(`${daemon.adminUrl}/readyz`)).status).toBe(200);

    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('takes its client key from the environment and does not print it', async () => {
    await using dir = await tempDir();
    await writeFile(join(dir.path, 'front-desk.yaml'), GATEWAY);
    const daemon = await startDaemon([dir.path], {
      cwd: dir.path,
      env: { VOXD_GATEWAY_KEY: 'env-key-123456' },
    });
    expect(daemon.stdout()).toContain('with one of its configured keys');
    expect(daemon.stdout() + daemon.stderr()).not.toContain('env-key-123456');
    const url = (await agents(daemon.adminUrl))[0]?.url ?? '';
    expect(await firstEvent(url, 'env-key-123456')).toMatchObject({ type: 'session.created' });

    // daemon.max_sessions: 1 — while one client is connected, the next gets 503.
    await waitFor(
      async () => (await agents(daemon.adminUrl))[0]?.activeSessions === 0,
      20_000,
      () => daemon.stderr(),
    );
    const held = new WebSocket(
      `${url.replace(/^http/, 'ws')}/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime`,
      {
        headers: { 'api-key': 'env-key-123456' },
      },
    );
    await new Promise((resolve, reject) => {
      held.once('message', resolve);
      held.once('error', reject);
    });
    expect(await firstEvent(url, 'env-key-123456')).toBe(503);
    held.close(1000);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('npm start: the default agents run, the Azure examples without credentials are skipped', async () => {
    await using dir = await tempDir();
    const daemon = await startDaemon(['--skip-missing-env', 'configs/agents', 'configs/gateway'], {
      cwd: REPO_ROOT,
      env: { VOXD_GATEWAY_PORT: '0', VOXD_RTP_PORT: '0', VOXD_OUT_DIR: dir.path },
    });
    expect(daemon.stdout()).toMatch(/^ {2}skipped +configs\/agents\/azure-model\.yaml/m);
    expect(daemon.stdout()).toMatch(/^ {2}skipped +configs\/agents\/azure-foundry-agent\.yaml/m);
    expect((await agents(daemon.adminUrl)).map((a) => `${a.name} ${a.kind}`)).toEqual([
      'local-assistant wav',
      'local-phone wav',
      'local-gateway gateway',
    ]);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });
});
