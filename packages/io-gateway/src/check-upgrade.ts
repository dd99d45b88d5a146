import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** What the gateway decided about an upgrade request, before accepting it. */
export type UpgradeCheck =
  | { readonly ok: true; readonly query: URLSearchParams }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
    };

/** Client credentials the gateway accepts, as SHA-256 digests (equal length for timingSafeEqual). */
export interface Credentials {
  readonly apiKeys: readonly Buffer[];
  readonly bearerTokens: readonly Buffer[];
}

const CREDENTIAL_PARAMS = ['api-key', 'authorization'];

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Hashes the configured secrets once, so each check compares fixed-length digests. */
export function hashCredentials(auth: {
  readonly apiKeys: readonly string[];
  readonly bearerTokens: readonly string[];
}): Credentials {
  return { apiKeys: auth.apiKeys.map(digest), bearerTokens: auth.bearerTokens.map(digest) };
}

/** Constant time per candidate: every configured secret is compared, no early exit. */
function matches(candidate: string | undefined, secrets: readonly Buffer[]): boolean {
  if (candidate === undefined) return false;
  const offered = digest(candidate);
  let found = false;
  for (const secret of secrets) found = timingSafeEqual(offered, secret) || found;
  return found;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `Bearer tok`; URLSearchParams has already turned a `+` or `%20` into a space. */
function bearerToken(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return /^bearer[ +]+(.+)$/i.exec(value.trim())?.[1]?.trim();
}

function reject(status: number, code: string, message: string): UpgradeCheck {
  return { ok: false, status, code, message };
}

/**
 * Checks a client's upgrade request like Voice Live does (reference §1.1–1.2): path (404),
 * `api-version` present (400), then voxd's own credentials (401). The target (`model`) is not
 * required: the agent decides what the upstream talks to. The same checks exist in
 * `@voxd/local-server`'s handshake; io-* packages may not import it, and the gateway's rules differ
 * (constant-time compare, no target, no open mode).
 *
 * On success the query is returned without credentials, so they never reach `createUpstream`.
 */
export function checkUpgrade(
  request: IncomingMessage,
  paths: readonly string[],
  credentials: Credentials,
): UpgradeCheck {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!paths.includes(url.pathname)) {
    return reject(
      404,
      'NotFound',
      `no Voice Live endpoint at ${url.pathname}; use ${paths[0] ?? '/voice-live/realtime'}`,
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
  const keys = [header(request, 'api-key'), query.get('api-key') ?? undefined];
  const tokens = [
    bearerToken(header(request, 'authorization')),
    bearerToken(query.get('authorization') ?? undefined),
  ];
  // Non-short-circuit so a valid header does not answer faster than a valid query parameter.
  const keyOk = keys.map((key) => matches(key, credentials.apiKeys)).includes(true);
  const tokenOk = tokens.map((token) => matches(token, credentials.bearerTokens)).includes(true);
  if (!keyOk && !tokenOk) {
    const offered = [...keys, ...tokens].some((value) => value !== undefined);
    return reject(
      401,
      'Unauthorized',
      offered
        ? 'the API key or bearer token is not valid for this gateway'
        : 'missing credentials: send an api-key header or query parameter, or an Authorization: Bearer token',
    );
  }
  for (const name of CREDENTIAL_PARAMS) query.delete(name);
  return { ok: true, query };
}
