#!/usr/bin/env node
// The `voxd` binary: the only place that reads process.argv/env, installs signal handlers and
// sets the exit code. Everything else takes a `CliIo`.
import { runCli } from './main.js';

const controller = new AbortController();
let signals = 0;
const onSignal = (): void => {
  signals += 1;
  // The first signal asks the command to stop cleanly; a second one exits at once.
  if (signals > 1) process.exit(130);
  controller.abort();
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
