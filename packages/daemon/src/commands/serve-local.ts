import { LOCAL_SERVER_USAGE, parseLocalServerArgs, startLocalServer } from '@voxd/local-server';

import type { CliIo, ExitCode } from '../cli-io.js';
import { EXIT, UsageError } from '../cli-io.js';
import { createJsonLogger } from '../json-logger.js';
import type { Command } from '../main.js';

/** `voxd serve-local`: the embedded local Voice Live server alone (same flags as `voicelive-local`). */
async function execute(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const parsed = parseLocalServerArgs(args);
  if (parsed.kind === 'error') throw new UsageError(parsed.message);
  if (parsed.kind === 'help') {
    io.stdout.write(`${LOCAL_SERVER_USAGE}\n`);
    return EXIT.ok;
  }
  const logger = createJsonLogger({ write: (line) => io.stderr.write(line) });
  const server = await startLocalServer({
    ...parsed.options,
    logger: {
      debug: () => undefined,
      info: (message, fields) => logger.info(fields ?? {}, message),
      warn: (message, fields) => logger.warn(fields ?? {}, message),
      error: (message, fields) => logger.error(fields ?? {}, message),
    },
  });
  io.stdout.write(`listening on ${server.url}\n`);
  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  return EXIT.ok;
}

export const serveLocalCommand: Command = {
  name: 'serve-local',
  summary: 'run the embedded local Voice Live server alone (flags as voicelive-local)',
  usage: `${LOCAL_SERVER_USAGE}\n`,
  execute,
};
