import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';

import { createEntraTokenProvider, VOICE_LIVE_SCOPE } from '../src/entra-token-provider.js';
import { TransportError } from '../src/transport-error.js';

/** A TokenCredential whose answers come from a list, one per call. */
class ScriptedCredential implements TokenCredential {
  readonly scopes: (string | string[])[] = [];
  constructor(private readonly answers: (AccessToken | null | Error)[]) {}
  getToken(scopes: string | string[]): Promise<AccessToken | null> {
    this.scopes.push(scopes);
    const answer = this.answers.shift() ?? null;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

const token = (value: string): AccessToken => ({
  token: value,
  expiresOnTimestamp: Date.now() + 60_000,
});

describe('createEntraTokenProvider', () => {
  it('asks the credential for the Voice Live scope on every call', async () => {
    const credential = new ScriptedCredential([token('t1'), token('t2')]);
    const getToken = createEntraTokenProvider(credential);
    expect(await getToken()).toBe('t1');
    expect(await getToken()).toBe('t2');
    expect(credential.scopes).toEqual([VOICE_LIVE_SCOPE, VOICE_LIVE_SCOPE]);
    expect(VOICE_LIVE_SCOPE).toBe('https://ai.azure.com/.default');
  });

  it('turns a missing token or a credential failure into E_TRANSPORT_AUTH', async () => {
    const getToken = createEntraTokenProvider(
      new ScriptedCredential([null, new Error('CredentialUnavailableError: no login')]),
    );
    await expect(getToken()).rejects.toThrow(/returned no token/);
    const failure: unknown = await getToken().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransportError);
    expect(failure).toMatchObject({ code: 'E_TRANSPORT_AUTH', retryable: false });
    expect((failure as Error).message).toContain('no login');
  });
});
