import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

import { createBuiltinRegistry } from '@voxd/agent-runtime';
import { formatConfigIssue, validateAgentFiles } from '@voxd/config';
import { loadPluginPackage } from '@voxd/plugins';

import type { CliIo, ExitCode } from '../cli-io.js';
import { EXIT, UsageError } from '../cli-io.js';
import type { Command } from '../main.js';

const USAGE = `Usage: voxd validate FILE|DIR...

Checks agent files without opening any connection: YAML syntax, every field, environment
variables, and the files they name (e.g. that a source WAV exists and has a supported format).
Every problem is reported at once as file:line:column with the field path.

Exit codes: 0 all valid, 2 bad usage, 3 problems found.
`;

/** Expands folders to the `.yaml`/`.yml` files directly inside them, sorted. */
export async function expandAgentPaths(paths: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths.map((p) => resolve(cwd, p))) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory() === true) {
      const names = (await readdir(path)).filter((n) => ['.yaml', '.yml'].includes(extname(n)));
      files.push(...names.sort().map((n) => join(path, n)));
    } else {
      files.push(path); // a missing file is reported by the validator, with its name
    }
  }
  return files;
}

async function execute(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const unknown = args.filter((a) => a.startsWith('-'));
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(' ')}`);
  if (args.length === 0) throw new UsageError('name at least one agent file or folder');
  const files = await expandAgentPaths(args, io.cwd);
  const report = await validateAgentFiles(files, {
    env: io.env,
    registry: createBuiltinRegistry(),
    loadPlugin: loadPluginPackage,
  });
  for (const result of report.results) {
    if (result.ok) io.stdout.write(`ok    ${result.file} (agent ${result.config.name})\n`);
  }
  for (const issue of report.issues) io.stderr.write(`${formatConfigIssue(issue)}\n`);
  if (report.issues.length > 0) {
    io.stderr.write(`\n${report.issues.length} problem(s) in ${files.length} file(s)\n`);
    return EXIT.invalidInput;
  }
  return EXIT.ok;
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check agent files (YAML, fields, env vars, referenced files) without connecting',
  usage: USAGE,
  execute,
};
