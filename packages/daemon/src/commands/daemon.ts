import { parseArgs } from 'node:util';

import { createBuiltinRegistry } from '@voxd/agent-runtime';
import { formatConfigIssue } from '@voxd/config';
import { createVoiceMetrics } from '@voxd/metrics';

import type { CliIo, ExitCode } from '../cli-io.js';
import { EXIT, UsageError } from '../cli-io.js';
import { startAdminServer } from '../daemon/admin-server.js';
import { createAgentSupervisor } from '../daemon/agent-supervisor.js';
import { formatBanner } from '../daemon/banner.js';
import { createDaemonLogger, errorFields } from '../daemon/daemon-logger.js';
import { loadAgents } from '../daemon/load-agents.js';
import type { Command } from '../main.js';

const USAGE = `Usage: voxd daemon [PATH...] [options]

Runs every agent in PATH (agent files or folders of them; default configs/agents) until SIGTERM or
SIGINT: a WAV agent runs its session again and again as its restart policy says, a gateway agent
serves Voice Live clients. Every agent is validated before any starts.

Options:
  --admin-host HOST        admin HTTP server host (default 127.0.0.1)
  --admin-port PORT        admin HTTP server port; 0 picks a free one
                           (default $VOXD_ADMIN_PORT, else 9464)
  --drain-timeout-ms MS    on SIGTERM/SIGINT (or a reload), how long responses in flight may
                           finish before sessions are closed (default 10000)
  --keep-going             start the valid agents even if some files are invalid
  --skip-missing-env       skip (do not fail on) agents whose only problem is an unset \${VAR}
  --log-level LEVEL        debug | info | warn | error (default $VOXD_LOG_LEVEL, else info)
  --help                   show this help

Admin endpoints: /metrics (Prometheus), /healthz, /readyz, /agents.
Signals: SIGTERM/SIGINT drain and exit 0 (a second one, 0.5 s or more later, exits at once; repeats
within 0.5 s are one request sent twice, to a process group and by a wrapper); SIGHUP reloads changed
agent files (an invalid file keeps its running version and its errors are logged).
Logs: JSON lines on stderr (human lines on a terminal).

Exit codes: 0 clean shutdown, 1 run-time failure (e.g. the admin port is taken), 2 bad usage,
3 invalid agent file (nothing started).
`;

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

interface DaemonArgs {
  readonly paths: readonly string[];
  readonly adminHost: string;
  readonly adminPort: number;
  readonly drainTimeoutMs: number;
  readonly keepGoing: boolean;
  readonly skipMissingEnv: boolean;
  readonly logLevel: Level;
}

function integer(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max)
    throw new UsageError(`${name} must be an integer from 0 to ${max}, got '${text}'`);
  return value;
}

function parseDaemonArgs(args: readonly string[], env: CliIo['env']): DaemonArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        'admin-host': { type: 'string' },
        'admin-port': { type: 'string' },
        'drain-timeout-ms': { type: 'string' },
        'keep-going': { type: 'boolean' },
        'skip-missing-env': { type: 'boolean' },
        'log-level': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const portText = values['admin-port'] ?? env['VOXD_ADMIN_PORT'] ?? '9464';
  const level = values['log-level'] ?? env['VOXD_LOG_LEVEL'] ?? 'info';
  if (!(LEVELS as readonly string[]).includes(level))
    throw new UsageError(`--log-level must be one of ${LEVELS.join(', ')}, got '${level}'`);
  return {
    paths: parsed.positionals.length === 0 ? ['configs/agents'] : parsed.positionals,
    adminHost: values['admin-host'] ?? '127.0.0.1',
    adminPort: integer(
      values['admin-port'] === undefined ? 'VOXD_ADMIN_PORT' : '--admin-port',
      portText,
      65_535,
    ),
    drainTimeoutMs: integer('--drain-timeout-ms', values['drain-timeout-ms'] ?? '10000', 3_600_000),
    keepGoing: values['keep-going'] ?? false,
    skipMissingEnv: values['skip-missing-env'] ?? false,
    logLevel: level as Level,
  };
}

async function execute(rawArgs: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseDaemonArgs(rawArgs, io.env);
  const registry = createBuiltinRegistry();
  const load = () =>
    loadAgents({
      paths: args.paths,
      cwd: io.cwd,
      env: io.env,
      registry,
      skipMissingEnv: args.skipMissingEnv,
    });
  const loaded = await load();
  for (const issue of loaded.issues) io.stderr.write(`${formatConfigIssue(issue)}\n`);
  if (loaded.issues.length > 0 && !args.keepGoing) {
    io.stderr.write(
      `\n${loaded.issues.length} problem(s) in ${loaded.files.length} file(s): no agent started (--keep-going starts the valid ones)\n`,
    );
    return EXIT.invalidInput;
  }
  if (loaded.files.length === 0) {
    io.stderr.write(`voxd daemon: no agent files in ${args.paths.join(' ')}\n`);
    return EXIT.invalidInput;
  }

  const logger = createDaemonLogger({
    write: (line) => io.stderr.write(line),
    pretty: (io.stderr as { isTTY?: boolean }).isTTY === true,
    level: args.logLevel,
  });
  const metrics = createVoiceMetrics({ collectProcessMetrics: true });
  const supervisor = createAgentSupervisor({
    metrics,
    logger,
    drainTimeoutMs: args.drainTimeoutMs,
  });
  let draining = false;
  let admin;
  try {
    admin = await startAdminServer(
      {
        metrics,
        agents: () => supervisor.statuses(),
        readiness: () => supervisor.readiness(),
        draining: () => draining,
      },
      { host: args.adminHost, port: args.adminPort },
    );
  } catch (error) {
    io.stderr.write(`voxd daemon: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
  // Before any agent starts, so a supervisor can poll /readyz (503 until every agent can serve).
  logger.info({ admin: admin.url }, 'admin listening');
  for (const skip of loaded.skipped)
    logger.warn({ file: skip.file, missing: skip.issues.length }, 'agent skipped: unset variables');
  await supervisor.apply(loaded.agents);
  io.stdout.write(
    formatBanner({
      adminUrl: admin.url,
      embeddedUrl: supervisor.embeddedUrl(),
      agents: supervisor.statuses(),
      skipped: loaded.skipped,
      cwd: io.cwd,
    }),
  );
  logger.info({ admin: admin.url, agents: loaded.agents.length }, 'daemon started');

  // Reloads run one at a time; a SIGHUP during one queues another.
  let reloading = Promise.resolve();
  const reload = (): void => {
    reloading = reloading
      .then(async () => {
        if (draining) return;
        logger.info({}, 'reloading agent files');
        const next = await load();
        for (const issue of next.issues)
          logger.error(
            {
              file: issue.file,
              line: issue.line,
              column: issue.column,
              path: issue.path,
              err: issue.message,
            },
            'agent file invalid: keeping its running version',
          );
        await supervisor.apply(next.agents, next.badFiles);
        logger.info({ agents: supervisor.statuses().length }, 'reloaded');
      })
      .catch((error: unknown) => logger.error(errorFields(error), 'reload failed'));
  };
  io.reload?.addEventListener('reload', reload);

  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  io.reload?.removeEventListener('reload', reload);
  draining = true;
  const deadlineMs = Date.now() + args.drainTimeoutMs;
  logger.info({ drainTimeoutMs: args.drainTimeoutMs }, 'draining');
  await reloading;
  await supervisor.stopAll(deadlineMs);
  await admin.close();
  logger.info({}, 'stopped');
  return EXIT.ok;
}

export const daemonCommand: Command = {
  name: 'daemon',
  summary: 'run many agents: supervised sessions, gateways, /metrics /healthz /readyz, drain',
  usage: USAGE,
  execute,
};
