import type { Logger, ToolDefinition, Transport } from '@voxd/core';
import type { SessionConfig } from '@voxd/protocol';
import type { SchedulerLike } from 'rxjs';
import { asyncScheduler } from 'rxjs';

import type { SessionFieldPolicy } from './field-policy.js';
import { createSessionFieldPolicy, sessionFieldPolicyProblem } from './field-policy.js';
import { GatewayError } from './gateway-error.js';
import type { GatewayOptions, UpstreamRequest } from './gateway-options.js';

/** `GatewayOptions` with every default filled in and checked. */
export interface ResolvedGatewayOptions {
  readonly host: string;
  readonly port: number;
  readonly paths: readonly string[];
  readonly session: SessionConfig;
  readonly fieldPolicy: SessionFieldPolicy;
  readonly onSessionFieldDropped: (drop: {
    readonly sessionId: string;
    readonly field: string;
  }) => void;
  readonly tools: readonly ToolDefinition[] | undefined;
  readonly forwardToolCalls: boolean;
  readonly createUpstream: (request: UpstreamRequest) => Transport;
  readonly maxSessions: number;
  readonly maxFrameBytes: number;
  readonly clientBufferBytes: number;
  readonly idleTimeoutMs: number;
  readonly maxSessionDurationMs: number;
  readonly upstreamReadyTimeoutMs: number;
  readonly maxQueuedEvents: number;
  readonly toolTimeoutMs: number;
  readonly logger: Logger;
  readonly scheduler: SchedulerLike;
}

const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function count(
  name: string,
  value: number | undefined,
  limits: { fallback: number; min: number },
): number {
  const { fallback, min } = limits;
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < min) {
    throw new GatewayError(
      'E_GATEWAY_OPTIONS',
      `${name} must be an integer >= ${min}, got ${String(value)}`,
    );
  }
  return resolved;
}

/**
 * Fills in defaults and checks ranges.
 *
 * @throws GatewayError `E_GATEWAY_OPTIONS` naming the bad option.
 */
export function resolveOptions(options: GatewayOptions): ResolvedGatewayOptions {
  const { auth } = options;
  if (auth.apiKeys.length === 0 && auth.bearerTokens.length === 0) {
    throw new GatewayError(
      'E_GATEWAY_OPTIONS',
      'auth needs at least one API key or bearer token: the gateway has no open mode',
    );
  }
  if ([...auth.apiKeys, ...auth.bearerTokens].some((secret) => secret.length === 0)) {
    throw new GatewayError('E_GATEWAY_OPTIONS', 'auth keys and tokens must not be empty');
  }
  const paths = options.paths ?? ['/voice-live/realtime', '/voice-agent/realtime'];
  if (paths.length === 0 || paths.some((path) => !path.startsWith('/'))) {
    throw new GatewayError(
      'E_GATEWAY_OPTIONS',
      `paths must be absolute, got ${JSON.stringify(paths)}`,
    );
  }
  const names = (options.tools ?? []).map((tool) => tool.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw new GatewayError('E_GATEWAY_OPTIONS', `tool "${duplicate}" is defined twice`);
  }
  const fieldOverrides = {
    ...Object.fromEntries(
      (options.allowClientSessionFields ?? []).map((f) => [f, 'allow' as const]),
    ),
    ...options.clientSessionFields,
  };
  const problem = sessionFieldPolicyProblem(fieldOverrides);
  if (problem !== undefined) {
    throw new GatewayError(
      'E_GATEWAY_OPTIONS',
      `clientSessionFields.${problem.field} ${problem.message}`,
    );
  }
  return {
    host: options.host ?? '127.0.0.1',
    port: count('port', options.port, { fallback: 8765, min: 0 }),
    paths,
    session: options.session,
    fieldPolicy: createSessionFieldPolicy(fieldOverrides),
    onSessionFieldDropped: options.onSessionFieldDropped ?? (() => undefined),
    tools: options.tools,
    forwardToolCalls: options.forwardToolCalls ?? false,
    createUpstream: (request) => options.createUpstream(request),
    maxSessions: count('maxSessions', options.maxSessions, { fallback: 100, min: 1 }),
    maxFrameBytes: count('maxFrameBytes', options.maxFrameBytes, {
      fallback: 1024 * 1024,
      min: 1024,
    }),
    clientBufferBytes: count('clientBufferBytes', options.clientBufferBytes, {
      fallback: 8 * 1024 * 1024,
      min: 1,
    }),
    idleTimeoutMs: count('idleTimeoutMs', options.idleTimeoutMs, { fallback: 300_000, min: 0 }),
    maxSessionDurationMs: count('maxSessionDurationMs', options.maxSessionDurationMs, {
      fallback: 3_600_000,
      min: 0,
    }),
    upstreamReadyTimeoutMs: count('upstreamReadyTimeoutMs', options.upstreamReadyTimeoutMs, {
      fallback: 30_000,
      min: 1,
    }),
    maxQueuedEvents: count('maxQueuedEvents', options.maxQueuedEvents, { fallback: 256, min: 0 }),
    toolTimeoutMs: count('toolTimeoutMs', options.toolTimeoutMs, { fallback: 10_000, min: 1 }),
    logger: options.logger ?? silentLogger,
    scheduler: options.scheduler ?? asyncScheduler,
  };
}
