import { randomBytes } from 'node:crypto';

import type { AgentEndpoint, GatewaySourceOptions } from '@voxd/agent-runtime';
import { createAgentTransport, createPlugin } from '@voxd/agent-runtime';
import type { AgentConfig } from '@voxd/config';
import type { Logger, PluginRegistry, SessionPlugin } from '@voxd/core';
import type { FieldPolicy, Gateway } from '@voxd/io-gateway';
import { KNOWN_SESSION_FIELDS, startGateway } from '@voxd/io-gateway';
import type { VoiceMetrics } from '@voxd/metrics';
import { gatewayFieldsDroppedCounter, instrumentSession } from '@voxd/metrics';
import { asyncScheduler } from 'rxjs';

import type { AgentRunner, AgentState, AgentStatus } from './agent-runner.js';
import { childLogger, errorFields } from './daemon-logger.js';
import type { DaemonSettings } from './daemon-settings.js';

const KNOWN_FIELDS: ReadonlySet<string> = new Set(KNOWN_SESSION_FIELDS);

/** The agent's field policy: the deprecated allow list, then `client_session_fields` over it. */
function clientSessionFields(source: GatewaySourceOptions): Record<string, FieldPolicy> {
  const policies: Record<string, FieldPolicy> = {};
  for (const field of source.allow_client_session_fields) policies[field] = 'allow';
  for (const [field, policy] of Object.entries(source.client_session_fields))
    if (policy !== undefined) policies[field] = policy;
  return policies;
}

/** Options of {@link startGatewayAgent}. */
export interface GatewayAgentOptions {
  readonly config: AgentConfig;
  readonly settings: DaemonSettings;
  readonly registry: PluginRegistry;
  readonly endpoint: AgentEndpoint;
  readonly metrics: VoiceMetrics;
  readonly logger: Logger;
}

/**
 * Runs an agent with `source: { type: gateway }`: a Voice Live gateway where each client gets its
 * own session and its own upstream connection, with the agent's session, tools and limits. A
 * session that fails (upstream unreachable, 1011) is logged and counted; the gateway goes on. A
 * gateway that cannot listen leaves the agent `failed` (it does not throw).
 */
export async function startGatewayAgent(options: GatewayAgentOptions): Promise<AgentRunner> {
  const { config, settings, metrics } = options;
  const agent = config.name;
  const log = childLogger(options.logger, { agent });
  const source = config.source?.options as GatewaySourceOptions;
  const apiKeys = source.api_keys.filter((key) => key !== '');
  const bearerTokens = source.bearer_tokens.filter((token) => token !== '');
  const generatedKey =
    apiKeys.length === 0 && bearerTokens.length === 0
      ? randomBytes(24).toString('base64url')
      : undefined;
  const ctx = { agentName: agent, baseDir: config.baseDir, scheduler: asyncScheduler, logger: log };
  const createPlugins = (): SessionPlugin[] =>
    config.plugins.map((p) => createPlugin(registry.plugins, p, ctx));
  const { registry } = options;

  const fieldsDropped = gatewayFieldsDroppedCounter(metrics);
  if (source.allow_client_session_fields.length > 0) {
    log.warn(
      { fields: source.allow_client_session_fields },
      'source.allow_client_session_fields is deprecated: use client_session_fields: { <field>: allow }',
    );
  }

  let state: AgentState = 'starting';
  let started = 0;
  let failed = 0;
  let lastError: string | undefined;
  let gateway: Gateway | undefined;
  try {
    gateway = await startGateway({
      host: source.host,
      port: source.port,
      ...(source.path === undefined ? {} : { paths: [source.path] }),
      auth: { apiKeys: generatedKey === undefined ? apiKeys : [generatedKey], bearerTokens },
      session: config.session,
      clientSessionFields: clientSessionFields(source),
      onSessionFieldDropped: ({ field }) =>
        fieldsDropped.inc({ agent, field: KNOWN_FIELDS.has(field) ? field : 'other' }),
      tools: createPlugins().flatMap((p) => p.tools ?? []),
      createUpstream: (request) =>
        createAgentTransport(
          config,
          options.endpoint,
          childLogger(log, { session: request.sessionId }),
        ),
      maxSessions: settings.maxSessions,
      idleTimeoutMs: settings.idleTimeoutMs,
      maxSessionDurationMs: settings.maxSessionDurationMs,
      logger: log,
    });
    state = 'running';
    log.info({ url: gateway.url }, 'gateway listening');
  } catch (error) {
    state = 'failed';
    lastError = error instanceof Error ? error.message : String(error);
    log.error(errorFields(error), 'gateway cannot start');
  }

  const subscription = gateway?.sessions$.subscribe((session) => {
    started += 1;
    // Metrics first: they must see the session from its first event.
    instrumentSession(session.events$, metrics, { agent });
    const sessionLog = childLogger(log, { session: session.id });
    for (const plugin of createPlugins()) plugin.tap?.(session.events$);
    sessionLog.info({}, 'gateway session accepted');
    session.closed.then(
      ({ code, reason }) => {
        if (code === 1011) {
          failed += 1;
          lastError = reason === '' ? `session closed with ${code}` : reason;
          sessionLog.error({ code, reason }, 'gateway session failed');
        } else sessionLog.info({ code, reason }, 'gateway session closed');
      },
      (error: unknown) => {
        failed += 1;
        lastError = error instanceof Error ? error.message : String(error);
        sessionLog.error(errorFields(error), 'gateway session failed');
      },
    );
  });

  let stopped: Promise<void> | undefined;
  const stop = async (deadlineMs: number): Promise<void> => {
    if (gateway !== undefined) {
      state = 'draining';
      await gateway.drain({ deadlineMs: Math.max(0, deadlineMs - Date.now()) });
      await gateway.close();
    }
    subscription?.unsubscribe();
    state = 'stopped';
  };
  return {
    config,
    status: (): AgentStatus => ({
      name: agent,
      file: config.file,
      kind: 'gateway',
      state,
      activeSessions: gateway?.activeSessions() ?? 0,
      sessionsStarted: started,
      sessionsFailed: failed,
      restarts: 0,
      lastError,
      url: gateway?.url,
      generatedKey,
    }),
    // Listening is set only once the socket accepts connections (startGateway resolved).
    readiness: () =>
      state === 'running'
        ? { ready: true }
        : {
            ready: false,
            reason: `state ${state}${state === 'failed' && lastError !== undefined ? `: ${lastError}` : ''}`,
          },
    stop: ({ deadlineMs }) => (stopped ??= stop(deadlineMs)),
  };
}
