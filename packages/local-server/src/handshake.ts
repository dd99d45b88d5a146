import type { IncomingMessage } from 'node:http';

import { API_VERSIONS } from '@voxd/protocol';

import type { ResolvedOptions } from './local-server-options.js';

/** What a connection talks to: a model, or a Foundry agent. */
export type SessionTarget =
  | { readonly kind: 'model'; readonly model: string }
  | {
      readonly kind: 'agent';
      readonly agentName: string;
      readonly projectName: string | undefined;
    };

export type HandshakeResult =
  | { readonly ok: true; readonly target: SessionTarget; readonly apiVersion: string }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
    };

const PATHS = new Set(['/voice-live/realtime', '/voice-agent/realtime']);

function reject(status: number, code: string, message: string): HandshakeResult {
  return { ok: false, status, code, message };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `Bearer tok`, `Bearer+tok` (URLSearchParams already turned `+` and `%20` into a space). */
function bearerToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^bearer[ +]+(.+)$/i.exec(value.trim());
  return match?.[1]?.trim();
}

function checkAuth(
  request: IncomingMessage,
  query: URLSearchParams,
  options: ResolvedOptions,
): string | undefined {
  // Open mode (no keys, no tokens configured): the dev default accepts anything.
  if (options.apiKeys.length === 0 && options.bearerTokens.length === 0) return undefined;
  const keys = [header(request, 'api-key'), query.get('api-key') ?? undefined];
  if (keys.some((key) => key !== undefined && options.apiKeys.includes(key))) return undefined;
  const tokens = [
    bearerToken(header(request, 'authorization')),
    bearerToken(query.get('authorization') ?? undefined),
  ];
  if (tokens.some((token) => token !== undefined && options.bearerTokens.includes(token)))
    return undefined;
  const offered = keys.some((k) => k !== undefined) || tokens.some((t) => t !== undefined);
  return offered
    ? 'the API key or bearer token is not valid for this server'
    : 'missing credentials: send an api-key header or query parameter, or an Authorization: Bearer token';
}

function target(query: URLSearchParams): SessionTarget | undefined {
  const model = query.get('model');
  if (model !== null && model !== '') return { kind: 'model', model };
  const agentName = query.get('agent-name');
  const projectName = query.get('agent-project-name');
  if (agentName !== null && agentName !== '' && projectName !== null && projectName !== '') {
    return { kind: 'agent', agentName, projectName };
  }
  const legacyAgent = query.get('agent-id') ?? query.get('agent_id');
  if (legacyAgent !== null && legacyAgent !== '') {
    return {
      kind: 'agent',
      agentName: legacyAgent,
      projectName: query.get('project_id') ?? undefined,
    };
  }
  return undefined;
}

/**
 * Checks an upgrade request before it is accepted (reference §1.1–1.2). Order: path (404),
 * api-version (400), target (400), credentials (401), so a client learns the most basic mistake
 * first.
 */
export function checkHandshake(
  request: IncomingMessage,
  options: ResolvedOptions,
): HandshakeResult {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!PATHS.has(url.pathname)) {
    return reject(
      404,
      'NotFound',
      `no Voice Live endpoint at ${url.pathname}; use /voice-live/realtime`,
    );
  }
  const query = url.searchParams;
  const apiVersion = query.get('api-version');
  if (apiVersion === null || apiVersion === '') {
    return reject(
      400,
      'MissingApiVersion',
      'the api-version query parameter is required, e.g. api-version=2025-10-01',
    );
  }
  if (!API_VERSIONS.includes(apiVersion)) {
    if (options.strictApiVersion) {
      return reject(
        400,
        'UnsupportedApiVersion',
        `api-version '${apiVersion}' is not one of ${API_VERSIONS.join(', ')}`,
      );
    }
    options.logger.warn('unknown api-version accepted', { apiVersion });
  }
  const found = target(query);
  if (found === undefined) {
    return reject(
      400,
      'MissingTarget',
      'a target is required: model=<name>, or agent-name=<name> with agent-project-name=<project>',
    );
  }
  const authProblem = checkAuth(request, query, options);
  if (authProblem !== undefined) return reject(401, 'Unauthorized', authProblem);
  return { ok: true, target: found, apiVersion };
}
