#!/usr/bin/env node
// `npm start`: builds with turbo, then runs `voxd daemon` over the default agents IN THIS PROCESS.
//
// Why not `turbo run build && node …/cli.js daemon` in package.json: npm runs a script through
// `sh -c`, and npm forwards a SIGTERM to that shell, which dies of it without passing it on; the
// daemon was orphaned, still running, never drained. Here the package.json script is
// `exec node scripts/start.js` (the shell is replaced), and after the build the daemon is loaded
// into this process, so npm's child IS the daemon: a SIGTERM to `npm start` (systemd, `timeout`,
// a container runtime) drains it, and no process outlives `npm start`:
// - during the build, SIGTERM/SIGINT/SIGHUP stop turbo (which stops its tasks) and the daemon
//   never starts;
// - if npm itself dies (SIGKILL, or a SIGHUP when its terminal closes), the daemon notices its
//   parent is gone and drains as on SIGTERM.
// Extra arguments go to `voxd daemon`: `npm start -- --log-level debug`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { constants } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TURBO = join(ROOT, 'node_modules', 'turbo', 'bin', 'turbo');
const CLI = join(ROOT, 'packages', 'daemon', 'dist', 'cli.js');
const DAEMON_ARGS = ['daemon', '--skip-missing-env', 'configs/agents', 'configs/gateway'];
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'];
/** How often to look whether npm (our parent) is still there. */
const PARENT_POLL_MS = 500;

/** Runs `turbo run build`; resolves with its exit code, or the signal that stopped us. */
async function build() {
  const turbo = spawn(process.execPath, [TURBO, 'run', 'build', '--output-logs=errors-only'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  let stoppedBy;
  const stop = (signal) => {
    stoppedBy ??= signal;
    // turbo's wrapper passes SIGTERM to turbo, which stops its tasks; a group signal that also
    // reached turbo directly is counted once by turbo itself.
    turbo.kill('SIGTERM');
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
  const [code, signal] = await once(turbo, 'exit');
  for (const s of STOP_SIGNALS) process.off(s, stop);
  if (stoppedBy !== undefined) return { signal: stoppedBy };
  return { code: code ?? 128 + (constants.signals[signal] ?? 0) };
}

/** Sends us SIGTERM (stop the build, or drain the daemon) once npm, our parent, is gone. */
function watchParent() {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, PARENT_POLL_MS);
  timer.unref();
}

watchParent();
const built = await build();
if (built.signal !== undefined) {
  process.exitCode = 128 + constants.signals[built.signal];
} else if (built.code !== 0) {
  process.exitCode = built.code;
} else {
  // The daemon's bin reads process.argv and installs its own signal handlers when it loads.
  process.argv = [
    process.argv[0] ?? process.execPath,
    CLI,
    ...DAEMON_ARGS,
    ...process.argv.slice(2),
  ];
  process.chdir(ROOT);
  await import(pathToFileURL(CLI).href);
}
