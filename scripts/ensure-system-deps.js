#!/usr/bin/env node
// Makes the Debian programs in system-deps.txt present before `npm test` runs (the root `pretest`).
// Quiet and quick when every command is on PATH. Otherwise, as root, installs the missing packages
// with apt (one `apt-get update`, then one `apt-get install`); not as root, it stops at once and
// prints the exact command to run. Tests then treat a missing program as a failure, never a skip.
//
// Usage: node scripts/ensure-system-deps.js [--check] [FILE]   (default FILE: ../system-deps.txt)
//   --check  only reports what is missing (exit 1 if anything is), installs nothing.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_DEPS_FILE = join(ROOT, 'system-deps.txt');

/** How long to wait for another apt/dpkg (unattended-upgrades, a second `npm test`) to finish. */
const APT_LOCK_WAIT_MS = 5 * 60_000;
const APT_LOCK_RETRY_MS = 3_000;
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

export class SystemDepsError extends Error {
  name = 'SystemDepsError';
}

/**
 * Parses `<debian-package> <command>  # why` lines (blank lines and `#` comments ignored).
 * @returns {{ pkg: string, command: string, why: string, line: number }[]}
 */
export function parseSystemDeps(text, file = 'system-deps.txt') {
  const deps = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const hash = raw.indexOf('#');
    const body = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    const why = hash === -1 ? '' : raw.slice(hash + 1).trim();
    if (body === '') continue;
    const where = `${file}:${i + 1}`;
    const fields = body.split(/\s+/);
    if (fields.length !== 2) {
      throw new SystemDepsError(
        `${where}: expected "<debian-package> <command>  # why", got ${JSON.stringify(raw.trim())}`,
      );
    }
    const [pkg = '', command = ''] = fields;
    // Debian policy §5.6.1: lower case letters, digits, + - . ; at least two characters.
    if (!/^[a-z0-9][a-z0-9+.-]+$/.test(pkg)) {
      throw new SystemDepsError(`${where}: ${JSON.stringify(pkg)} is not a Debian package name`);
    }
    if (command.includes('/')) {
      throw new SystemDepsError(
        `${where}: the command is looked up on PATH: give its name, not a path (${command})`,
      );
    }
    deps.push({ pkg, command, why, line: i + 1 });
  }
  return deps;
}

/** The executable `command` resolves to on `pathEnv`, or undefined. */
export function findOnPath(command, pathEnv = process.env['PATH'] ?? '') {
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * The packages of `pkgs` that dpkg does not list as installed; none where there is no dpkg (then
 * a command on PATH is all that is checked). Catches a package of plugins (gstreamer's) missing
 * beside the command that uses them.
 */
export function notInstalled(pkgs, pathEnv = process.env['PATH'] ?? '') {
  if (pkgs.length === 0 || findOnPath('dpkg-query', pathEnv) === undefined) return [];
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Abbrev}\n', ...pkgs], {
    encoding: 'utf8',
  });
  const installed = new Set(
    (result.stdout ?? '')
      .split('\n')
      .filter((line) => /^\S+ ii/.test(line))
      .map((line) => line.split(' ')[0]),
  );
  return pkgs.filter((pkg) => !installed.has(pkg));
}

/** The lines of `deps` that do not hold: command not on PATH, or package not installed. */
function unmet(deps, pathEnv) {
  const absent = new Set(notInstalled(unique(deps.map((dep) => dep.pkg)), pathEnv));
  return deps.filter(
    (dep) => absent.has(dep.pkg) || findOnPath(dep.command, pathEnv) === undefined,
  );
}

/** The apt-get command line that installs `pkgs`, as a user would type it. */
export function installCommand(pkgs, { sudo = false } = {}) {
  const prefix = sudo ? 'sudo ' : '';
  return (
    `${prefix}apt-get update && ${prefix}env DEBIAN_FRONTEND=noninteractive ` +
    `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`
  );
}

const unique = (items) => [...new Set(items)];
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const LOCKED =
  /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock directory|is another process using it/;

/** Runs apt-get, waiting while another apt or dpkg holds its lock. Returns spawnSync's result. */
function aptGet(args, log) {
  const deadline = Date.now() + APT_LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    const result = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=60', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.status === 0 || !LOCKED.test(output) || Date.now() > deadline) {
      return { ...result, output };
    }
    if (!told) {
      log(`voxd: another apt or dpkg holds the lock; waiting up to ${APT_LOCK_WAIT_MS / 1000} s`);
      told = true;
    }
    sleep(APT_LOCK_RETRY_MS);
  }
}

const tail = (text, lines = 30) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** Which lines name a package apt does not know, from apt-get's error output. */
function unknownPackages(output, missing) {
  const names = new Set();
  for (const m of output.matchAll(
    /Unable to locate package (\S+)|Package '?([^'\s]+)'? has no installation candidate/g,
  )) {
    names.add(m[1] ?? m[2]);
  }
  return missing.filter((dep) => names.has(dep.pkg));
}

/**
 * Installs `pkgs` with apt as root. Services the packages ship are not started (a policy-rc.d that
 * says 101, as in Debian container images, for the time of the install): the tests start what they
 * need, on loopback.
 */
function aptInstall(missing, file, log) {
  const pkgs = unique(missing.map((dep) => dep.pkg));
  const update = aptGet(['update', '-qq'], log);
  if (update.status !== 0) {
    throw new SystemDepsError(
      `apt-get update failed (exit ${update.status}):\n${tail(update.output)}`,
    );
  }
  const ownPolicy = !existsSync(POLICY_RC_D);
  if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    const install = aptGet(['install', '-y', '-qq', '--no-install-recommends', ...pkgs], log);
    if (install.status === 0) return;
    const unknown = unknownPackages(install.output, missing);
    if (unknown.length > 0) {
      throw new SystemDepsError(
        unknown
          .map(
            (d) => `${file}:${d.line}: apt knows no Debian package "${d.pkg}" (for ${d.command})`,
          )
          .join('\n') + `\n${tail(install.output, 10)}`,
      );
    }
    throw new SystemDepsError(
      `apt-get install ${pkgs.join(' ')} failed (exit ${install.status}):\n${tail(install.output)}`,
    );
  } finally {
    if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
  }
}

/**
 * Checks every command of `file`; installs what is missing (see the top of this file).
 * @returns {number} the exit code
 */
export function ensureSystemDeps({
  file = DEFAULT_DEPS_FILE,
  check = false,
  pathEnv = process.env['PATH'] ?? '',
  isRoot = process.getuid?.() === 0,
  log = (line) => process.stderr.write(`${line}\n`),
} = {}) {
  const near = relative(process.cwd(), file);
  const shown = near === '' || near.startsWith('..') ? file : near;
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SystemDepsError(`cannot read ${shown}: ${error.code ?? error.message}`);
  }
  const deps = parseSystemDeps(text, shown);
  const missing = unmet(deps, pathEnv);
  if (missing.length === 0) return 0;

  const pkgs = unique(missing.map((dep) => dep.pkg));
  const list = missing.map((d) => `  ${d.command} (Debian package ${d.pkg}): ${d.why}`).join('\n');
  const noApt = findOnPath('apt-get', pathEnv) === undefined;
  if (check || !isRoot || noApt) {
    log(`voxd: the tests need Debian programs that are missing (${shown}):\n${list}`);
    if (noApt) {
      log('There is no apt-get here: install those packages with your package manager.');
    } else {
      if (!check) log('`npm test` installs them itself only when it runs as root.');
      log(`Run:\n  ${installCommand(pkgs, { sudo: !isRoot })}`);
    }
    return 1;
  }

  const started = Date.now();
  log(`voxd: installing the Debian packages the tests need (${shown}): ${pkgs.join(' ')}`);
  aptInstall(missing, shown, log);
  const still = unmet(missing, pathEnv);
  if (still.length > 0) {
    throw new SystemDepsError(
      still
        .map(
          (d) =>
            `${shown}:${d.line}: after apt-get install ${d.pkg}, "${d.command}" is still not on ` +
            `PATH or the package is not installed (dpkg -L ${d.pkg} lists its files)`,
        )
        .join('\n'),
    );
  }
  log(`voxd: installed ${pkgs.length} packages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const file = args.find((arg) => !arg.startsWith('--'));
  try {
    process.exitCode = ensureSystemDeps({ check, ...(file === undefined ? {} : { file }) });
  } catch (error) {
    if (!(error instanceof SystemDepsError)) throw error;
    process.stderr.write(`voxd: ${error.message}\n`);
    process.exitCode = 1;
  }
}
