import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { createBuiltinRegistry } from '@voxd/agent-runtime';
import { agentConfigJsonSchema } from '@voxd/config';

import type { CliIo, ExitCode } from '../cli-io.js';
import { EXIT, UsageError } from '../cli-io.js';
import type { Command } from '../main.js';

const USAGE = `Usage: voxd schema [--out FILE]

Prints the JSON Schema of agent files (for editors: e.g. the YAML language server's
"# yaml-language-server: $schema=..." comment), or writes it to FILE.
`;

async function execute(args: readonly string[], io: CliIo): Promise<ExitCode> {
  let out: string | undefined;
  try {
    out = parseArgs({ args: [...args], options: { out: { type: 'string' } } }).values.out;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const text = `${JSON.stringify(agentConfigJsonSchema(createBuiltinRegistry()), null, 2)}\n`;
  if (out === undefined) io.stdout.write(text);
  else await writeFile(resolve(io.cwd, out), text);
  return EXIT.ok;
}

export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of agent files (for editors)',
  usage: USAGE,
  execute,
};
