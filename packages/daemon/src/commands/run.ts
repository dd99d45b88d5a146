import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import type { EmbeddedServer } from '@voxd/agent-runtime';
import {
  createAgentSession,
  createAgentTransport,
  createBuiltinRegistry,
  resolveAgentEndpoint,
  startEmbeddedServer,
} from '@voxd/agent-runtime';
import type { AgentConfig } from '@voxd/config';
import { ConfigError, loadAgent } from '@voxd/config';
import type { PluginContext, PluginRegistry, SessionEvent } from '@voxd/core';
import { wavSinkPlugin, wavSourcePlugin } from '@voxd/io-wav';
import { loadPluginPackage } from '@voxd/plugins';
import { asyncScheduler, map, tap } from 'rxjs';

import type { CliIo, ExitCode } from '../cli-io.js';
import { EXIT, UsageError } from '../cli-io.js';
import { eventToJson } from '../event-json.js';
import { createJsonLogger } from '../json-logger.js';
import type { Command } from '../main.js';
import { summarizeRun } from '../run-summary.js';
import { formatTimelineEvent } from '../timeline.js';

const USAGE = `Usage: voxd run AGENT.yaml [options]

Runs one session of an agent: streams its source (e.g. a WAV file) to Voice Live, plays the
reply to its sink (e.g. a WAV file) and prints a timeline with per-turn latencies.

Options:
  --input WAV          use this WAV file as the source (replaces the agent's source)
  --output WAV         record the assistant to this WAV file (replaces the agent's sink)
  --events FILE        write every session event as JSON lines (audio payloads elided)
  --endpoint URL|local override connection.endpoint (local: the embedded server)
  --help               show this help

Exit codes: 0 clean session, 1 session failed, 2 bad usage, 3 invalid agent file or input.
`;

interface RunArgs {
  readonly agentFile: string;
  readonly input: string | undefined;
  readonly output: string | undefined;
  readonly events: string | undefined;
  readonly endpoint: string | undefined;
}

function parseRunArgs(args: readonly string[], cwd: string): RunArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        input: { type: 'string' },
        output: { type: 'string' },
        events: { type: 'string' },
        endpoint: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [agentFile, ...extra] = parsed.positionals;
  if (agentFile === undefined) throw new UsageError('missing AGENT.yaml');
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const abs = (path: string | undefined): string | undefined =>
    path === undefined ? undefined : resolve(cwd, path);
  return {
    agentFile: resolve(cwd, agentFile),
    input: abs(parsed.values.input),
    output: abs(parsed.values.output),
    events: abs(parsed.values.events),
    endpoint: parsed.values.endpoint,
  };
}

/** Applies `--input`, `--output` and `--endpoint`, checking the files they name like the agent's. */
async function applyOverrides(config: AgentConfig, args: RunArgs): Promise<AgentConfig> {
  let result = config;
  const issues: string[] = [];
  const ctx = { agentName: config.name, baseDir: config.baseDir };
  if (args.input !== undefined) {
    const base = config.source?.type === 'wav' ? (config.source.options as object) : {};
    const options = wavSourcePlugin.options.parse({ ...base, path: args.input });
    for (const issue of (await wavSourcePlugin.validate?.(options, ctx)) ?? [])
      issues.push(
        `--input ${issue.message}${issue.hint === undefined ? '' : `\n  hint: ${issue.hint}`}`,
      );
    result = { ...result, source: { type: 'wav', options } };
  }
  if (args.output !== undefined) {
    const base = config.sink?.type === 'wav' ? (config.sink.options as object) : {};
    const options = wavSinkPlugin.options.parse({ ...base, path: args.output });
    for (const issue of (await wavSinkPlugin.validate?.(options, ctx)) ?? [])
      issues.push(`--output ${issue.message}`);
    result = { ...result, sink: { type: 'wav', options } };
  }
  if (args.endpoint !== undefined) {
    if (args.endpoint !== 'local' && !/^(https?|wss?):\/\//.test(args.endpoint))
      throw new UsageError(
        `--endpoint must be "local" or an http(s)/ws(s) URL, got '${args.endpoint}'`,
      );
    if (args.endpoint !== 'local' && result.connection.auth === undefined)
      issues.push(
        `--endpoint ${args.endpoint}: the agent has no connection.auth for a remote endpoint`,
      );
    result = { ...result, connection: { ...result.connection, endpoint: args.endpoint } };
  }
  if (result.source !== undefined && result.source.type !== 'wav')
    issues.push(
      `${config.file}: source type "${result.source.type}" serves many sessions: run it with \`voxd daemon\` (or pass --input WAV for one session)`,
    );
  if (issues.length > 0) throw new InputError(issues.join('\n'));
  return result;
}

class InputError extends Error {
  override readonly name = 'InputError';
}

async function execute(rawArgs: readonly string[], io: CliIo): Promise<ExitCode> {
  const args = parseRunArgs(rawArgs, io.cwd);
  let config: AgentConfig;
  let registry: PluginRegistry;
  try {
    const agent = await loadAgent(args.agentFile, {
      env: io.env,
      registry: createBuiltinRegistry(),
      loadPlugin: loadPluginPackage,
    });
    registry = agent.registry;
    config = await applyOverrides(agent.config, args);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof InputError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.invalidInput;
    }
    throw error;
  }

  const logger = createJsonLogger({
    write: (line) => io.stderr.write(line),
    level: io.env['VOXD_LOG_LEVEL'] === 'debug' ? 'debug' : 'warn',
    bindings: { agent: config.name },
  });
  const pluginCtx: PluginContext = {
    agentName: config.name,
    baseDir: config.baseDir,
    scheduler: asyncScheduler,
    logger,
  };

  let embedded: EmbeddedServer | undefined;
  const eventsFile = args.events === undefined ? undefined : createWriteStream(args.events);
  try {
    if (config.connection.endpoint === 'local') embedded = await startEmbeddedServer();
    const endpoint = resolveAgentEndpoint(config.connection, embedded);
    io.stdout.write(
      `agent ${config.name} → ${config.connection.endpoint === 'local' ? `embedded local server (${endpoint.url})` : endpoint.url}\n`,
    );

    // The same assembly as the daemon's sessions: one place decides formats and plugins.
    const run = createAgentSession({
      config,
      registry,
      ctx: pluginCtx,
      transport: createAgentTransport(config, endpoint, logger),
    });

    const events: SessionEvent[] = [];
    let startMs: number | undefined;
    const onAbort = (): void => void run.close();
    io.signal.addEventListener('abort', onAbort, { once: true });
    const outcome = await new Promise<{ ok: boolean; error?: unknown }>((done) => {
      run.events$
        .pipe(
          tap((event) => {
            startMs ??= event.atMs;
            events.push(event);
            eventsFile?.write(`${JSON.stringify(eventToJson(event))}\n`);
          }),
          map((event) => formatTimelineEvent(event, startMs ?? event.atMs)),
        )
        .subscribe({
          next: (line) => {
            if (line !== undefined) io.stdout.write(`${line}\n`);
          },
          error: (error: unknown) => done({ ok: false, error }),
          complete: () => done({ ok: true }),
        });
    });
    io.signal.removeEventListener('abort', onAbort);
    io.stdout.write(
      summarizeRun(
        events,
        config.sink === undefined ? undefined : (args.output ?? sinkPath(config)),
      ),
    );
    if (!outcome.ok) {
      const message =
        outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      io.stderr.write(`voxd run: session failed: ${message}\n`);
      return EXIT.failed;
    }
    return EXIT.ok;
  } finally {
    await new Promise<void>((done) => (eventsFile === undefined ? done() : eventsFile.end(done)));
    await embedded?.server.close();
  }
}

function sinkPath(config: AgentConfig): string | undefined {
  const options = config.sink?.options as { path?: unknown } | undefined;
  return typeof options?.path === 'string' ? resolve(config.baseDir, options.path) : undefined;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run one session of an agent (e.g. WAV in → WAV out) and print its timeline',
  usage: USAGE,
  execute,
};
