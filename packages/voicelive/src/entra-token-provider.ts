import type { TokenCredential } from '@azure/core-auth';

import { TransportError } from './transport-error.js';

/** The token scope of Azure AI Foundry / Voice Live. */
export const VOICE_LIVE_SCOPE = 'https://ai.azure.com/.default';

/**
 * Returns a `getToken` for `auth: { type: 'token', getToken }` that asks `credential` for a Voice
 * Live access token (scope `https://ai.azure.com/.default`) on every call, i.e. on every connect.
 * The credential itself caches and refreshes tokens.
 *
 * @param credential Any `TokenCredential`. @default `new DefaultAzureCredential()` from
 *   `@azure/identity`, loaded on first use so that importing this package does not load it.
 * @throws TransportError `E_TRANSPORT_AUTH` (from the returned function) when no token is issued.
 * @example
 * const transport = createVoiceLiveTransport({ endpoint, target: { model: 'gpt-realtime' },
 *   auth: { type: 'token', getToken: createEntraTokenProvider() } });
 */
export function createEntraTokenProvider(credential?: TokenCredential): () => Promise<string> {
  let resolved: Promise<TokenCredential> | undefined =
    credential === undefined ? undefined : Promise.resolve(credential);
  return async () => {
    resolved ??= import('@azure/identity').then(
      (identity) => new identity.DefaultAzureCredential(),
    );
    let token: Awaited<ReturnType<TokenCredential['getToken']>>;
    try {
      token = await (await resolved).getToken(VOICE_LIVE_SCOPE);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new TransportError(
        'E_TRANSPORT_AUTH',
        `could not get an Entra ID token for ${VOICE_LIVE_SCOPE}: ${detail}`,
        { cause: error },
      );
    }
    if (token === null || token.token === '') {
      throw new TransportError(
        'E_TRANSPORT_AUTH',
        `the credential returned no token for ${VOICE_LIVE_SCOPE}`,
      );
    }
    return token.token;
  };
}
