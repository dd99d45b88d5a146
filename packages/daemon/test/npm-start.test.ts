// The README's `npm start` under a supervisor: a SIGTERM to npm (a container runtime, systemd's
// KillMode=mixed) or to its whole process group (`timeout`, Ctrl-C, systemd's default) drains the
// daemon, which exits 0, and no process of the tree survives, also when it comes during the build.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { get, waitFor } from './daemon-harness.js';
import { copyRepository, npmStart, processTable, survivors } from './npm-start-harness.js';
import type { NpmStart, ProcessEntry } from './npm-start-harness.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voxd-npm-start-'));
  await copyRepository(join(dir, 'repo'));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sessionOf = (start: NpmStart): ProcessEntry[] =>
  processTable().filter((p) => p.sid === start.npm.pid);

/** Starts `npm start`, waits until /readyz says 200, and returns the admin URL and the tree. */
async function startReady(name: string): Promise<{
  start: NpmStart;
  adminUrl: string;
  tree: ProcessEntry[];
}> {
  const start = npmStart(join(dir, 'repo'), dir, ['--drain-timeout-ms', '3000']);
  started.push(start);
  const adminUrl = await waitFor(
    () => /^ {2}admin +(http:\/\/\S+)/m.exec(start.output())?.[1],
    150_000,
    () => `${name}: no banner from npm start:\n${start.output()}`,
    start.exited,
  );
  await waitFor(
    async () => (await get(`${adminUrl}/readyz`).catch(() => undefined))?.status === 200,
    30_000,
    () => `${name}: /readyz never said 200:\n${start.output()}`,
  );
  return { start, adminUrl, tree: sessionOf(start) };
}

const started: NpmStart[] = [];
afterAll(() => {
  // A failed test must not leave a daemon behind: end its whole session.
  for (const start of started) {
    for (const p of processTable()) {
      if (p.sid === start.npm.pid) process.kill(p.pid, 'SIGKILL');
    }
  }
});

/** The daemon's JSON log messages, in order. */
const logMessages = (output: string): string[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

describe('npm start under a supervisor', () => {
  it('runs the daemon as npm’s own child (no shell in between that a signal would kill)', async () => {
    const { start, tree } = await startReady('tree');
    const daemon = tree.find((p) => p.command.includes('scripts/start.js'));
    expect(daemon, JSON.stringify(tree)).toBeDefined();
    expect(daemon?.ppid).toBe(start.npm.pid);
    // Only npm and the daemon: the build's turbo and its tasks are gone.
    expect(tree.map((p) => p.pid).sort()).toEqual([start.npm.pid, daemon?.pid].sort());
    process.kill(start.npm.pid ?? 0, 'SIGTERM');
    expect(await start.exited).toBe(0);
  }, 240_000);

  it('SIGTERM to npm alone (a container runtime): the daemon drains, exits 0, nothing survives', async () => {
    const { start, adminUrl, tree } = await startReady('npm');
    process.kill(start.npm.pid ?? 0, 'SIGTERM');
    // Draining: /readyz says 503 until the admin server closes.
    const status = await waitFor(
      async () => {
        const ready = await get(`${adminUrl}/readyz`).then(
          (r) => r.status,
          () => 'closed',
        );
        return ready === 200 ? undefined : ready;
      },
      30_000,
      () => `still ready after SIGTERM:\n${start.output()}`,
    );
    expect([503, 'closed']).toContain(status);
    expect(await start.exited).toBe(0);
    expect(logMessages(start.output())).toEqual(
      expect.arrayContaining(['daemon started', 'draining', 'stopped']),
    );
    expect(survivors(start.npm.pid ?? 0, tree)).toEqual([]);
  }, 240_000);

  it('SIGTERM to the process group (`timeout`, Ctrl-C): one request, a drain, not an exit 130', async () => {
    const { start, tree } = await startReady('group');
    // npm gets it and forwards it to the daemon, which also gets it directly: two signals at once.
    process.kill(-(start.npm.pid ?? 0), 'SIGTERM');
    expect(await start.exited).toBe(0);
    const messages = logMessages(start.output());
    expect(messages.slice(messages.indexOf('draining'))).toEqual(
      expect.arrayContaining(['draining', 'stopped']),
    );
    expect(survivors(start.npm.pid ?? 0, tree)).toEqual([]);
  }, 240_000);

  it('SIGTERM during the build stops turbo and its tasks; the daemon never starts', async () => {
    const start = npmStart(join(dir, 'repo'), dir);
    started.push(start);
    const seen: ProcessEntry[] = [];
    await waitFor(
      () => {
        const tree = sessionOf(start);
        seen.push(...tree.filter((p) => !seen.some((s) => s.pid === p.pid)));
        return tree.some((p) => p.command.includes('turbo'));
      },
      60_000,
      () => `turbo never started:\n${start.output()}`,
      start.exited,
    );
    process.kill(start.npm.pid ?? 0, 'SIGTERM');
    const code = await start.exited;
    expect(code === 143 || code === 'SIGTERM', `npm exited ${code}`).toBe(true);
    expect(start.output()).not.toMatch(/voxd daemon/);
    expect(survivors(start.npm.pid ?? 0, seen)).toEqual([]);
  }, 240_000);
});
