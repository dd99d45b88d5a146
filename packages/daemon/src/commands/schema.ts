import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { createBuiltinRegistry } from '@voxd/agent-runtime';
import { agentConfigJsonSchema } from '@voxd/config';
import { suiteJsonSchema } from '@voxd/replay';

import type { CliIo, ExitCode } from '../cli-io.js';
import { EXIT, UsageError } from '../cli-io.js';
import type { Command } from '../main.js';

const USAGE = `Usage: voxd schema [--replay-suite] [--out FILE]

Prints the JSON Schema of agent files (for editors: e.g. the YAML language server's
"# yaml-language-server: $schema=..." comment), or writes it to FILE. --replay-suite: the
schema of \`voxd replay\` suite files instead.
`;

async function execute(args: readonly string[], io: CliIo): Promise<ExitCode> {
  let out: string | undefined;
  let suite = false;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { out: { type: 'string' }, 'replay-suite': { type: 'boolean', default: false } },
    });
    out = values.out;
    suite = values['replay-suite'];
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const schema = suite ? suiteJsonSchema() : agentConfigJsonSchema(createBuiltinRegistry());
  const text = `${JSON.stringify(schema, null, 2)}\n`;
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
