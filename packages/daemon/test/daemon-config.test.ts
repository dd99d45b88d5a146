import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { tempDir } from './cli-harness.js';
import { agents, killDaemons, spawnVoxd, startDaemon, writeWavAgent } from './daemon-harness.js';

afterEach(killDaemons);

const BAD = `name: broken
connection:
  endpoint: local
  model: gpt-realtime
session:
  turn_detection:
    type: server_vad
    threshold: 7
`;

const NEEDS_ENV = `name: cloud
connection:
  endpoint: \${VOXD_TEST_ENDPOINT}
  model: gpt-realtime
  auth:
    type: api-key
    key: \${VOXD_TEST_KEY}
`;

describe('voxd daemon: agent files', () => {
  it('one invalid file: prints file:line:column, starts nothing, exits 3', async () => {
    await using dir = await tempDir();
    await writeWavAgent(dir.path, 'good');
    await writeFile(join(dir.path, 'broken.yaml'), BAD);
    const run = spawnVoxd(['daemon', dir.path, '--admin-port', '0'], { cwd: dir.path });
    expect(await run.exited).toBe(3);
    expect(run.stderr()).toContain(`${join(dir.path, 'broken.yaml')}:8:16`);
    expect(run.stderr()).toContain('session.turn_detection.threshold');
    expect(run.stderr()).toContain('no agent started');
    expect(run.stdout()).not.toContain('admin');
  });

  it('--keep-going starts the valid agents', async () => {
    await using dir = await tempDir();
    await writeWavAgent(dir.path, 'good');
    await writeFile(join(dir.path, 'broken.yaml'), BAD);
    const daemon = await startDaemon([dir.path, '--keep-going'], { cwd: dir.path });
    expect(daemon.stderr()).toContain(`${join(dir.path, 'broken.yaml')}:8:16`);
    expect((await agents(daemon.adminUrl)).map((a) => a.name)).toEqual(['good']);
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  });

  it('an agent missing environment variables fails the start, unless --skip-missing-env', async () => {
    await using dir = await tempDir();
    await writeWavAgent(dir.path, 'good');
    await writeFile(join(dir.path, 'cloud.yaml'), NEEDS_ENV);
    const strict = spawnVoxd(['daemon', dir.path, '--admin-port', '0'], { cwd: dir.path });
    expect(await strict.exited).toBe(3);
    expect(strict.stderr()).toContain('environment variable VOXD_TEST_ENDPOINT is not set');

    const daemon = await startDaemon([dir.path, '--skip-missing-env'], { cwd: dir.path });
    expect(daemon.stdout()).toMatch(
      /skipped +cloud\.yaml +\(environment variable VOXD_TEST_ENDPOINT is not set; environment variable VOXD_TEST_KEY is not set\)/,
    );
    expect((await agents(daemon.adminUrl)).map((a) => a.name)).toEqual(['good']);
    daemon.child.kill('SIGINT');
    expect(await daemon.exited).toBe(0);
  });

  it('bad usage exits 2; an admin port in use exits 1', async () => {
    await using dir = await tempDir();
    await writeWavAgent(dir.path, 'good');
    const usage = spawnVoxd(['daemon', dir.path, '--admin-port', 'x'], { cwd: dir.path });
    expect(await usage.exited).toBe(2);
    expect(usage.stderr()).toContain("--admin-port must be an integer from 0 to 65535, got 'x'");

    const first = await startDaemon([dir.path], { cwd: dir.path });
    const port = new URL(first.adminUrl).port;
    const second = spawnVoxd(['daemon', dir.path], {
      cwd: dir.path,
      env: { VOXD_ADMIN_PORT: port },
    });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`admin server cannot listen on 127.0.0.1:${port}`);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });
});
