// The root system-deps.txt and scripts/ensure-system-deps.js (the root `pretest`): every program a
// test spawns is listed, the list parses, and the script says exactly what to do when it cannot
// install. (Its apt path, as root with packages missing, is what `npm test` runs on a fresh machine.)
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { findCommand, requireCommand } from '../src/system-command.js';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SCRIPT = join(REPO_ROOT, 'scripts', 'ensure-system-deps.js');
const dir = mkdtempSync(join(tmpdir(), 'voxd-system-deps-'));
// Readable by the unprivileged user the non-root case runs as.
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script on `file` (as an unprivileged user when we are root, to reach its non-root path). */
function ensure(args: string[], { unprivileged = false } = {}) {
  const asNobody = unprivileged && process.getuid?.() === 0;
  const command = asNobody ? 'setpriv' : process.execPath;
  const prefix = asNobody
    ? ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]
    : [];
  const result = spawnSync(command, [...prefix, SCRIPT, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function depsFile(text: string): string {
  const file = join(dir, `deps-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, text);
  return file;
}

/** Every command named in system-deps.txt. */
function listedCommands(): Set<string> {
  const text = readFileSync(join(REPO_ROOT, 'system-deps.txt'), 'utf8');
  return new Set(
    text
      .split('\n')
      .map((line) => line.split('#')[0]?.trim().split(/\s+/)[1])
      .filter((command): command is string => command !== undefined),
  );
}

function filesUnder(path: string): string[] {
  return readdirSync(path).flatMap((name) => {
    const full = join(path, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Programs that come with Node and the repository, not from the OS's package manager. */
const NOT_SYSTEM = new Set(['node', 'npm', 'npx', 'git']);

// Each case starts node: slow on a loaded 2-core machine, never a hang.
const SLOW = { timeout: 60_000 };

describe('system-deps.txt', SLOW, () => {
  it('lists every program the tests spawn by name', () => {
    const packages = join(REPO_ROOT, 'packages');
    const sources = readdirSync(packages).flatMap((name) =>
      ['test', 'src'].flatMap((sub) => {
        const path = join(packages, name, sub);
        // Only the testing package's src is test code; other packages' src is the product.
        if (sub === 'src' && name !== 'testing') return [];
        return statSync(path, { throwIfNoEntry: false })?.isDirectory() ? filesUnder(path) : [];
      }),
    );
    const spawned = new Map<string, string>();
    const call =
      /\b(?:spawn|spawnSync|execFile|execFileSync|requireCommand|findCommand|runPeer)\(\s*'([^'/]+)'/g;
    const self = fileURLToPath(import.meta.url);
    for (const file of sources.filter((f) => /\.[cm]?[jt]s$/.test(f) && f !== self)) {
      for (const match of readFileSync(file, 'utf8').matchAll(call)) {
        const command = match[1] ?? '';
        if (!NOT_SYSTEM.has(command)) spawned.set(command, file.slice(REPO_ROOT.length + 1));
      }
    }
    expect(spawned.size).toBeGreaterThan(0);
    const listed = listedCommands();
    const unlisted = [...spawned].filter(([command]) => !listed.has(command));
    expect(unlisted, 'add "<debian-package> <command>  # why" lines to system-deps.txt').toEqual(
      [],
    );
  });

  it('is complete on this machine: the script finds every command and says nothing', () => {
    // `npm test` ran the script before this test: a missing program would have stopped it.
    const result = ensure(['--check']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const command of listedCommands()) expect(findCommand(command)).toBeDefined();
  });
});

describe('scripts/ensure-system-deps.js', SLOW, () => {
  it('names the file and line of a malformed entry', () => {
    const file = depsFile('sox sox # fine\n\nprometheus  # no command\n');
    const result = ensure([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:3: expected "<debian-package> <command>  # why"`);
  });

  it('rejects a path where a command name belongs, and a name that is no Debian package', () => {
    expect(ensure([depsFile('sox /usr/bin/sox\n')]).stderr).toMatch(/:1: the command is looked up/);
    expect(ensure([depsFile('Sox_Tools sox\n')]).stderr).toMatch(/:1: "Sox_Tools" is not a Debian/);
  });

  it('not as root, stops at once with the exact command to run, installing nothing', () => {
    const file = depsFile(
      '# test\nvoxd-no-such-package  voxd-no-such-command  # why\nsox sox  # present\n',
    );
    const result = ensure([file], { unprivileged: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'voxd-no-such-command (Debian package voxd-no-such-package): why',
    );
    expect(result.stderr).not.toContain('sox (Debian package');
    if (process.getuid?.() === 0) {
      expect(result.stderr).toContain('`npm test` installs them itself only when it runs as root');
    }
    expect(result.stderr).toMatch(
      /apt-get update && (sudo )?env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends voxd-no-such-package\n/,
    );
  });

  it('counts a package as missing when its command is there but dpkg has not installed it', () => {
    // gstreamer's plugin packages serve gst-launch-1.0 but bring no command of their own.
    const result = ensure(['--check', depsFile('voxd-no-such-plugins sox  # plugins\n')]);
    expect(result.stderr).toContain('sox (Debian package voxd-no-such-plugins): plugins');
    expect(result.status).toBe(1);
  });

  it('--check reports what is missing and installs nothing, even as root', () => {
    const result = ensure(['--check', depsFile('voxd-no-such-package voxd-no-such-command\n')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/voxd-no-such-command \(Debian package voxd-no-such-package\)/);
    expect(result.stderr).not.toMatch(/installing/);
  });
});

describe('requireCommand', () => {
  it('returns the path of a listed program', () => {
    expect(requireCommand('sox')).toMatch(/\/sox$/);
  });

  it('fails with the fix for a program that is missing', () => {
    expect(() => requireCommand('voxd-no-such-command')).toThrow(
      /`voxd-no-such-command` is not on PATH: it is not listed in system-deps.txt/,
    );
  });
});
