#!/usr/bin/env node
// The `voicelive-local` binary: the only file of this package that reads argv, prints, installs
// signal handlers or exits.
import { parseCliArgs, USAGE } from './cli-args.js';
import { startLocalServer } from './local-server.js';
import type { LocalServerLogger } from './local-server-options.js';

const EXIT_USAGE = 2;

function jsonLogger(): LocalServerLogger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`,
    );
  return {
    debug: () => undefined,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.kind === 'error') {
    process.stderr.write(`voicelive-local: ${args.message}\n\n${USAGE}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const server = await startLocalServer({ ...args.options, logger: jsonLogger() });
  const open =
    (args.options.apiKeys?.length ?? 0) === 0 && (args.options.bearerTokens?.length ?? 0) === 0;
  // One write: a reader that sees the first line sees the whole banner.
  process.stdout.write(
    `listening on ${server.url}\n` +
      `connect: ${server.url.replace('http', 'ws')}/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime` +
      `${open ? ' (open auth: any api-key or none)' : ' with an api-key header or query parameter'}\n` +
      `official SDK: new VoiceLiveClient('${server.url}', new AzureKeyCredential('<key>'))\n`,
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `voicelive-local: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
