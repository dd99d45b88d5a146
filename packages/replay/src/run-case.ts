import type { AudioFormat } from '@voxd/audio';
import {
  createAgentSession,
  createAgentTransport,
  createBuiltinRegistry,
  resolveAgentEndpoint,
  startEmbeddedServer,
} from '@voxd/agent-runtime';
import type { EmbeddedServer } from '@voxd/agent-runtime';
import type { AgentConfig } from '@voxd/config';
import { ConfigError, loadAgent } from '@voxd/config';
import type {
  AnySinkPlugin,
  AnySourcePlugin,
  Logger,
  PluginRegistry,
  Session,
  SessionEvent,
} from '@voxd/core';
import { audioFormatOf } from '@voxd/io-wav';
import type { WavSinkFormatName } from '@voxd/io-wav';
import type { LocalServerOptions, ResponderOption, ScriptTurn } from '@voxd/local-server';
import { loadPluginPackage } from '@voxd/plugins';
import { z } from 'zod';
import { resolve } from 'node:path';

import type { CaseSource, InputPiece } from './case-input.js';
import { createCaseSource, readCaseAudio } from './case-input.js';
import { createLockstep } from './lockstep.js';
import type { SuiteCase } from './load-suite.js';
import { ReplayError } from './replay-error.js';
import type { PlayedPiece } from './replay-sink.js';
import { createReplaySink } from './replay-sink.js';
import { STUBS_PLUGIN_KIND, stubRegistry } from './stub-tools.js';
import type { ServerSpec } from './suite-schema.js';
import { VirtualClock } from './virtual-clock.js';

/** Everything one run of a case produced: the material of its checks, golden file and WAV. */
export interface CaseRun {
  readonly events: readonly SessionEvent[];
  readonly inputFormat: AudioFormat;
  readonly outputFormat: AudioFormat;
  /** User audio as sent, with virtual start times. */
  readonly input: readonly InputPiece[];
  /** Assistant audio as played, with virtual start times. */
  readonly played: readonly PlayedPiece[];
  /** Virtual ms the source started (input ms 0). */
  readonly inputStartMs: number;
  readonly bargeInStartMs: number | undefined;
  /** Virtual ms the case lasted. */
  readonly durationMs: number;
  readonly wallMs: number;
  /** Problems of the run itself (a stall, a fatal session error); expectations come on top. */
  readonly problems: readonly string[];
}

export interface RunCaseOptions {
  readonly suiteDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Seed of this run (repeats use seed + run index when the case sets none). */
  readonly seed: number;
  /** Wall-clock limit of one run. @default 120000 */
  readonly wallTimeoutMs?: number;
  /** Agent files already loaded (by absolute path): a suite loads each once. */
  readonly agents?: Map<string, Promise<{ config: AgentConfig; registry: PluginRegistry }>>;
}

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const DEFAULT_MAX_DURATION_MS = 300_000;

function scriptTurns(script: NonNullable<ServerSpec['script']>): ScriptTurn[] {
  return script.map((t): ScriptTurn => {
    const extra = t.transcript === undefined ? {} : { transcript: t.transcript };
    if (t.say !== undefined) return { say: t.say, ...extra };
    if (t.call !== undefined) {
      const args = t.call.arguments ?? {};
      return {
        call: {
          name: t.call.name,
          arguments: typeof args === 'string' ? args : JSON.stringify(args),
        },
        ...extra,
      };
    }
    return { error: t.error!, ...extra };
  });
}

function serverOptions(server: ServerSpec, suiteDir: string, seed: number): LocalServerOptions {
  const responder: ResponderOption =
    server.script !== undefined
      ? { type: 'script', turns: scriptTurns(server.script) }
      : server.script_file !== undefined
        ? { type: 'script', path: resolve(suiteDir, server.script_file) }
        : (server.responder ?? 'tts');
  const f = server.faults;
  return {
    responder,
    // The lockstep needs the server to answer at once; latency is modelled on the virtual clock.
    pace: 'asap',
    firstAudioMs: 0,
    seed,
    faults: {
      ...(f?.drop_after_events === undefined ? {} : { dropAfterEvents: f.drop_after_events }),
      ...(f?.error_every === undefined ? {} : { errorEvery: f.error_every }),
      ...(f?.refuse_upgrades === undefined ? {} : { refuseUpgrades: f.refuse_upgrades }),
      ...(f?.rate_limits === undefined ? {} : { rateLimits: f.rate_limits }),
    },
  };
}

/** A small seeded PRNG (mulberry32) for the latency model's jitter. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function loadCaseAgent(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ config: AgentConfig; registry: PluginRegistry }> {
  try {
    return await loadAgent(file, {
      env,
      registry: createBuiltinRegistry(),
      loadPlugin: loadPluginPackage,
    });
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ReplayError('E_REPLAY_AGENT', `invalid agent file:\n${error.message}`, {
        cause: error,
      });
    throw error;
  }
}

/**
 * Runs one case once against its own embedded server, in lockstep on a virtual clock: the driver
 * moves the clock to the next scheduled action (a source frame, a playhead step, a session timer)
 * only after both ends of the socket went quiet, so every run of a case sees the same events at
 * the same virtual times.
 *
 * @throws {ReplayError} when the case cannot start (bad input WAV, invalid agent file).
 */
export async function runCase(
  c: Extract<SuiteCase, { ok: true }>,
  options: RunCaseOptions,
): Promise<CaseRun> {
  const wallStart = performance.now();
  const audio = await readCaseAudio(c.spec.input, options.suiteDir);
  let loading = options.agents?.get(c.agentFile);
  if (loading === undefined) {
    loading = loadCaseAgent(c.agentFile, options.env);
    options.agents?.set(c.agentFile, loading);
  }
  const agent = await loading;
  const clock = new VirtualClock();
  const scheduler = clock.scheduler;
  const caseSource: CaseSource = createCaseSource(audio, scheduler);
  const outputFormat = audioFormatOf(
    (agent.config.session.output_audio_format ?? 'pcm16') as WavSinkFormatName,
  );
  const sink = createReplaySink(outputFormat, scheduler);

  const sourcePlugin: AnySourcePlugin = {
    kind: 'replay-input',
    options: z.object({}),
    create: () => caseSource.source,
  };
  const sinkPlugin: AnySinkPlugin = {
    kind: 'replay-sink',
    options: z.object({}),
    create: () => sink,
  };
  const stubbed = stubRegistry(agent.registry, c.stubs);
  const registry: PluginRegistry = { ...stubbed, sources: [sourcePlugin], sinks: [sinkPlugin] };
  const config: AgentConfig = {
    ...agent.config,
    connection: { ...agent.config.connection, endpoint: 'local' },
    source: { type: 'replay-input', options: {} },
    sink: { type: 'replay-sink', options: {} },
    plugins: [
      ...agent.config.plugins,
      { type: STUBS_PLUGIN_KIND, options: { tools: Object.keys(c.stubs) } },
    ],
  };

  let embedded: EmbeddedServer | undefined;
  let session: Session | undefined;
  const events: SessionEvent[] = [];
  const problems: string[] = [];
  try {
    embedded = await startEmbeddedServer(
      serverOptions(c.server, options.suiteDir, c.server.seed ?? options.seed),
    );
    const lockstep = createLockstep(
      createAgentTransport(config, resolveAgentEndpoint(config.connection, embedded), silentLogger),
      embedded.server,
      {
        scheduler,
        ...(c.server.first_audio_ms === undefined && c.server.jitter_ms === undefined
          ? {}
          : {
              latency: {
                firstAudioMs: c.server.first_audio_ms ?? 0,
                jitterMs: c.server.jitter_ms ?? 0,
                random: seeded(c.server.seed ?? options.seed),
              },
            }),
      },
    );
    session = createAgentSession({
      config,
      registry,
      ctx: { agentName: config.name, baseDir: config.baseDir, scheduler, logger: silentLogger },
      transport: lockstep.transport,
    });
    let ended = false;
    session.events$.subscribe({
      next: (event) => {
        events.push(event);
        if (event.type === 'playback.started') caseSource.assistantStarted(event.atMs);
      },
      error: (error: unknown) => {
        ended = true;
        problems.push(
          `the session failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
      complete: () => (ended = true),
    });

    const maxMs = c.spec.max_duration_ms ?? DEFAULT_MAX_DURATION_MS;
    const wallLimitMs = options.wallTimeoutMs ?? 120_000;
    await lockstep.settle();
    while (!ended) {
      if (performance.now() - wallStart > wallLimitMs) {
        problems.push(
          `timed out after ${wallLimitMs} ms of wall-clock time (at ${clock.nowMs} ms of the case)`,
        );
        break;
      }
      const next = clock.nextDueMs();
      if (next === undefined) {
        // Nothing scheduled: the session may still be finishing (closing the sink). Give it a
        // few turns of the event loop before calling it stalled.
        for (let i = 0; i < 20 && !ended; i++) await new Promise((r) => setImmediate(r));
        if (!ended && clock.nextDueMs() === undefined) {
          problems.push(
            `stalled at ${clock.nowMs} ms: the session waits for something that never comes (no timer, no audio, no server event)`,
          );
          break;
        }
        continue;
      }
      if (next > maxMs) {
        problems.push(`still running after max_duration_ms ${maxMs} ms of the case`);
        break;
      }
      clock.runUntil(next);
      await lockstep.settle();
    }
    const problem = caseSource.problem();
    if (problem !== undefined) problems.push(problem);
  } finally {
    if (session !== undefined) await session.close().catch(() => undefined);
    await embedded?.server.close();
  }
  return {
    events,
    inputFormat: audio.format,
    outputFormat,
    input: caseSource.captured,
    played: sink.played,
    inputStartMs: caseSource.startMs() ?? 0,
    bargeInStartMs: caseSource.bargeInStartMs(),
    durationMs: clock.nowMs,
    wallMs: performance.now() - wallStart,
    problems,
  };
}
