import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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
});
