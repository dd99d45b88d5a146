import type { CliIo, ExitCode } from './cli-io.js';
import { EXIT, UsageError } from './cli-io.js';
import { daemonCommand } from './commands/daemon.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { serveLocalCommand } from './commands/serve-local.js';
import { validateCommand } from './commands/validate.js';

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  execute(args: readonly string[], io: CliIo): Promise<ExitCode>;
}

const COMMANDS: readonly Command[] = [
  runCommand,
  replayCommand,
  daemonCommand,
  validateCommand,
  schemaCommand,
  serveLocalCommand,
];

function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'voxd: real-time voice agents on Azure AI Voice Live',
    '',
    'Usage: voxd <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'voxd <command> --help' for a command's options.",
    'Exit codes: 0 ok, 1 run-time failure, 2 bad usage, 3 invalid agent file or input.',
    '',
  ].join('\n');
}

/** Runs the `voxd` command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainUsage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr.write(`voxd: unknown command '${name}'\n\n${mainUsage()}`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.execute(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`voxd ${command.name}: ${error.message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    throw error;
  }
}
