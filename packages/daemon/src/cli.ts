#!/usr/bin/env node
// The `voxd` binary: the only place that reads process.argv/env, installs signal handlers and
// sets the exit code. Everything else takes a `CliIo`.
import { runCli } from './main.js';

const controller = new AbortController();
/**
 * A signal sent to a whole process group (`timeout`, Ctrl-C, systemd's control-group kill) reaches
 * this process directly and again through a wrapper that forwards it (npm for `npm start`, tini):
 * repeats within this window are that one request, not the user's second signal.
 */
const SAME_REQUEST_MS = 500;
let firstSignalMs: number | undefined;
const onSignal = (): void => {
  const nowMs = Date.now();
  // The first signal asks the command to stop cleanly; a later second one exits at once.
  if (firstSignalMs === undefined) {
    firstSignalMs = nowMs;
    controller.abort();
  } else if (nowMs - firstSignalMs >= SAME_REQUEST_MS) {
    process.exit(130);
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
// SIGHUP asks a long-running command to reload its configuration (and no longer ends the process).
const reload = new EventTarget();
process.on('SIGHUP', () => reload.dispatchEvent(new Event('reload')));

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  reload,
}).then(
  (code) => {
    process.exitCode = code;
    // Sockets and timers are closed by the commands; nothing should keep the loop alive, but a
    // stray handle must not turn a finished run into a hang.
    setTimeout(() => process.exit(code), 2000).unref();
  },
  (error: unknown) => {
    process.stderr.write(
      `voxd: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
