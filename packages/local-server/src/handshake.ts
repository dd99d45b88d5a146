import type { IncomingMessage } from 'node:http';

import { checkVoiceLiveUpgrade } from '@voxd/protocol';
import type { Dialect, UpgradeRejection, UpgradeTarget, VoiceLiveFeatures } from '@voxd/protocol';

import type { ResolvedOptions } from './local-server-options.js';

/** What a connection talks to: a model, or a Foundry agent. */
export type SessionTarget = UpgradeTarget;

export type HandshakeResult =
  | {
      readonly ok: true;
      readonly target: SessionTarget;
      readonly apiVersion: string;
      readonly dialect: Dialect;
      readonly features: VoiceLiveFeatures;
    }
  | UpgradeRejection;

/**
 * Checks an upgrade request before it is accepted, with `@voxd/protocol`'s shared Voice Live check
 * (path 404, api-version 400, target 400, credentials 401). This server's policy: configured keys
 * and tokens, or open to any credential when none are configured (the dev default); unknown
 * api-versions are logged and accepted unless `strictApiVersion`.
 */
export function checkHandshake(
  request: IncomingMessage,
  options: ResolvedOptions,
): HandshakeResult {
  const open = options.apiKeys.length === 0 && options.bearerTokens.length === 0;
  const check = checkVoiceLiveUpgrade(request, {
    strictApiVersion: options.strictApiVersion,
    authenticate: open
      ? undefined
      : (offered) =>
          offered.apiKeys.some((key) => options.apiKeys.includes(key)) ||
          offered.bearerTokens.some((token) => options.bearerTokens.includes(token)),
  });
  if (!check.ok) return check;
  if (!check.apiVersionKnown) {
    options.logger.warn('unknown api-version accepted', { apiVersion: check.apiVersion });
  }
  return {
    ok: true,
    target: check.target,
    apiVersion: check.apiVersion,
    dialect: check.dialect,
    features: check.features,
  };
}
