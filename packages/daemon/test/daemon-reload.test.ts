import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { startLocalServer } from '@voxd/local-server';
import { startRecordingProxy } from '@voxd/testing';
import { afterEach, describe, expect, it } from 'vitest';

import { tempDir } from './cli-harness.js';
import { agents, killDaemons, startDaemon, waitFor, writeWavAgent } from './daemon-harness.js';

afterEach(killDaemons);

describe('voxd daemon: SIGHUP', () => {
  it('starts a new agent, keeps an invalid file’s running version, and leaves other sessions alone', async () => {
    await using dir = await tempDir();
    // A looping real-time source: this agent's one session never ends by itself.
    await writeWavAgent(dir.path, 'steady', { pace: 'realtime', extra: '  loop: true' });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    const steadyRunning = async () =>
      (await agents(daemon.adminUrl)).find((a) => a.name === 'steady' && a.state === 'running');
    const before = await waitFor(steadyRunning, 30_000, () => daemon.stderr());
    expect(before).toMatchObject({ sessionsStarted: 1, activeSessions: 1 });

    await writeWavAgent(dir.path, 'newcomer');
    daemon.child.kill('SIGHUP');
    await waitFor(
      async () => (await agents(daemon.adminUrl)).some((a) => a.name === 'newcomer'),
      30_000,
      () => daemon.stderr(),
    );

    // Break the newcomer's file: the reload logs where, and its running version stays.
    await writeFile(join(dir.path, 'newcomer.yaml'), 'name: newcomer\nconnection: {}\n');
    daemon.child.kill('SIGHUP');
    await waitFor(
      () => /agent file invalid: keeping its running version/.test(daemon.stderr()),
      30_000,
      () => daemon.stderr(),
    );
    expect(daemon.stderr()).toContain(`"file":"${join(dir.path, 'newcomer.yaml')}","line":2`);
    const list = await agents(daemon.adminUrl);
    expect(list.map((a) => a.name).sort()).toEqual(['newcomer', 'steady']);
    // The steady agent kept its one session through both reloads.
    expect(list.find((a) => a.name === 'steady')).toMatchObject({
      state: 'running',
      sessionsStarted: 1,
      activeSessions: 1,
      restarts: 0,
    });

    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('restarts a changed agent with its new settings, stops a removed one, leaves the others alone', async () => {
    await using dir = await tempDir();
    await using server = await startLocalServer({ port: 0, responder: 'tone', pace: 'asap' });
    // The changing agent talks through a proxy: its new settings are checked on the wire.
    await using proxy = await startRecordingProxy(server.url);
    const changing = (instructions: string) =>
      writeWavAgent(dir.path, 'changing', {
        pace: 'realtime',
        connection: [
          'connection:',
          `  endpoint: ${proxy.url.replace(/^http/, 'ws')}`,
          '  model: gpt-realtime',
          '  auth:',
          '    type: api-key',
          '    key: any',
        ].join('\n'),
        extra: '  loop: true',
      }).then(async (file) => {
        const text = await readFile(file, 'utf8');
        await writeFile(file, text.replace('Answer in one short sentence.', instructions));
      });
    await changing('Say hello.');
    await writeWavAgent(dir.path, 'steady', { pace: 'realtime', extra: '  loop: true' });
    await writeWavAgent(dir.path, 'leaving', { pace: 'realtime', extra: '  loop: true' });
    const daemon = await startDaemon([dir.path], { cwd: dir.path });
    const allRunning = async () => {
      const list = await agents(daemon.adminUrl);
      return list.length === 3 && list.every((a) => a.state === 'running') ? list : undefined;
    };
    await waitFor(allRunning, 60_000, () => daemon.stderr());

    await changing('Say goodbye.');
    await rm(join(dir.path, 'leaving.yaml'));
    daemon.child.kill('SIGHUP');
    const updates = () =>
      proxy.frames.filter((f) => f.from === 'client' && f.event.type === 'session.update');
    await waitFor(
      () => updates().length >= 2,
      60_000,
      () => daemon.stderr(),
    );
    expect(updates().map((f) => f.connection)).toEqual([1, 2]);
    const instructions = proxy
      .events({ type: 'session.update' })
      .map((e): unknown => e.session.instructions);
    expect(instructions).toEqual(['Say hello.', 'Say goodbye.']);
    const after = await waitFor(
      async () => {
        const list = await agents(daemon.adminUrl);
        return list.length === 2 && list.every((a) => a.state === 'running') ? list : undefined;
      },
      60_000,
      () => daemon.stderr(),
    );
    expect(after.map((a) => a.name).sort()).toEqual(['changing', 'steady']);
    // The old version of the changed agent was closed, not left running next to the new one.
    expect(proxy.openConnections()).toBe(1);
    // The untouched agent kept its one session through the reload.
    expect(after.find((a) => a.name === 'steady')).toMatchObject({
      sessionsStarted: 1,
      activeSessions: 1,
      restarts: 0,
    });
    expect(daemon.stderr()).toContain('"msg":"agent file removed: stopping","agent":"leaving"');
    expect(daemon.stderr()).toContain('"msg":"agent file changed: restarting","agent":"changing"');
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  }, 120_000);
});
