import type { EmbeddedServer } from '@voxd/agent-runtime';
import { resolveAgentEndpoint, startEmbeddedServer } from '@voxd/agent-runtime';
import type { AgentConfig, LoadedAgent } from '@voxd/config';
import type { Logger } from '@voxd/core';
import type { VoiceMetrics } from '@voxd/metrics';

import type { AgentReadiness } from './admin-server.js';
import type { AgentRunner, AgentStatus } from './agent-runner.js';
import { childLogger, errorFields } from './daemon-logger.js';
import { daemonSettingsOf } from './daemon-settings.js';
import { startGatewayAgent } from './gateway-agent.js';
import { probeEndpoint } from './probe-endpoint.js';
import { startWavAgent } from './wav-agent.js';

/** Options of {@link createAgentSupervisor}. */
export interface AgentSupervisorOptions {
  readonly metrics: VoiceMetrics;
  readonly logger: Logger;
  /** How long a reload lets the old version of a changed agent drain. */
  readonly drainTimeoutMs: number;
  /** How long `/readyz` waits for an upstream's TCP connect. @default 1000 */
  readonly probeTimeoutMs?: number;
}

/** The set of running agents, keyed by agent file. */
export interface AgentSupervisor {
  /**
   * Makes the running agents match `agents`: starts new files, restarts changed ones (the old
   * version drains first), stops those whose file is gone. Files in `keep` (invalid on a reload)
   * keep their running version. Unchanged agents and their sessions are not touched.
   */
  apply(agents: readonly LoadedAgent[], keep?: ReadonlySet<string>): Promise<void>;
  statuses(): AgentStatus[];
  readiness(): Promise<AgentReadiness[]>;
  /** The embedded local server's URL, if an agent uses `endpoint: local`. */
  embeddedUrl(): string | undefined;
  /** Drains every agent until `deadlineMs` (epoch ms), then closes the embedded server. */
  stopAll(deadlineMs: number): Promise<void>;
}

/** Starts and supervises agents; see {@link AgentSupervisor}. */
export function createAgentSupervisor(options: AgentSupervisorOptions): AgentSupervisor {
  const { metrics, logger } = options;
  const probeTimeoutMs = options.probeTimeoutMs ?? 1000;
  const runners = new Map<string, AgentRunner>();
  /** Agents wanted but without a runner (being started, or failed to start): never ready. */
  const missing = new Map<string, { readonly name: string; reason: string }>();
  let applied = false;
  let embedded: Promise<EmbeddedServer> | undefined;
  let embeddedServer: EmbeddedServer | undefined;

  const endpointOf = async (config: AgentConfig) => {
    if (config.connection.endpoint !== 'local')
      return resolveAgentEndpoint(config.connection, undefined);
    embedded ??= startEmbeddedServer().then((server) => (embeddedServer = server));
    return resolveAgentEndpoint(config.connection, await embedded);
  };

  const start = async ({ config, registry }: LoadedAgent): Promise<AgentRunner> => {
    const endpoint = await endpointOf(config);
    const common = {
      config,
      settings: daemonSettingsOf(config),
      registry,
      endpoint,
      metrics,
      logger,
    };
    return config.source?.type === 'gateway' ? startGatewayAgent(common) : startWavAgent(common);
  };

  const same = (a: AgentConfig, b: AgentConfig): boolean => JSON.stringify(a) === JSON.stringify(b);

  return {
    async apply(agents, keep = new Set()) {
      applied = true;
      const wanted = new Map(agents.map(({ config }) => [config.file, config]));
      for (const file of missing.keys()) if (!wanted.has(file)) missing.delete(file);
      const stops: Promise<void>[] = [];
      for (const [file, runner] of runners) {
        const next = wanted.get(file);
        if (keep.has(file)) continue;
        if (next !== undefined && same(next, runner.config)) continue;
        runners.delete(file);
        if (next !== undefined) missing.set(file, { name: next.name, reason: 'restarting' });
        childLogger(logger, { agent: runner.config.name }).info(
          { file },
          next === undefined ? 'agent file removed: stopping' : 'agent file changed: restarting',
        );
        stops.push(runner.stop({ deadlineMs: Date.now() + options.drainTimeoutMs }));
      }
      for (const { config } of agents)
        if (!runners.has(config.file) && !missing.has(config.file))
          missing.set(config.file, { name: config.name, reason: 'starting' });
      // A changed agent's old version releases its port (gateway) before the new one listens.
      await Promise.all(stops);
      for (const agent of agents) {
        const { config } = agent;
        if (runners.has(config.file)) continue;
        try {
          runners.set(config.file, await start(agent));
          missing.delete(config.file);
        } catch (error) {
          missing.set(config.file, {
            name: config.name,
            reason: `cannot start: ${error instanceof Error ? error.message : String(error)}`,
          });
          childLogger(logger, { agent: config.name }).error(
            errorFields(error),
            'agent cannot start',
          );
        }
      }
    },
    statuses: () => [...runners.values()].map((runner) => runner.status()),
    async readiness() {
      // Before the first apply nothing runs yet: an empty list must not read as "all ready".
      if (!applied) return [{ name: 'daemon', ready: false, reason: 'agents not started yet' }];
      const unstarted = [...missing.values()].map(({ name, reason }): AgentReadiness => ({
        name,
        ready: false,
        reason,
      }));
      const running = await Promise.all(
        [...runners.values()].map(async (runner): Promise<AgentReadiness> => {
          const { name, url } = runner.status();
          const where = url === undefined ? {} : { url };
          // The upstream's answer first: it is the likelier cause of an agent that cannot serve.
          const { endpoint } = runner.config.connection;
          const upstream = endpoint === 'local' ? embeddedServer?.url : endpoint;
          if (upstream === undefined)
            return { name, ready: false, ...where, reason: 'embedded server not started' };
          if (!(await probeEndpoint(upstream, probeTimeoutMs)))
            return { name, ready: false, ...where, reason: `upstream ${upstream} unreachable` };
          // Read after the probe: the agent may have become ready (or stopped) meanwhile.
          const own = runner.readiness();
          if (!own.ready)
            return { name, ready: false, ...where, reason: own.reason ?? 'not ready' };
          return { name, ready: true, ...where };
        }),
      );
      return [...running, ...unstarted];
    },
    embeddedUrl: () => embeddedServer?.url,
    async stopAll(deadlineMs) {
      await Promise.all([...runners.values()].map((runner) => runner.stop({ deadlineMs })));
      if (embedded !== undefined) await (await embedded).server.close();
    },
  };
}
