import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { checkVoiceLiveUpgrade } from '@voxd/protocol';
import type { UpgradeRejection } from '@voxd/protocol';

/** What the gateway decided about an upgrade request, before accepting it. */
export type UpgradeCheck =
  { readonly ok: true; readonly query: URLSearchParams } | UpgradeRejection;

/** Client credentials the gateway accepts, as SHA-256 digests (equal length for timingSafeEqual). */
export interface Credentials {
  readonly apiKeys: readonly Buffer[];
  readonly bearerTokens: readonly Buffer[];
}

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
function matches(candidate: string, secrets: readonly Buffer[]): boolean {
  const offered = digest(candidate);
  let found = false;
  for (const secret of secrets) found = timingSafeEqual(offered, secret) || found;
  return found;
}

/**
 * Checks a client's upgrade request like Voice Live does, with `@voxd/protocol`'s shared check:
 * path (404), `api-version` present (400), then voxd's own credentials (401). The gateway's policy:
 * no target required (the agent decides what the upstream talks to), no open mode, any
 * api-version (the upstream judges it), and secrets compared in constant time.
 *
 * On success the query is returned without credentials, so they never reach `createUpstream`.
 */
export function checkUpgrade(
  request: IncomingMessage,
  paths: readonly string[],
  credentials: Credentials,
): UpgradeCheck {
  const check = checkVoiceLiveUpgrade(request, {
    paths,
    requireTarget: false,
    serverName: 'gateway',
    authenticate: ({ apiKeys, bearerTokens }) => {
      // Non-short-circuit so a valid header does not answer faster than a valid query parameter.
      const keyOk = apiKeys.map((key) => matches(key, credentials.apiKeys)).includes(true);
      const tokenOk = bearerTokens
        .map((token) => matches(token, credentials.bearerTokens))
        .includes(true);
      return keyOk || tokenOk;
    },
  });
  return check.ok ? { ok: true, query: check.query } : check;
}
