import { API_VERSIONS } from './api-version.js';
import { dialectOf } from './dialect.js';
import type { Dialect } from './dialect.js';
import { rejectUpgrade } from './upgrade-rejection.js';
import type { UpgradeRejection } from './upgrade-rejection.js';
import { readUpgradeTarget } from './upgrade-target.js';
import type { UpgradeTarget } from './upgrade-target.js';
import { parseVoiceLiveFeatures, VOICE_LIVE_FEATURES_HEADER } from './voice-live-features.js';
import type { VoiceLiveFeatures } from './voice-live-features.js';

/** The paths a Voice Live server listens on: the current one first, then the early-preview one. */
export const VOICE_LIVE_PATHS: readonly string[] = Object.freeze([
  '/voice-live/realtime',
  '/voice-agent/realtime',
]);

/** The parts of an HTTP upgrade request the check reads (a Node `IncomingMessage` fits). */
export interface UpgradeRequest {
  /** Checked when given: an upgrade must be a `GET`. */
  readonly method?: string | undefined;
  /** The request target, e.g. `/voice-live/realtime?api-version=2025-10-01&model=gpt-realtime`. */
  readonly url?: string | undefined;
  /** Header values by name; names are matched case-insensitively, the first of a repeated header wins. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

/**
 * Every credential a client offered (§1.2), present ones only, in the order header then query.
 * Bearer tokens are without the `Bearer ` prefix.
 */
export interface OfferedCredentials {
  readonly apiKeys: readonly string[];
  readonly bearerTokens: readonly string[];
}

/** How one server checks upgrades; what differs between the local server and the gateway. */
export interface VoiceLiveUpgradePolicy {
  /** @default {@link VOICE_LIVE_PATHS} */
  readonly paths?: readonly string[];
  /**
   * Reject an `api-version` that is not in {@link API_VERSIONS} with 400 instead of accepting it
   * (`apiVersionKnown: false` tells the caller to log it, §1.1).
   * @default false
   */
  readonly strictApiVersion?: boolean;
  /**
   * Require a model or agent target (400 `MissingTarget` without one). The gateway does not: its
   * agent decides what the upstream talks to.
   * @default true
   */
  readonly requireTarget?: boolean;
  /**
   * Decides whether the offered credentials are valid; called only when at least one was offered.
   * Omit it for an open server that accepts any credential or none.
   */
  readonly authenticate?: ((offered: OfferedCredentials) => boolean) | undefined;
  /**
   * What the 401 message calls this server ("not valid for this gateway").
   * @default 'server'
   */
  readonly serverName?: string;
}

/** An upgrade that may go ahead. */
export interface UpgradeAcceptance<TTarget extends UpgradeTarget | undefined> {
  readonly ok: true;
  readonly path: string;
  readonly apiVersion: string;
  /** `false` for a value outside {@link API_VERSIONS} that a lenient policy let through. */
  readonly apiVersionKnown: boolean;
  /** The wire shape the connection speaks, from its api-version. */
  readonly dialect: Dialect;
  /** The `VoiceLive-Features` header, parsed; `{}` without one. */
  readonly features: VoiceLiveFeatures;
  readonly target: TTarget;
  /** The query without `api-key` and `authorization`, so client credentials go no further. */
  readonly query: URLSearchParams;
}

/** The outcome of {@link checkVoiceLiveUpgrade}. */
export type VoiceLiveUpgradeCheck<TTarget extends UpgradeTarget | undefined> =
  UpgradeAcceptance<TTarget> | UpgradeRejection;

const CREDENTIAL_PARAMS = ['api-key', 'authorization'];

function header(request: UpgradeRequest, name: string): string | undefined {
  let value = request.headers[name];
  if (value === undefined) {
    const key = Object.keys(request.headers).find((k) => k.toLowerCase() === name);
    value = key === undefined ? undefined : request.headers[key];
  }
  return typeof value === 'string' ? value : value?.[0];
}

/** `Bearer tok` or `Bearer+tok` (URLSearchParams has already turned `+` and `%20` into a space). */
function bearerToken(value: string | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  return /^bearer[ +]+(.+)$/i.exec(value.trim())?.[1]?.trim();
}

function present(values: readonly (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined);
}

function offeredCredentials(request: UpgradeRequest, query: URLSearchParams): OfferedCredentials {
  return {
    apiKeys: present([header(request, 'api-key'), query.get('api-key') ?? undefined]),
    bearerTokens: present([
      bearerToken(header(request, 'authorization')),
      bearerToken(query.get('authorization')),
    ]),
  };
}

function checkCredentials(
  request: UpgradeRequest,
  query: URLSearchParams,
  policy: VoiceLiveUpgradePolicy,
): UpgradeRejection | undefined {
  if (policy.authenticate === undefined) return undefined;
  const offered = offeredCredentials(request, query);
  if (offered.apiKeys.length === 0 && offered.bearerTokens.length === 0) {
    return rejectUpgrade(
      401,
      'Unauthorized',
      'missing credentials: send an api-key header or query parameter, or an Authorization: Bearer token',
    );
  }
  if (policy.authenticate(offered)) return undefined;
  return rejectUpgrade(
    401,
    'Unauthorized',
    `the API key or bearer token is not valid for this ${policy.serverName ?? 'server'}`,
  );
}

function parseUrl(url: string | undefined): URL | undefined {
  try {
    return new URL(url ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}

/**
 * Checks a Voice Live WebSocket upgrade request before it is accepted (reference §1.1–1.2). Pure:
 * no I/O, the server writes the result. Order: path (404), method (405), api-version (400),
 * target (400), credentials in the query on `v1` (401: `v1` takes them in headers only),
 * `VoiceLive-Features` (400), credentials (401), so a client learns the most basic mistake first.
 *
 * @param request - method, url and headers of the upgrade request
 * @param policy - what this server accepts
 * @returns `ok: true` with the api-version, target and credential-free query, or an
 *   {@link UpgradeRejection} with the status and JSON body to answer instead of the upgrade
 * @example
 * const check = checkVoiceLiveUpgrade(request, { authenticate: ({ apiKeys }) => apiKeys.includes(key) });
 * if (!check.ok) socket.end(formatUpgradeResponse(check));
 */
export function checkVoiceLiveUpgrade(
  request: UpgradeRequest,
  policy: VoiceLiveUpgradePolicy & { readonly requireTarget?: true },
): VoiceLiveUpgradeCheck<UpgradeTarget>;
export function checkVoiceLiveUpgrade(
  request: UpgradeRequest,
  policy: VoiceLiveUpgradePolicy,
): VoiceLiveUpgradeCheck<UpgradeTarget | undefined>;
export function checkVoiceLiveUpgrade(
  request: UpgradeRequest,
  policy: VoiceLiveUpgradePolicy,
): VoiceLiveUpgradeCheck<UpgradeTarget | undefined> {
  const paths = policy.paths ?? VOICE_LIVE_PATHS;
  const url = parseUrl(request.url);
  if (url === undefined) {
    return rejectUpgrade(400, 'InvalidUrl', `the request target '${request.url}' is not a URL`);
  }
  if (!paths.includes(url.pathname)) {
    return rejectUpgrade(
      404,
      'NotFound',
      `no Voice Live endpoint at ${url.pathname}; use ${paths[0] ?? '/voice-live/realtime'}`,
    );
  }
  if (request.method !== undefined && request.method.toUpperCase() !== 'GET') {
    return rejectUpgrade(
      405,
      'MethodNotAllowed',
      `a WebSocket upgrade is a GET, not ${request.method}`,
    );
  }
  const query = url.searchParams;
  const apiVersion = query.get('api-version');
  if (apiVersion === null || apiVersion === '') {
    return rejectUpgrade(
      400,
      'MissingApiVersion',
      'the api-version query parameter is required, e.g. api-version=2025-10-01',
    );
  }
  const apiVersionKnown = API_VERSIONS.includes(apiVersion);
  if (!apiVersionKnown && policy.strictApiVersion === true) {
    return rejectUpgrade(
      400,
      'UnsupportedApiVersion',
      `api-version '${apiVersion}' is not one of ${API_VERSIONS.join(', ')}`,
    );
  }
  const target = readUpgradeTarget(query);
  if (target === undefined && policy.requireTarget !== false) {
    return rejectUpgrade(
      400,
      'MissingTarget',
      'a target is required: model=<name>, or agent-name=<name> with agent-project-name=<project>',
    );
  }
  const dialect = dialectOf(apiVersion);
  const inQuery = CREDENTIAL_PARAMS.filter((name) => query.has(name));
  if (dialect === 'v1' && inQuery.length > 0) {
    return rejectUpgrade(
      401,
      'Unauthorized',
      `api-version=v1 takes credentials in headers only (api-key or Authorization: Bearer); remove ${inQuery.join(' and ')} from the query`,
    );
  }
  const featuresHeader = header(request, VOICE_LIVE_FEATURES_HEADER.toLowerCase());
  const features = parseVoiceLiveFeatures(featuresHeader ?? '');
  if (!features.ok) {
    return rejectUpgrade(400, 'InvalidFeatures', features.error.message);
  }
  const authProblem = checkCredentials(request, query, policy);
  if (authProblem !== undefined) return authProblem;
  for (const name of CREDENTIAL_PARAMS) query.delete(name);
  return {
    ok: true,
    path: url.pathname,
    apiVersion,
    apiVersionKnown,
    dialect,
    features: features.features,
    target,
    query,
  };
}
