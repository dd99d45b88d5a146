// Runs the README's `npm start` for real, in a copy of the repository, for npm-start.test.ts.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cp, mkdir, readdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { REPO_ROOT } from './cli-harness.js';

/** One line of the process table, from /proc. */
export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  /** Start time in clock ticks since boot: with the pid, names one process even if pids recycle. */
  readonly start: string;
  readonly command: string;
}

/** Every process on the machine (Linux /proc). */
export function processTable(): ProcessEntry[] {
  const table: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // `pid (comm) state ppid pgrp session …`: comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      table.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        pgid: Number(fields[2]),
        sid: Number(fields[3]),
        start: fields[19] ?? '',
        command,
      });
    } catch {
      // the process exited while we read
    }
  }
  return table;
}

/** The live processes of session `sid`, and those of `known` (by pid and start time) still alive. */
export function survivors(sid: number, known: readonly ProcessEntry[]): ProcessEntry[] {
  const alive = processTable();
  const same = (a: ProcessEntry, b: ProcessEntry) => a.pid === b.pid && a.start === b.start;
  // A zombie still in the table has exited; only its parent's wait() is missing.
  const running = alive.filter((p) => !isZombie(p.pid));
  return running.filter((p) => p.sid === sid || known.some((k) => same(k, p)));
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/**
 * Turbo's cache of this checkout (a git worktree shares its main worktree's), so that the copy's
 * `turbo run build` restores the outputs the test run just built instead of compiling 13 packages.
 */
function turboCacheDir(): string {
  if (process.env['TURBO_CACHE_DIR'] !== undefined) return process.env['TURBO_CACHE_DIR'];
  try {
    const common = execFileSync(
      'git',
      ['rev-parse', '--path-format=absolute', '--git-common-dir'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    ).trim();
    return join(dirname(common), '.turbo', 'cache');
  } catch {
    return join(REPO_ROOT, '.turbo', 'cache');
  }
}

/**
 * A copy of the repository in `dir` for `npm start`: the root files, scripts/ and every package's
 * sources; node_modules, configs and fixtures are linked. A copy, because turbo rewrites every
 * output file in place on a cache hit, under the feet of the other packages' tests.
 */
export async function copyRepository(dir: string): Promise<void> {
  for (const file of ['package.json', 'package-lock.json', 'turbo.json', 'tsconfig.base.json']) {
    await cp(join(REPO_ROOT, file), join(dir, file));
  }
  await cp(join(REPO_ROOT, 'scripts'), join(dir, 'scripts'), { recursive: true });
  for (const shared of ['node_modules', 'configs', 'fixtures']) {
    await symlink(join(REPO_ROOT, shared), join(dir, shared));
  }
  for (const name of await readdir(join(REPO_ROOT, 'packages'))) {
    const from = join(REPO_ROOT, 'packages', name);
    const to = join(dir, 'packages', name);
    await mkdir(to, { recursive: true });
    for (const entry of await readdir(from)) {
      if (['dist', 'test', '.turbo', 'node_modules'].includes(entry)) continue;
      await cp(join(from, entry), join(to, entry), { recursive: true });
    }
    if (existsSync(join(from, 'node_modules'))) {
      await symlink(join(from, 'node_modules'), join(to, 'node_modules'));
    }
  }
}

export interface NpmStart {
  readonly npm: ChildProcess;
  output(): string;
  /** Resolves with npm's exit code, or the signal that ended it. */
  readonly exited: Promise<number | string>;
}

/**
 * `npm start -- ARGS` in `cwd`, as the leader of a new session (so every process it starts can be
 * found by session id), with ports 0 and recordings in `outDir`.
 */
export function npmStart(cwd: string, outDir: string, args: readonly string[] = []): NpmStart {
  const npm = spawn('npm', ['start', '--', ...args], {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      VOXD_ADMIN_PORT: '0',
      VOXD_GATEWAY_PORT: '0',
      VOXD_OUT_DIR: outDir,
      TURBO_CACHE_DIR: turboCacheDir(),
      TURBO_TELEMETRY_DISABLED: '1',
    },
  });
  let output = '';
  npm.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text));
  npm.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
  const exited = new Promise<number | string>((resolve) =>
    npm.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return { npm, output: () => output, exited };
}
